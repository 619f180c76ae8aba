// Opaque, signed sync tokens: base64url(JSON) + "." + HMAC. They carry the stream, the caller, the change-log
// position, the issue time (7-day life on the emulator clock), the state epoch (reset kills them) and, for
// entries, the FSync scope that ISync keeps using.
import { createHmac, timingSafeEqual } from 'node:crypto';
import { z } from 'zod';
import { DAY } from '../clock.ts';
import { badParam, type RcError } from '../http/errors.ts';
import { SyncScopeEnum } from './schemas.ts';

export const SYNC_TOKEN_TTL_MS = 7 * DAY;

const Payload = z.object({
  kind: z.enum(['threads', 'entries']),
  account: z.string(),
  ext: z.string(),
  seq: z.number().int().nonnegative(),
  issuedAt: z.number(),
  epoch: z.string(),
  scope: SyncScopeEnum.optional(),
  threadIds: z.array(z.string()).optional(),
});
export type SyncTokenPayload = z.infer<typeof Payload>;

function sign(secret: string, body: string): string {
  return createHmac('sha256', secret).update(body).digest('base64url').slice(0, 27);
}

export function encodeSyncToken(secret: string, payload: SyncTokenPayload): string {
  const body = Buffer.from(JSON.stringify(payload)).toString('base64url');
  return `${body}.${sign(secret, body)}`;
}

export function decodeSyncToken(secret: string, token: string): SyncTokenPayload | null {
  const [body, signature, extra] = token.split('.');
  if (!body || !signature || extra !== undefined) return null;
  const expected = Buffer.from(sign(secret, body));
  const given = Buffer.from(signature);
  if (expected.length !== given.length || !timingSafeEqual(expected, given)) return null;
  try {
    const parsed = Payload.safeParse(JSON.parse(Buffer.from(body, 'base64url').toString('utf8')));
    return parsed.success ? parsed.data : null;
  } catch {
    return null;
  }
}

export interface TokenExpectation {
  kind: SyncTokenPayload['kind'];
  account: string;
  ext: string;
  epoch: string;
  currentSeq: number;
  now: number;
}

const invalidToken = (): RcError =>
  badParam('syncToken', 'Parameter [syncToken] value is invalid.', 'CMN-101');
const expiredToken = (): RcError =>
  badParam(
    'syncToken',
    'Sync token is expired or no longer valid, full synchronization is required.',
    'MSG-411',
  );

/** The token's payload, or the 400 a client answers with FSync (CMN-101 unreadable, MSG-411 stale). */
export function checkSyncToken(secret: string, token: string, expect: TokenExpectation): SyncTokenPayload {
  const payload = decodeSyncToken(secret, token);
  if (!payload || payload.kind !== expect.kind) throw invalidToken();
  if (payload.account !== expect.account || payload.ext !== expect.ext) throw invalidToken();
  if (payload.epoch !== expect.epoch || payload.seq > expect.currentSeq) throw expiredToken();
  if (expect.now - payload.issuedAt > SYNC_TOKEN_TTL_MS) throw expiredToken();
  return payload;
}
