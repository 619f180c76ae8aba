// OAuth (docs/emulator.md "OAuth") driven by the official SDK over loopback HTTP: PKCE S256 and plain through the real
// sign-in form, code reuse, redirect mismatch, refresh rotation, revoke, JWT, expiry by the emulator clock.
import { createHash, randomBytes } from 'node:crypto';
import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { errorOf, getJson, newSdk, signedIn, startTestEmulator, type TestEmulator } from './test-support.ts';

const REDIRECT = 'http://127.0.0.1:9/callback';
let t: TestEmulator;

beforeAll(async () => {
  t = await startTestEmulator();
});
afterAll(() => t.stop());
// Each test is a separate sign-in moment of a few users; a minute between them keeps each user within the Auth
// group's 5 requests per minute, as it would for people signing in by hand.
beforeEach(async () => {
  await t.control('clock', { advanceSeconds: 61 });
});

const SIGN_IN = '/restapi/oauth/authorize/sign-in';

/** Follows authorize's 302 to the sign-in page (checking it keeps the query), as a browser does. */
async function openSignIn(authorizeUrl: string): Promise<Response> {
  const hop = await fetch(authorizeUrl, { redirect: 'manual' });
  expect(hop.status).toBe(302);
  const location = new URL(hop.headers.get('location') ?? '');
  expect(location.origin + location.pathname).toBe(`${t.url}${SIGN_IN}`);
  expect(location.search).toBe(new URL(authorizeUrl).search);
  return fetch(location);
}

/** Submits the sign-in form the way a browser does and returns the redirect Location. */
async function signInForm(authorizeUrl: string, username: string, password: string): Promise<URL> {
  const page = await openSignIn(authorizeUrl);
  expect(page.status).toBe(200);
  const html = await page.text();
  expect(html).toContain('<label for="username">Username</label>');
  expect(html).toContain('<label for="password">Password</label>');
  expect(html).toMatch(/<button[^>]*>Sign in<\/button>/);
  const form = new URLSearchParams(new URL(authorizeUrl).search);
  form.set('username', username);
  form.set('password', password);
  form.set('action', 'signin');
  const res = await fetch(`${t.url}/restapi/oauth/authorize`, {
    method: 'POST',
    body: form,
    redirect: 'manual',
  });
  expect(res.status).toBe(302);
  return new URL(res.headers.get('location') ?? '');
}

function verifier(): string {
  return randomBytes(40).toString('base64url');
}

describe('authorization code with PKCE', () => {
  it('signs in with S256 through the SDK and reads the caller', async () => {
    const sdk = newSdk(t, 'public');
    const platform = sdk.platform();
    const url = platform.loginUrl({ usePKCE: true, redirectUri: REDIRECT, state: 'xyz-123' });
    const location = await signInForm(url, t.user('Avery').username, 'Passw0rd!');
    expect(location.origin + location.pathname).toBe(REDIRECT);
    expect(location.searchParams.get('state')).toBe('xyz-123');
    const { code } = platform.parseLoginRedirect(location.search) as { code: string };
    const token = await (await platform.login({ code, redirect_uri: REDIRECT })).json();
    expect(token).toMatchObject({
      token_type: 'bearer',
      expires_in: 3600,
      refresh_token_expires_in: 604800,
      owner_id: t.user('Avery').extensionId,
      scope: expect.stringContaining('SMS ReadAccounts EditExtensions WebSocket'),
      session_id: expect.any(String),
    });
    const me = await getJson(sdk, '/restapi/v1.0/account/~/extension/~');
    expect(me).toMatchObject({ id: Number(t.user('Avery').extensionId), name: 'Avery Chen', type: 'User' });
  });

  it('accepts plain PKCE (the default method) and signs in by extension number', async () => {
    const v = verifier();
    const query = new URLSearchParams({
      response_type: 'code',
      client_id: t.creds.publicClientId,
      redirect_uri: REDIRECT,
      code_challenge: v,
      state: '',
    });
    const location = await signInForm(`${t.url}/restapi/oauth/authorize?${query}`, '102', 'Passw0rd!');
    const code = location.searchParams.get('code') ?? '';
    expect(location.searchParams.has('state')).toBe(false);
    const sdk = newSdk(t, 'public');
    await sdk.platform().login({ code, code_verifier: v, redirect_uri: REDIRECT });
    const me = await getJson(sdk, '/restapi/v1.0/account/~/extension/~');
    expect(me.name).toBe('Jordan Patel');
  });

  it('tolerates the empty and unknown keys the SDK sends', async () => {
    const sdk = newSdk(t, 'public');
    const url = sdk.platform().loginUrl({ usePKCE: true, redirectUri: REDIRECT });
    expect(url).toContain('brand_id=&');
    expect((await openSignIn(url)).status).toBe(200);
  });

  it('answers POST without credentials with a 302 to the sign-in page, which re-checks what it is given', async () => {
    const query = new URLSearchParams({
      response_type: 'code',
      client_id: t.creds.publicClientId,
      redirect_uri: REDIRECT,
      code_challenge: verifier(),
      state: 's2',
    });
    const posted = await fetch(`${t.url}/restapi/oauth/authorize`, {
      method: 'POST',
      body: query,
      redirect: 'manual',
    });
    expect(posted.status).toBe(302);
    expect(posted.headers.get('location')).toBe(`${t.url}${SIGN_IN}?${query}`);

    const unknownClient = new URLSearchParams(query);
    unknownClient.set('client_id', 'nobody');
    const direct = await fetch(`${t.url}${SIGN_IN}?${unknownClient}`, { redirect: 'manual' });
    expect(direct.status).toBe(400);
    expect(await direct.json()).toMatchObject({ error: 'invalid_client' });
    const badMethod = new URLSearchParams(query);
    badMethod.set('code_challenge_method', 'S512');
    const refused = await fetch(`${t.url}${SIGN_IN}?${badMethod}`, { redirect: 'manual' });
    expect(refused.status).toBe(302);
    const back = new URL(refused.headers.get('location') ?? '');
    expect(back.origin + back.pathname).toBe(REDIRECT);
    expect(back.searchParams.get('error')).toBe('invalid_request');
    expect(back.searchParams.get('state')).toBe('s2');
  });

  it('refuses a wrong verifier and a reused code, and the reuse revokes the first session', async () => {
    const v = verifier();
    const challenge = createHash('sha256').update(v).digest('base64url');
    const query = new URLSearchParams({
      response_type: 'code',
      client_id: t.creds.publicClientId,
      redirect_uri: REDIRECT,
      code_challenge: challenge,
      code_challenge_method: 'S256',
    });
    const location = await signInForm(
      `${t.url}/restapi/oauth/authorize?${query}`,
      t.user('Sam').username,
      'Passw0rd!',
    );
    const code = location.searchParams.get('code') ?? '';

    const wrong = await errorOf(
      newSdk(t, 'public').platform().login({ code, code_verifier: verifier(), redirect_uri: REDIRECT }),
    );
    expect(wrong.status).toBe(400);
    expect(wrong.body).toMatchObject({ error: 'invalid_grant', errors: [{ errorCode: 'OAU-106' }] });

    const first = newSdk(t, 'public');
    await first.platform().login({ code, code_verifier: v, redirect_uri: REDIRECT });
    const again = await errorOf(
      newSdk(t, 'public').platform().login({ code, code_verifier: v, redirect_uri: REDIRECT }),
    );
    expect(again.body.error).toBe('invalid_grant');
    const { access_token } = await first.platform().auth().data();
    const revoked = await fetch(`${t.url}/restapi/v1.0/account/~/extension/~`, {
      headers: { authorization: `Bearer ${access_token}` },
    });
    expect(revoked.status).toBe(401);
  });

  it('requires the same redirect_uri at the token endpoint', async () => {
    const v = verifier();
    const query = new URLSearchParams({
      response_type: 'code',
      client_id: t.creds.publicClientId,
      redirect_uri: REDIRECT,
      code_challenge: v,
    });
    const location = await signInForm(
      `${t.url}/restapi/oauth/authorize?${query}`,
      t.user('Sam').username,
      'Passw0rd!',
    );
    const mismatch = await errorOf(
      newSdk(t, 'public')
        .platform()
        .login({
          code: location.searchParams.get('code') ?? '',
          code_verifier: v,
          redirect_uri: 'http://127.0.0.1:9/other',
        }),
    );
    expect(mismatch.body).toMatchObject({ error: 'invalid_grant', errors: [{ errorCode: 'OAU-109' }] });
  });

  it('refuses unregistered redirect URIs with a 400 and accepts extension redirect URIs', async () => {
    const bad = await fetch(
      `${t.url}/restapi/oauth/authorize?response_type=code&client_id=${t.creds.publicClientId}&redirect_uri=${encodeURIComponent('https://evil.example/cb')}&code_challenge=x`,
    );
    expect(bad.status).toBe(400);
    expect(await bad.json()).toMatchObject({ error: 'invalid_request', errors: [{ errorCode: 'OAU-109' }] });
    for (const uri of [
      'https://abcdefghijklmnopabcdefghijklmnop.chromiumapp.org/',
      'https://0123456789abcdef0123456789abcdef01234567.extensions.allizom.org/',
    ]) {
      const ok = await openSignIn(
        `${t.url}/restapi/oauth/authorize?response_type=code&client_id=${t.creds.publicClientId}&redirect_uri=${encodeURIComponent(uri)}&code_challenge=${verifier()}`,
      );
      expect(ok.status).toBe(200);
    }
  });

  it('redirects protocol errors back to the app and re-shows the page on a wrong password', async () => {
    const noPkce = await fetch(
      `${t.url}/restapi/oauth/authorize?response_type=code&client_id=${t.creds.publicClientId}&redirect_uri=${encodeURIComponent(REDIRECT)}&state=s1`,
      { redirect: 'manual' },
    );
    expect(noPkce.status).toBe(302);
    const location = new URL(noPkce.headers.get('location') ?? '');
    expect(location.searchParams.get('error')).toBe('invalid_request');
    expect(location.searchParams.get('state')).toBe('s1');
    expect(() => newSdk(t, 'public').platform().parseLoginRedirect(location.search)).toThrow();

    const form = new URLSearchParams({
      response_type: 'code',
      client_id: t.creds.publicClientId,
      redirect_uri: REDIRECT,
      code_challenge: verifier(),
      username: 'avery.chen@harborpine.example',
      password: 'nope',
    });
    const wrong = await fetch(`${t.url}/restapi/oauth/authorize`, {
      method: 'POST',
      body: form,
      redirect: 'manual',
    });
    expect(wrong.status).toBe(200);
    expect(await wrong.text()).toContain('role="alert"');

    form.set('action', 'cancel');
    const cancel = await fetch(`${t.url}/restapi/oauth/authorize`, {
      method: 'POST',
      body: form,
      redirect: 'manual',
    });
    expect(new URL(cancel.headers.get('location') ?? '').searchParams.get('error')).toBe('access_denied');
  });
});

describe('tokens', () => {
  it('rotates refresh tokens: the old access and refresh tokens both die', async () => {
    const sdk = await signedIn(t, 'Avery');
    const platform = sdk.platform();
    const before = await platform.auth().data();
    await platform.refresh();
    const after = await platform.auth().data();
    expect(after.access_token).not.toBe(before.access_token);
    expect(after.refresh_token).not.toBe(before.refresh_token);
    expect(Number(after.expires_in)).toBe(3600);

    const oldAccess = await fetch(`${t.url}/restapi/v1.0/account/~/extension/~`, {
      headers: { authorization: `Bearer ${before.access_token}` },
    });
    expect(oldAccess.status).toBe(401);
    expect(await oldAccess.json()).toMatchObject({
      errorCode: 'OAU-213',
      errors: [{ errorCode: 'OAU-213' }],
    });
    const basic = Buffer.from(`${t.creds.privateApp.clientId}:${t.creds.privateApp.clientSecret}`).toString(
      'base64',
    );
    const oldRefresh = await fetch(`${t.url}/restapi/oauth/token`, {
      method: 'POST',
      headers: { authorization: `Basic ${basic}`, 'content-type': 'application/x-www-form-urlencoded' },
      body: new URLSearchParams({ grant_type: 'refresh_token', refresh_token: before.refresh_token ?? '' }),
    });
    expect(oldRefresh.status).toBe(400);
    expect(await oldRefresh.json()).toMatchObject({ error: 'invalid_grant' });
    expect((await getJson(sdk, '/restapi/v1.0/account/~/extension/~')).name).toBe('Avery Chen');
  });

  it('honours ttl parameters within limits and treats NaN as the default', async () => {
    const basic = Buffer.from(`${t.creds.privateApp.clientId}:${t.creds.privateApp.clientSecret}`).toString(
      'base64',
    );
    const token = async (extra: Record<string, string>) =>
      (await (
        await fetch(`${t.url}/restapi/oauth/token`, {
          method: 'POST',
          headers: { authorization: `Basic ${basic}`, 'content-type': 'application/x-www-form-urlencoded' },
          body: new URLSearchParams({
            grant_type: 'urn:ietf:params:oauth:grant-type:jwt-bearer',
            assertion: t.user('Taylor').jwt,
            ...extra,
          }),
        })
      ).json()) as { expires_in: number; refresh_token_expires_in: number };
    expect(await token({ access_token_ttl: '900', refresh_token_ttl: '7200' })).toMatchObject({
      expires_in: 900,
      refresh_token_expires_in: 7200,
    });
    expect(await token({ access_token_ttl: 'NaN', refresh_token_ttl: '' })).toMatchObject({
      expires_in: 3600,
      refresh_token_expires_in: 604800,
    });
    expect(await token({ access_token_ttl: '5', refresh_token_ttl: '99999999' })).toMatchObject({
      expires_in: 600,
      refresh_token_expires_in: 2592000,
    });
  });

  it('refuses JWT login for the public app and with a wrong assertion', async () => {
    const publicSdk = newSdk(t, 'public');
    expect((await errorOf(publicSdk.platform().login({ jwt: t.user('Avery').jwt }))).body).toMatchObject({
      error: 'unauthorized_client',
    });
    expect((await errorOf(newSdk(t).platform().login({ jwt: 'a.b.c' }))).body).toMatchObject({
      error: 'invalid_grant',
      errors: [{ errorCode: 'OAU-140' }],
    });
  });

  it('revokes the whole session on logout', async () => {
    const sdk = await signedIn(t, 'Jordan');
    const { access_token, refresh_token } = await sdk.platform().auth().data();
    await sdk.platform().logout();
    const res = await fetch(`${t.url}/restapi/v1.0/account/~/extension/~`, {
      headers: { authorization: `Bearer ${access_token}` },
    });
    expect(res.status).toBe(401);
    const again = newSdk(t);
    await again.platform().auth().setData({
      access_token: 'x',
      refresh_token,
      expires_in: '0',
      refresh_token_expires_in: '600',
      token_type: 'bearer',
    });
    expect(await errorOf(again.platform().refresh())).toMatchObject({ status: 400 });
  });

  it('ends every session of one user from the control API, as a password change does', async () => {
    const [first, second, other] = [
      await signedIn(t, 'Riley'),
      await signedIn(t, 'Riley'),
      await signedIn(t, 'Avery'),
    ];
    const { access_token } = await first.platform().auth().data();
    const riley = t.user('Riley').extensionId;
    expect(await t.control('sessions/revoke', { extensionId: riley })).toEqual({
      extensionId: riley,
      revoked: 2,
    });
    const res = await fetch(`${t.url}/restapi/v1.0/account/~/extension/~`, {
      headers: { authorization: `Bearer ${access_token}` },
    });
    expect(res.status).toBe(401);
    expect(await res.json()).toMatchObject({ errorCode: 'OAU-213' });
    // The SDK refreshes on the 401; the refresh token died with the session, so the call fails for good.
    for (const sdk of [first, second])
      expect(await errorOf(getJson(sdk, '/restapi/v1.0/account/~/extension/~'))).toMatchObject({
        status: 400,
      });
    expect((await getJson(other, '/restapi/v1.0/account/~/extension/~')).name).toBe('Avery Chen');
    expect(await t.control('sessions/revoke', { extensionId: riley })).toMatchObject({ revoked: 0 });
  });

  it('answers 401 with RingCentral error bodies when the token is missing or expired on the emulator clock', async () => {
    const missing = await fetch(`${t.url}/restapi/v1.0/account/~/extension/~`);
    expect(missing.status).toBe(401);
    expect(await missing.json()).toMatchObject({
      errorCode: 'CMN-405',
      message: expect.any(String),
      errors: [{ errorCode: 'CMN-405' }],
    });

    const sdk = await signedIn(t, 'Sam');
    const { access_token } = await sdk.platform().auth().data();
    await t.control('clock', { advanceSeconds: 3601 });
    const expired = await fetch(`${t.url}/restapi/v1.0/account/~/extension/~`, {
      headers: { authorization: `Bearer ${access_token}` },
    });
    expect(expired.status).toBe(401);
    expect(await expired.json()).toMatchObject({ errorCode: 'OAU-128', message: 'Access token expired.' });
    // The SDK's own clock says the token is still fresh; on the 401 it refreshes once and retries.
    expect((await getJson(sdk, '/restapi/v1.0/account/~/extension/~')).name).toBe('Sam Okafor');
  });

  it('mints WebSocket tokens', async () => {
    const sdk = await signedIn(t, 'Avery');
    const body = (await (await sdk.platform().post('/restapi/oauth/wstoken')).json()) as {
      uri: string;
      ws_access_token: string;
      expires_in: number;
    };
    expect(body.uri).toBe(`${t.url.replace('http', 'ws')}/ws`);
    expect(body.expires_in).toBe(600);
    expect(body.ws_access_token).toMatch(/^[\w-]{20,}$/);
  });
});
