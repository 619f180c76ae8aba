// Sync tokens are opaque, signed and checked against the caller, the stream, the epoch and their age.
import { describe, expect, it } from 'vitest';
import { RcError } from '../http/errors.ts';
import {
  checkSyncToken,
  decodeSyncToken,
  encodeSyncToken,
  SYNC_TOKEN_TTL_MS,
  type SyncTokenPayload,
} from './sync-token.ts';

const payload: SyncTokenPayload = {
  kind: 'entries',
  account: 'acc',
  ext: 'me',
  seq: 10,
  issuedAt: 1_000,
  epoch: 'e1',
  scope: 'Accessible',
};
const expect_ = {
  kind: 'entries' as const,
  account: 'acc',
  ext: 'me',
  epoch: 'e1',
  currentSeq: 12,
  now: 2_000,
};

function codeOf(run: () => unknown): string | undefined {
  try {
    run();
  } catch (error) {
    if (error instanceof RcError)
      return `${error.status} ${error.errors[0]?.errorCode} ${error.errors[0]?.parameterName}`;
    throw error;
  }
  return undefined;
}

describe('sync tokens', () => {
  it('round-trips and refuses tampering', () => {
    const token = encodeSyncToken('secret', payload);
    expect(decodeSyncToken('secret', token)).toEqual(payload);
    expect(decodeSyncToken('other', token)).toBeNull();
    const [body, sig] = token.split('.');
    const forged = Buffer.from(JSON.stringify({ ...payload, seq: 0 })).toString('base64url');
    expect(decodeSyncToken('secret', `${forged}.${sig}`)).toBeNull();
    expect(decodeSyncToken('secret', `${body}`)).toBeNull();
  });

  it('checks stream, caller, epoch, position and age', () => {
    const token = encodeSyncToken('secret', payload);
    expect(checkSyncToken('secret', token, expect_)).toEqual(payload);
    expect(codeOf(() => checkSyncToken('secret', token, { ...expect_, kind: 'threads' }))).toBe(
      '400 CMN-101 syncToken',
    );
    expect(codeOf(() => checkSyncToken('secret', token, { ...expect_, ext: 'you' }))).toBe(
      '400 CMN-101 syncToken',
    );
    expect(codeOf(() => checkSyncToken('secret', token, { ...expect_, epoch: 'e2' }))).toBe(
      '400 MSG-411 syncToken',
    );
    expect(codeOf(() => checkSyncToken('secret', token, { ...expect_, currentSeq: 9 }))).toBe(
      '400 MSG-411 syncToken',
    );
    expect(
      codeOf(() => checkSyncToken('secret', token, { ...expect_, now: 1_000 + SYNC_TOKEN_TTL_MS })),
    ).toBeUndefined();
    expect(
      codeOf(() => checkSyncToken('secret', token, { ...expect_, now: 1_001 + SYNC_TOKEN_TTL_MS })),
    ).toBe('400 MSG-411 syncToken');
  });
});
