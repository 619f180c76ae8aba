// WebSocket session context tokens. RingCentral tells a malformed token (Error WSG-400, connection closed) apart
// from a well-formed one whose session is gone (recoveryState Failed), so tokens carry a checkable shape.
import { randomBytes, randomUUID } from 'node:crypto';

const PREFIX = 'wsc1';
const DECODED_SHAPE = /^wsc1\.[0-9a-f-]{36}\.[A-Za-z0-9_-]{16}$/;

export function mintWscToken(): string {
  const decoded = `${PREFIX}.${randomUUID()}.${randomBytes(12).toString('base64url')}`;
  return Buffer.from(decoded, 'utf8').toString('base64url');
}

export function isWellFormedWscToken(token: string): boolean {
  if (!/^[A-Za-z0-9_-]+$/.test(token)) return false;
  return DECODED_SHAPE.test(Buffer.from(token, 'base64url').toString('utf8'));
}
