// Session events for tests that drive lib/auth/session without the rest of the background.
import { vi } from 'vitest';
import type { SessionEvents } from '../../lib/auth/session';

export function sessionEvents(over: Partial<SessionEvents> = {}): SessionEvents {
  return {
    beginAgent: vi.fn(async () => undefined),
    onSignedIn: vi.fn(async () => undefined),
    onSignedOut: vi.fn(async () => undefined),
    ...over,
  };
}
