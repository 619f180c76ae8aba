// The WebSocket token hand-off to the gateway seam: single use, and the identity carries the app's client id
// (typed by GatewayDeps, so the rate-limit key needs no cast).
import { describe, expect, it } from 'vitest';
import { createClock } from '../clock.ts';
import type { GatewayDeps } from '../push/types.ts';
import { TokenStore } from './tokens.ts';

describe('TokenStore ws tokens', () => {
  it('hands the gateway a single-use identity that includes the client id', () => {
    const tokens = new TokenStore(createClock());
    const seam: Pick<GatewayDeps, 'consumeWsToken'> = { consumeWsToken: (t) => tokens.consumeWsToken(t) };
    const { token } = tokens.mintWsToken({ accountId: 'a1', extensionId: 'e1', clientId: 'app-1' });
    const identity = seam.consumeWsToken(token);
    // Read through the seam's type: this line only compiles when the type declares clientId.
    expect(identity?.clientId).toBe('app-1');
    expect(identity).toEqual({ accountId: 'a1', extensionId: 'e1', clientId: 'app-1' });
    expect(seam.consumeWsToken(token)).toBeNull();
  });
});
