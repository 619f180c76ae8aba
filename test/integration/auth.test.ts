import { sessionEvents } from '../support/session';
import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { fakeBrowser } from 'wxt/testing';
import { PKCE_KEY, signInInteractive, signInJwt, signOut } from '../../lib/auth/session';
import { readMe } from '../../lib/rc/api';
import { createRcClient } from '../../lib/rc/client';
import { APP_KEY, loadClientConfig } from '../../lib/rc/current';
import { describeRcError, RcError } from '../../lib/rc/errors';
import { createIdbTokenStore } from '../../lib/rc/token-store';
import { authStatus, serverSettings } from '../../lib/storage';
import { openStore } from '../../lib/sync/db';
import {
  countingFetch,
  jwtClient,
  signedInJwtClient,
  startTestEmulator,
  submitAuthorizeForm,
  type TestEmulator,
} from './auth-helpers';

let t: TestEmulator;
let dbs = 0;
const REDIRECT = 'http://127.0.0.1/threaddesk-callback';

beforeAll(async () => {
  t = await startTestEmulator();
});
afterAll(() => t.close());
beforeEach(() => fakeBrowser.reset());

describe('RC client against the emulator with the official SDK', () => {
  it('signs in with JWT and reads the extension', async () => {
    const client = await signedInJwtClient(t, 'Avery');
    expect(await client.loggedIn()).toBe(true);
    const me = await readMe(client);
    expect(me).toMatchObject({ id: t.user('Avery').extensionId, name: 'Avery Chen' });
  });

  it('refreshes once for five concurrent requests after the access token expired on the server', async () => {
    const counter = countingFetch();
    const client = await signedInJwtClient(t, 'Jordan', counter.fetch);
    expect(counter.count('/restapi/oauth/token')).toBe(1);
    // The server's clock moves past the access token's life; the client's clock does not know.
    await t.control('clock', { advanceSeconds: 2 * 3600 });
    const replies = await Promise.all(Array.from({ length: 5 }, () => readMe(client)));
    expect(replies.every((r) => r.id === t.user('Jordan').extensionId)).toBe(true);
    expect(counter.count('/restapi/oauth/token')).toBe(2);
  });

  it('a revoked session ends as signedOut, once, with the tokens forgotten', async () => {
    const client = await signedInJwtClient(t, 'Sam');
    const lost: string[] = [];
    client.onSessionLost((m) => lost.push(m));
    const token = (await client.sdk.platform().auth().data()).access_token;
    const revoke = await fetch(`${t.url}/restapi/oauth/revoke`, {
      method: 'POST',
      headers: {
        'content-type': 'application/x-www-form-urlencoded',
        authorization: `Basic ${btoa(`${t.creds.privateApp.clientId}:${t.creds.privateApp.clientSecret}`)}`,
      },
      body: new URLSearchParams({ token: token ?? '' }),
    });
    expect(revoke.ok).toBe(true);
    const err = await readMe(client).catch((e: unknown) => e);
    expect(err).toBeInstanceOf(RcError);
    expect((err as RcError).code).toBe('signedOut');
    expect(lost).toHaveLength(1);
    expect(await client.loggedIn()).toBe(false);
  });

  it('a 429 maps to rateLimited and holds back the group until Retry-After', async () => {
    const client = await signedInJwtClient(t, 'Taylor');
    await t.control('faults', { burst429: { count: 1, retryAfterSeconds: 2 } });
    const err = (await readMe(client).catch((e: unknown) => e)) as RcError;
    expect(err).toMatchObject({ status: 429, code: 'CMN-301', retryAfterMs: 2000 });
    expect(describeRcError(err).code).toBe('rateLimited');
    expect(client.budget.waitMs('Light')).toBeGreaterThan(1000);
    const started = Date.now();
    expect((await readMe(client)).name).toBe('Taylor Brooks');
    expect(Date.now() - started).toBeGreaterThan(1000);
  });

  it('a refused JWT is a clear error, not a session', async () => {
    const client = jwtClient(t);
    const err = (await client
      .login({ jwt: 'not-a-real-jwt-credential' })
      .catch((e: unknown) => e)) as RcError;
    expect(err).toBeInstanceOf(RcError);
    expect(err.status).toBe(400);
    expect(await client.loggedIn()).toBe(false);
  });
});

describe('sign-in flows', () => {
  async function setup() {
    const db = await openStore(`auth-it-${++dbs}`);
    await serverSettings.setValue({ server: t.url, clientId: t.creds.publicClientId });
    let client = createRcClient({
      server: t.url,
      clientId: t.creds.publicClientId,
      store: createIdbTokenStore(db),
    });
    const started: string[] = [];
    const deps = {
      db: async () => db,
      getClient: async () => client,
      redirectUri: () => REDIRECT,
      events: sessionEvents({
        onSignedIn: async () => {
          const { authStatus } = await import('../../lib/storage');
          started.push((await authStatus.getValue()).user!.name);
        },
      }),
    };
    return { db, deps, started, setClient: (c: typeof client) => (client = c) };
  }

  it('PKCE: authorize form → code → tokens in IndexedDB → authStatus signedIn → sync started', async () => {
    const { db, deps, started } = await setup();
    const avery = t.user('Avery');
    let seenVerifier: unknown;
    const status = await signInInteractive({
      ...deps,
      launch: async (url) => {
        // The verifier is persisted before the window opens: the worker may stop meanwhile.
        seenVerifier = await db.get('meta', PKCE_KEY);
        expect(new URL(url).searchParams.get('code_challenge_method')).toBe('S256');
        return submitAuthorizeForm(url, avery.username, avery.password);
      },
    });
    expect(seenVerifier).toMatchObject({ verifier: expect.any(String), state: expect.any(String) });
    expect(status).toMatchObject({
      state: 'signedIn',
      user: { extensionId: avery.extensionId, accountId: avery.accountId, name: 'Avery Chen' },
    });
    expect(await authStatus.getValue()).toEqual(status);
    expect(started).toEqual(['Avery Chen']);
    expect(await db.get('meta', PKCE_KEY)).toBeUndefined();
    expect(await db.get('meta', 'sdk:rc-platform')).toEqual(expect.stringContaining('refresh_token'));

    // A new worker (new client, same IndexedDB) is still signed in.
    const again = createRcClient({
      server: t.url,
      clientId: t.creds.publicClientId,
      store: createIdbTokenStore(db),
    });
    expect((await readMe(again)).id).toBe(avery.extensionId);

    expect(await signOut(deps)).toEqual({ state: 'signedOut' });
    expect(await db.get('meta', 'sdk:rc-platform')).toBeUndefined();
  });

  it('every agent of the team signs in from one machine within the same minute, on the default limits', async () => {
    // One app, one address (127.0.0.1), six agents: RingCentral's Auth budget is per (user, app), so none of
    // them is refused (docs/emulator.md "Rate limits").
    const team = ['Avery', 'Jordan', 'Sam', 'Taylor', 'Riley', 'Morgan'].map((name) => t.user(name));
    await t.control('clock', { advanceSeconds: 121 });
    for (const agent of team) {
      const { deps } = await setup();
      const status = await signInInteractive({
        ...deps,
        launch: (url) => submitAuthorizeForm(url, agent.username, agent.password),
      });
      expect(status).toMatchObject({ state: 'signedIn', user: { extensionId: agent.extensionId } });
      const client = await deps.getClient();
      expect((await readMe(client)).id).toBe(agent.extensionId);
      expect((await client.sdk.platform().post('/restapi/oauth/wstoken')).status).toBe(200);
    }
    // The budget is per (user, app): Avery's browser sign-in left her budget with the private app whole, and
    // its sixth request in the minute is refused.
    const avery = jwtClient(t);
    await avery.login({ jwt: t.user('Avery').jwt });
    const statuses: number[] = [];
    for (let i = 0; i < 5; i++) {
      const res = await fetch(`${t.url}/restapi/oauth/token`, {
        method: 'POST',
        headers: {
          'content-type': 'application/x-www-form-urlencoded',
          authorization: `Basic ${btoa(`${t.creds.privateApp.clientId}:${t.creds.privateApp.clientSecret}`)}`,
        },
        body: new URLSearchParams({
          grant_type: 'urn:ietf:params:oauth:grant-type:jwt-bearer',
          assertion: t.user('Avery').jwt,
        }),
      });
      statuses.push(res.status);
    }
    expect(statuses).toEqual([200, 200, 200, 200, 429]);
  });

  it('PKCE: a redirect with another state is refused', async () => {
    const { deps } = await setup();
    const avery = t.user('Avery');
    const err = await signInInteractive({
      ...deps,
      launch: async (url) => {
        const back = new URL(await submitAuthorizeForm(url, avery.username, avery.password));
        back.searchParams.set('state', 'forged');
        return back.href;
      },
    }).catch((e: unknown) => e as Error);
    expect(err).toBeInstanceOf(Error);
    expect(err).toMatchObject({ code: 'signedOut' });
    expect((await authStatus.getValue()).state).toBe('signedOut');
  });

  it('PKCE: closing the window is a cancelled sign-in', async () => {
    const { deps } = await setup();
    const err = await signInInteractive({
      ...deps,
      launch: () => Promise.reject(new Error('The user did not approve access.')),
    }).catch((e: unknown) => e as Error);
    expect(err).toMatchObject({ code: 'signedOut', message: 'Sign-in was cancelled.' });
  });

  /** Like lib/rc/current's getRcClient: the private app's client while its credentials are stored. */
  function currentClient(db: Awaited<ReturnType<typeof openStore>>) {
    const clients = new Map<string, ReturnType<typeof createRcClient>>();
    return async () => {
      const config = await loadClientConfig(db);
      const key = config.clientId;
      if (!clients.has(key)) clients.set(key, createRcClient({ ...config, store: createIdbTokenStore(db) }));
      return clients.get(key)!;
    };
  }

  it('PKCE while signed in with JWT: cancelling keeps the JWT session; succeeding replaces it', async () => {
    const { db, deps, started } = await setup();
    const casey = t.user('Casey');
    const avery = t.user('Avery');
    const app = t.creds.privateApp;
    const getClient = currentClient(db);
    const jwtStatus = await signInJwt({ ...app, jwt: casey.jwt }, { ...deps, getClient });

    let whileOpen: unknown[] = [];
    const cancelled = await signInInteractive({
      ...deps,
      getClient,
      launch: async () => {
        whileOpen = [await db.get('meta', APP_KEY), await authStatus.getValue()];
        throw new Error('The user did not approve access.');
      },
    }).catch((e: unknown) => e as Error);
    // While the window was open the JWT session was untouched.
    expect(whileOpen).toEqual([app, jwtStatus]);
    expect(cancelled).toMatchObject({ code: 'signedOut', message: 'Sign-in was cancelled.' });
    expect(await authStatus.getValue()).toEqual(jwtStatus);
    expect(await db.get('meta', APP_KEY)).toEqual(app);
    // A new worker builds the private app's client again, and the session still works (refresh included).
    const fresh = createRcClient({ server: t.url, ...app, store: createIdbTokenStore(db) });
    await t.control('clock', { advanceSeconds: 2 * 3600 });
    expect((await readMe(fresh)).id).toBe(casey.extensionId);

    const status = await signInInteractive({
      ...deps,
      getClient,
      launch: (url) => submitAuthorizeForm(url, avery.username, avery.password),
    });
    expect(status.user).toMatchObject({ extensionId: avery.extensionId });
    expect(await db.get('meta', APP_KEY)).toBeUndefined();
    expect((await readMe(await getClient())).id).toBe(avery.extensionId);
    expect(started).toEqual(['Casey Morgan', 'Avery Chen']);
  });

  it('JWT: the private app secret stays in IndexedDB, and a bad JWT leaves nothing behind', async () => {
    const { db, deps, setClient } = await setup();
    const casey = t.user('Casey');
    const app = t.creds.privateApp;
    const getClient = async () => {
      const c = createRcClient({ server: t.url, ...app, store: createIdbTokenStore(db) });
      setClient(c);
      return c;
    };
    const status = await signInJwt({ ...app, jwt: casey.jwt }, { ...deps, getClient });
    expect(status.user).toMatchObject({ extensionId: casey.extensionId, name: 'Casey Morgan' });
    expect(await db.get('meta', APP_KEY)).toEqual(app);
    await signOut({ ...deps, getClient });
    const err = await signInJwt({ ...app, jwt: 'x'.repeat(40) }, { ...deps, getClient }).catch(
      (e: unknown) => e,
    );
    expect(err).toMatchObject({ code: 'signedOut' });
    expect(await db.get('meta', APP_KEY)).toBeUndefined();
  });
});
