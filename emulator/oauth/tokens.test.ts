// WebSocket tokens handed to the gateway seam: reusable within their TTL (both official clients reconnect with
// their cached token), dead once expired or once their session is revoked; the identity carries the app's id.
import { describe, expect, it } from 'vitest';
import { createClock } from '../clock.ts';
import type { GatewayDeps } from '../push/types.ts';
import { TokenStore, WS_TOKEN_TTL_S } from './tokens.ts';

function setUp() {
  const clock = createClock();
  const tokens = new TokenStore(clock);
  const session = tokens.createSession(
    { accountId: 'a1', extensionId: 'e1', clientId: 'app-1' },
    3600,
    86400,
  );
  const seam: Pick<GatewayDeps, 'checkWsToken'> = { checkWsToken: (t) => tokens.checkWsToken(t) };
  const { token } = tokens.mintWsToken({ ...session, sessionId: session.id });
  return { clock, tokens, session, seam, token };
}

describe('TokenStore ws tokens', () => {
  it('hands the gateway the identity, client id included, on every use within the TTL', () => {
    const { clock, seam, token } = setUp();
    const identity = seam.checkWsToken(token);
    // Read through the seam's type: this line only compiles when the type declares clientId.
    expect(identity?.clientId).toBe('app-1');
    expect(identity).toEqual({ accountId: 'a1', extensionId: 'e1', clientId: 'app-1' });
    clock.advance((WS_TOKEN_TTL_S - 1) * 1000);
    expect(seam.checkWsToken(token)).toEqual(identity);
    clock.advance(1000);
    expect(seam.checkWsToken(token)).toBeNull();
  });

  it('stops working when its session is revoked', () => {
    const { tokens, session, seam, token } = setUp();
    tokens.revoke(session);
    expect(seam.checkWsToken(token)).toBeNull();
  });
});
