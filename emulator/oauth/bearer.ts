// Bearer authentication for API routes: a missing, unknown, revoked or expired access token is a 401 in
// RingCentral's legacy error shape (the SDK reads the top-level `message` and refreshes on 401).
import type { Caller } from '../core.ts';
import { unauthorized } from '../http/errors.ts';
import type { TokenStore } from './tokens.ts';

export function authenticateBearer(tokens: TokenStore, authorization: string | undefined): Caller {
  const match = /^bearer\s+(\S+)$/i.exec(authorization?.trim() ?? '');
  if (!match?.[1])
    throw unauthorized('CMN-405', 'Login required: the Authorization header with a bearer token is missing.');
  const check = tokens.checkAccess(match[1]);
  if (!check.ok) {
    throw check.reason === 'expired'
      ? unauthorized('OAU-128', 'Access token expired.')
      : unauthorized('OAU-213', 'Token not found: it is invalid or was revoked.');
  }
  const { session } = check;
  return {
    accountId: session.accountId,
    extensionId: session.extensionId,
    clientId: session.clientId,
    sessionId: session.id,
  };
}
