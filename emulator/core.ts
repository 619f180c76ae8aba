// What every handler reaches: clock, the live world, notifications, the carrier, media and persistence.
import type { EventEmitter } from 'node:events';
import type { Clock } from './clock.ts';
import type { MediaStore } from './media.ts';
import type { Profile } from './profile.ts';
import type { World } from './world.ts';

export interface Caller {
  accountId: string;
  extensionId: string;
  clientId: string;
  sessionId: string;
}

/** What the live page feed (/__emulator/events) carries besides the ThreadEvents. */
export type FeedEvent =
  | { type: 'message'; accountId: string; thread: unknown; message: unknown }
  | { type: 'thread'; accountId: string; thread: unknown }
  | { type: 'note'; accountId: string; note: unknown }
  | { type: 'optOut'; accountId: string; sharedNumber: string; customer: string; optedOut: boolean }
  | { type: 'reset' };

export interface Core {
  clock: Clock;
  /** Which operations answer as production does (emulator/profile.ts). */
  profile: Profile;
  world(): World;
  baseUrl(): string;
  /** 'thread-event' (ThreadEvent) for the gateway and 'feed' (FeedEvent) for the live page feed. */
  events: EventEmitter;
  media: MediaStore;
  markDirty(): void;
  /** Hands an outbound message to the carrier, which moves its status along. */
  dispatch(accountId: string, messageId: string): void;
}
