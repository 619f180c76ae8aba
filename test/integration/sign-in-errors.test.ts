// A refused sign-in says what happened, against the real emulator: rate limited (on the sign-in page or the
// token endpoint), wrong credentials, server unreachable, cancelled by the user. Never "cancelled" for a 429.
// The auth window is played the way Chrome's launchWebAuthFlow behaves: a page answering with an HTTP error
// (or not at all) rejects with "Authorization page could not be loaded.".
import { sessionEvents } from '../support/session';
import { createServer } from 'node:net';
import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { fakeBrowser } from 'wxt/testing';
import { signInInteractive, signInJwt, type SessionOptions } from '../../lib/auth/session';
import { createRcClient, type RcClient } from '../../lib/rc/client';
import { createIdbTokenStore } from '../../lib/rc/token-store';
import { authStatus, serverSettings } from '../../lib/storage';
import { openStore } from '../../lib/sync/db';
import { jwtClient, startTestEmulator, submitAuthorizeForm, type TestEmulator } from './auth-helpers';

let t: TestEmulator;
const REDIRECT = 'http://127.0.0.1/threaddesk-callback';

beforeAll(async () => {
  t = await startTestEmulator();
});
afterAll(() => t.close());
beforeEach(() => fakeBrowser.reset());

/** Chrome's auth window: loads the page; an HTTP error or no answer rejects like launchWebAuthFlow does. */
async function chromeWindow(url: string, then: (url: string) => Promise<string>): Promise<string> {
  const page = await fetch(url).catch(() => undefined);
  if (!page || page.status >= 400) throw new Error('Authorization page could not be loaded.');
  return then(url);
}

async function pkceDeps(server: string): Promise<SessionOptions> {
  const db = await openStore(`sign-in-errors-${crypto.randomUUID()}`);
  await serverSettings.setValue({ server, clientId: t.creds.publicClientId });
  const client: RcClient = createRcClient({
    server,
    clientId: t.creds.publicClientId,
    store: createIdbTokenStore(db),
  });
  return {
    db: async () => db,
    getClient: async () => client,
    redirectUri: () => REDIRECT,
    events: sessionEvents(),
  };
}

const failure = (p: Promise<unknown>) =>
  p.then(
    () => new Error('signed in'),
    (e: unknown) => e as Error,
  );

/** A loopback port nobody listens on. */
async function closedPort(): Promise<number> {
  const server = createServer();
  await new Promise<void>((r) => server.listen(0, '127.0.0.1', r));
  const port = (server.address() as { port: number }).port;
  await new Promise((r) => server.close(r));
  return port;
}

describe('sign-in failures say what happened', { timeout: 60_000 }, () => {
  it('a 429 on the sign-in page is "rate limited", with the wait', async () => {
    const deps = await pkceDeps(t.url);
    // Two refusals: the window's page load and our probe of it.
    await t.control('faults', { burst429: { count: 2, retryAfterSeconds: 37 }, includeOAuth: true });
    const avery = t.user('Avery');
    const err = await failure(
      signInInteractive({
        ...deps,
        launch: (url) => chromeWindow(url, (u) => submitAuthorizeForm(u, avery.username, avery.password)),
      }),
    );
    await t.control('faults', { burst429: { count: 0 }, includeOAuth: false });
    expect(err).toMatchObject({
      code: 'rateLimited',
      message: 'Too many sign-in attempts: RingCentral asks to wait 37 s before trying again.',
    });
    expect(await authStatus.getValue()).toMatchObject({
      state: 'signedOut',
      message: expect.stringMatching(/^Too many sign-in attempts/),
    });
  });

  it('a 429 on the token exchange is "rate limited" too', async () => {
    const deps = await pkceDeps(t.url);
    const avery = t.user('Avery');
    const err = await failure(
      signInInteractive({
        ...deps,
        launch: async (url) => {
          const redirect = await submitAuthorizeForm(url, avery.username, avery.password);
          await t.control('faults', { burst429: { count: 1, retryAfterSeconds: 12 }, includeOAuth: true });
          return redirect;
        },
      }),
    );
    await t.control('faults', { burst429: { count: 0 }, includeOAuth: false });
    expect(err).toMatchObject({
      code: 'rateLimited',
      message: expect.stringMatching(/^Too many sign-in attempts: .* 12 s/),
    });
  });

  it('an unreachable server says so', async () => {
    const deps = await pkceDeps(`http://127.0.0.1:${await closedPort()}`);
    const err = await failure(
      signInInteractive({ ...deps, launch: (url) => chromeWindow(url, async (u) => u) }),
    );
    expect(err).toMatchObject({
      code: 'offline',
      message: expect.stringMatching(/^RingCentral's sign-in could not be reached/),
    });
  });

  it('pressing Cancel on the sign-in page is "cancelled"', async () => {
    const deps = await pkceDeps(t.url);
    const err = await failure(
      signInInteractive({
        ...deps,
        launch: (url) =>
          chromeWindow(url, async (u) => {
            const form = new URLSearchParams(new URL(u).search);
            form.set('action', 'cancel');
            const res = await fetch(new URL('/restapi/oauth/authorize', u), {
              method: 'POST',
              body: form,
              redirect: 'manual',
            });
            return res.headers.get('location')!;
          }),
      }),
    );
    expect(err).toMatchObject({ code: 'signedOut', message: 'Sign-in was cancelled.' });
  });

  it('a wrong JWT is "credentials not accepted"; a 429 on it is "rate limited"', async () => {
    const client = jwtClient(t);
    const deps = {
      getClient: async () => client,
      db: async () => openStore(`jwt-${crypto.randomUUID()}`),
      events: sessionEvents(),
    };
    const creds = { clientId: t.creds.privateApp.clientId, clientSecret: t.creds.privateApp.clientSecret };
    const wrong = await failure(signInJwt({ ...creds, jwt: 'not.a.jwt' }, deps));
    expect(wrong).toMatchObject({
      code: 'signedOut',
      message: expect.stringMatching(/^RingCentral did not accept the credentials: /),
    });
    await t.control('faults', { burst429: { count: 1, retryAfterSeconds: 5 }, includeOAuth: true });
    const limited = await failure(signInJwt({ ...creds, jwt: t.user('Avery').jwt }, deps));
    await t.control('faults', { burst429: { count: 0 }, includeOAuth: false });
    expect(limited).toMatchObject({ code: 'rateLimited' });
    expect(await authStatus.getValue()).toMatchObject({
      state: 'signedOut',
      message: expect.stringContaining('5 s'),
    });
  });
});
