import { describe, expect, it } from 'vitest';
import { RcError } from '../rc/errors';
import { failureStatus, isRetryable, retryDelay } from './status';
import { isInvalidToken } from './stream';

const err = (code: string, status?: number, extra: { retryAfterMs?: number; body?: unknown } = {}) =>
  new RcError(code, `${code} happened`, { status, ...extra });

describe('sync failure handling', () => {
  it('recognises refused sync tokens and nothing else', () => {
    expect(isInvalidToken(err('MSG-411', 400))).toBe(true);
    expect(isInvalidToken(err('CMN-101', 400))).toBe(true);
    expect(isInvalidToken(err('CMN-100', 400, { body: { errors: [{ parameterName: 'syncToken' }] } }))).toBe(
      true,
    );
    expect(isInvalidToken(err('CMN-100', 400, { body: { errors: [{ parameterName: 'scope' }] } }))).toBe(
      false,
    );
    expect(isInvalidToken(err('MSG-411', 500))).toBe(false);
    expect(isInvalidToken(err('network'))).toBe(false);
  });

  it('maps failures to what the agent sees', () => {
    expect(failureStatus(err('CMN-301', 429, { retryAfterMs: 30_000 }), 1_000)).toMatchObject({
      state: 'rateLimited',
      retryAt: 31_000,
    });
    expect(failureStatus(err('network'), 0, false).state).toBe('offline');
    expect(failureStatus(err('network'), 0, true).state).toBe('unreachable');
    expect(failureStatus(err('CMN-201', 503), 0).state).toBe('unreachable');
    expect(failureStatus(err('CMN-102', 404), 0).state).toBe('error');
  });

  it('retries transient failures with growing, capped delays that respect Retry-After', () => {
    expect(isRetryable(err('network'))).toBe(true);
    expect(isRetryable(err('CMN-301', 429))).toBe(true);
    expect(isRetryable(err('CMN-201', 503))).toBe(true);
    expect(isRetryable(err('signedOut', 401))).toBe(false);
    expect(isRetryable(err('CMN-401', 403))).toBe(false);
    expect(retryDelay(1, err('network'), 0)).toBe(2_000);
    expect(retryDelay(3, err('network'), 0)).toBe(8_000);
    expect(retryDelay(30, err('network'), 0)).toBe(300_000);
    expect(retryDelay(1, err('CMN-301', 429, { retryAfterMs: 60_000 }), 0)).toBe(60_000);
  });
});
