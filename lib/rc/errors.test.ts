import { describe, expect, it } from 'vitest';
import { ProtocolError, protocolFailureOf } from '../messaging';
import { describeRcError, errorFromReply, RcError, toProtocolError, toRcError } from './errors';

function apiError(status: number, body: unknown, headers: Record<string, string> = {}) {
  const response = new Response(JSON.stringify(body), {
    status,
    headers: { 'Content-Type': 'application/json', ...headers },
  });
  // The SDK's ApiError: a message from the top-level body fields, the response attached.
  return Object.assign(new Error(`${status}`), { response });
}

describe('RingCentral errors', () => {
  it('reads errors[0].errorCode, which the SDK ignores', async () => {
    const e = await toRcError(
      apiError(403, {
        errors: [
          {
            errorCode: 'MSG-427',
            message: 'The thread is not assigned to extension [5] at the moment.',
            extensionId: '5',
          },
        ],
      }),
    );
    expect(e).toMatchObject({ code: 'MSG-427', status: 403 });
    expect(e.permanent).toBe(true);
    expect(describeRcError(e).code).toBe('notAssignee');
  });

  it('maps 429 with Retry-After to rateLimited and a transient error', async () => {
    const e = await toRcError(
      apiError(429, { errorCode: 'CMN-301', message: 'Request rate exceeded' }, { 'Retry-After': '7' }),
    );
    expect(e).toMatchObject({ code: 'CMN-301', retryAfterMs: 7000 });
    expect(e.transient).toBe(true);
    expect(e.permanent).toBe(false);
    expect(describeRcError(e)).toEqual({
      code: 'rateLimited',
      message: expect.stringContaining('7 s'),
      retryAfterMs: 7000,
    });
  });

  it('treats network failures and 5xx as transient and ambiguous, OAuth errors by their `error`', async () => {
    const net = await toRcError(new TypeError('fetch failed'));
    expect(net).toMatchObject({ code: 'network', transient: true, ambiguous: true });
    expect(describeRcError(net).code).toBe('offline');
    const timeout = await toRcError(Object.assign(new Error('slow'), { name: 'TimeoutError' }));
    expect(timeout.code).toBe('timeout');
    const five = errorFromReply(
      503,
      { errors: [{ errorCode: 'CMN-201', message: 'Service unavailable' }] },
      new Headers(),
    );
    expect(five).toMatchObject({ transient: true, ambiguous: true, permanent: false });
    expect(describeRcError(five).code).toBe('server');
    const oauth = await toRcError(
      apiError(400, { error: 'invalid_grant', error_description: 'Token is revoked' }),
    );
    expect(oauth).toMatchObject({ code: 'invalid_grant', message: 'Token is revoked', permanent: true });
  });

  it('maps refusals to the protocol codes', () => {
    const d = (code: string, status: number, message = 'x') =>
      describeRcError(new RcError(code, message, { status }));
    expect(d('signedOut', 401).code).toBe('signedOut');
    expect(d('MSG-428', 403, 'The thread [1] is not open.').code).toBe('threadResolved');
    expect(d('CMN-102', 404).code).toBe('notFound');
    expect(d('MSG-999', 400, 'Recipient has opted out').code).toBe('optedOut');
    expect(d('CMN-101', 400, 'Parameter [text] value is invalid.').code).toBe('invalidRequest');
  });

  it('produces ProtocolErrors, with the wait of a 429, and leaves existing ones alone', async () => {
    const err = await toProtocolError(new RcError('MSG-427', 'x', { status: 403 }));
    expect(protocolFailureOf(err)).toEqual({
      code: 'notAssignee',
      message: 'Another agent is assigned to this conversation. Assign it to yourself to reply.',
    });
    const limited = await toProtocolError(new RcError('CMN-301', 'x', { status: 429, retryAfterMs: 7_000 }));
    expect(protocolFailureOf(limited)).toMatchObject({ code: 'rateLimited', retryAfterMs: 7_000 });
    const already = new ProtocolError('forbidden', 'no');
    expect(await toProtocolError(already)).toBe(already);
  });
});
