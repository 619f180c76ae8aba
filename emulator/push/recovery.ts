// What a connection with (or without) a `wsc` query parameter resumes (docs/emulator.md "Push" and RingCentral's observed
// answers: no subscription → WSG-1005, another auth session → WSG-1003, malformed token → Error WSG-400).
import type { Identity } from './event-filters.ts';
import type { SessionRegistry, WsgSession } from './session.ts';
import { RECOVERY_ERRORS } from './wsg-limits.ts';
import { isWellFormedWscToken } from './wsc-token.ts';

export type RecoveryDecision =
  | { kind: 'fresh' }
  | { kind: 'malformed' }
  | { kind: 'recovered'; session: WsgSession }
  | { kind: 'failed'; errorCode: string; discard?: WsgSession };

export function decideRecovery(
  wsc: string | undefined,
  identity: Identity,
  registry: SessionRegistry,
  now: number,
  recoveryTimeoutMs: number,
): RecoveryDecision {
  if (!wsc) return { kind: 'fresh' };
  if (!isWellFormedWscToken(wsc)) return { kind: 'malformed' };
  const session = registry.get(wsc);
  if (!session) return { kind: 'failed', errorCode: RECOVERY_ERRORS.sessionExpired };
  const sameIdentity =
    session.identity.accountId === identity.accountId &&
    session.identity.extensionId === identity.extensionId;
  if (!sameIdentity) return { kind: 'failed', errorCode: RECOVERY_ERRORS.otherAuthSession };
  if (session.disconnectedAt !== undefined && now - session.disconnectedAt > recoveryTimeoutMs) {
    return { kind: 'failed', errorCode: RECOVERY_ERRORS.sessionExpired, discard: session };
  }
  if (!session.subscription) {
    return { kind: 'failed', errorCode: RECOVERY_ERRORS.noSubscription, discard: session };
  }
  return { kind: 'recovered', session };
}
