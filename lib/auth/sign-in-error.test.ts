import { describe, expect, it } from 'vitest';
import { protocolFailureOf } from '../messaging';
import { RcError } from '../rc/errors';
import {
  launchRejection,
  probeAuthorizePage,
  redirectFailure,
  toSignInError,
  tokenFailure,
} from './sign-in-error';

const replying = (response: Response | Error): typeof fetch =>
  (async () => {
    if (response instanceof Error) throw response;
    return response;
  }) as typeof fetch;

describe('why a sign-in failed', () => {
  it('tells a closed window from a page that could not load (Chrome and Firefox wording)', () => {
    expect(launchRejection(new Error('The user did not approve access.'))).toBe('closed');
    expect(launchRejection(new Error('User cancelled or denied access.'))).toBe('closed');
    expect(launchRejection(new Error('Authorization page could not be loaded.'))).toBe('pageFailed');
  });

  it('a 429 on the sign-in page is "rate limited" with the wait, never "cancelled"', async () => {
    const f = await probeAuthorizePage(
      'https://rc.example/restapi/oauth/authorize',
      replying(new Response('{}', { status: 429, headers: { 'Retry-After': '42' } })),
    );
    expect(f.problem).toBe('rateLimited');
    expect(f.message).toContain('42 s');
    expect(protocolFailureOf(toSignInError(f)).code).toBe('rateLimited');
  });

  it('an unreachable server, a 5xx and a 4xx page each say so', async () => {
    const url = 'https://rc.example/restapi/oauth/authorize';
    expect((await probeAuthorizePage(url, replying(new TypeError('Failed to fetch')))).problem).toBe(
      'unreachable',
    );
    expect((await probeAuthorizePage(url, replying(new Response('', { status: 503 })))).problem).toBe(
      'unreachable',
    );
    const bad = await probeAuthorizePage(
      url,
      replying(
        new Response(JSON.stringify({ error: 'invalid_request', error_description: 'Unknown client_id' }), {
          status: 400,
        }),
      ),
    );
    expect(bad).toEqual({
      problem: 'refused',
      message: 'RingCentral refused the sign-in: Unknown client_id',
    });
  });

  it('a redirect with access_denied is a cancel; other errors are refusals with their description', () => {
    expect(redirectFailure('access_denied', 'The user cancelled').problem).toBe('cancelled');
    expect(redirectFailure('unauthorized_client', 'App not allowed')).toEqual({
      problem: 'refused',
      message: 'RingCentral refused the sign-in: App not allowed',
    });
  });

  it('classifies refused token requests: 429, wrong JWT, server down, refused code', () => {
    const limited = tokenFailure(
      new RcError('CMN-301', 'Request rate exceeded', { status: 429, retryAfterMs: 30_000 }),
      'jwt',
    );
    expect(limited.problem).toBe('rateLimited');
    expect(limited.message).toContain('30 s');
    const wrong = tokenFailure(
      new RcError('invalid_grant', 'The JWT assertion is invalid.', { status: 400 }),
      'jwt',
    );
    expect(wrong.problem).toBe('wrongCredentials');
    expect(tokenFailure(new RcError('network', 'ECONNREFUSED'), 'code').problem).toBe('unreachable');
    expect(
      tokenFailure(
        new RcError('invalid_grant', 'Authorization code was already used.', { status: 400 }),
        'code',
      ).problem,
    ).toBe('refused');
  });
});
