import { describe, expect, it } from 'vitest';
import { authorizeUrl, base64url, challengeS256, createState, createVerifier, parseRedirect } from './pkce';

describe('PKCE', () => {
  it('makes the S256 challenge of RFC 7636 appendix B', async () => {
    expect(await challengeS256('dBjftJeZ4CVP-mB92K27uhbUJU1p1r_wW1gFWFOEjXk')).toBe(
      'E9Melhoa2OwvFrEMTJguCHaoeK1t8URWbuGJSstw-cM',
    );
  });

  it('makes fresh 43-character url-safe verifiers', () => {
    const a = createVerifier();
    expect(a).toMatch(/^[A-Za-z0-9_-]{43}$/);
    expect(createVerifier()).not.toBe(a);
    expect(createState()).not.toBe(createState());
    expect(base64url(new Uint8Array([251, 255]))).toBe('-_8');
  });

  it('builds the authorize URL on the configured server', () => {
    const url = new URL(
      authorizeUrl({
        server: 'http://127.0.0.1:4000',
        clientId: 'cid',
        redirectUri: 'https://abc.chromiumapp.org/',
        state: 'st',
        challenge: 'ch',
      }),
    );
    expect(url.origin + url.pathname).toBe('http://127.0.0.1:4000/restapi/oauth/authorize');
    expect(Object.fromEntries(url.searchParams)).toEqual({
      response_type: 'code',
      client_id: 'cid',
      redirect_uri: 'https://abc.chromiumapp.org/',
      state: 'st',
      code_challenge: 'ch',
      code_challenge_method: 'S256',
    });
  });

  it('accepts a redirect with our state and refuses others', () => {
    expect(parseRedirect('https://x.chromiumapp.org/?code=c1&state=s1', 's1')).toEqual({
      ok: true,
      code: 'c1',
    });
    expect(parseRedirect('https://x.chromiumapp.org/?code=c1&state=evil', 's1')).toMatchObject({
      ok: false,
      error: 'state_mismatch',
    });
    expect(
      parseRedirect('https://x.chromiumapp.org/?error=access_denied&error_description=Denied&state=s1', 's1'),
    ).toEqual({ ok: false, error: 'access_denied', message: 'Denied' });
    expect(parseRedirect('https://x.chromiumapp.org/?state=s1', 's1')).toMatchObject({
      ok: false,
      error: 'no_code',
    });
  });
});
