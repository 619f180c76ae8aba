// The first frame of every connection (docs/emulator.md "Push"); recoveryState only answers a `wsc` reconnect.
import { encodeFrame, serverMeta } from './frames.ts';
import type { WsgSession } from './session.ts';
import { WSG_LIMITS } from './wsg-limits.ts';

export type RecoveryOutcome = { state: 'Successful' } | { state: 'Failed'; errorCode: string };

export function connectionDetailsFrame(session: WsgSession, now: number, recovery?: RecoveryOutcome): string {
  const body: Record<string, unknown> = { creationTime: new Date(now).toISOString(), ...WSG_LIMITS };
  if (recovery) {
    body.recoveryState = recovery.state;
    if (recovery.state === 'Failed') body.recoveryErrorCode = recovery.errorCode;
  }
  return encodeFrame(serverMeta('ConnectionDetails', { wsc: session.nextWsc() }), body);
}
