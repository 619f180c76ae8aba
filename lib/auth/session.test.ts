import { sessionEvents } from '../../test/support/session';
import { beforeEach, describe, expect, it, vi } from 'vitest';
import { fakeBrowser } from 'wxt/testing';
import type { RcClient } from '../rc/client';
import { protocolFailureOf } from '../messaging';
import { APP_KEY } from '../rc/current';
import { RcError } from '../rc/errors';
import { authStatus, serverSettings, type AuthStatus } from '../storage';
import { openStore, type Store } from '../sync/db';
import { signInInteractive, type SessionOptions } from './session';

const REDIRECT = 'https://abc.chromiumapp.org/';
const APP = { clientId: 'private', clientSecret: 'secret' };
const JWT_SESSION: AuthStatus = {
  state: 'signedIn',
  user: { extensionId: '101', accountId: '1', name: 'Casey Morgan', server: 'https://rc.test' },
};

/** The auth window, answering with a code for the state it was opened with. */
const approve = async (url: string) =>
  `${REDIRECT}?code=c0de&state=${new URL(url).searchParams.get('state') ?? ''}`;

describe('interactive sign-in while signed in with a private app (JWT)', () => {
  let db: Store;
  let deps: SessionOptions;
  let login: ReturnType<typeof vi.fn>;
  const onSignedOut = vi.fn();

  beforeEach(async () => {
    fakeBrowser.reset();
    onSignedOut.mockReset();
    db = await openStore(`session-${crypto.randomUUID()}`);
    await db.put('meta', APP, APP_KEY);
    await serverSettings.setValue({ server: 'https://rc.example', clientId: 'public' });
    await authStatus.setValue(JWT_SESSION);
    login = vi.fn(async () => undefined);
    const client = {
      server: 'https://rc.example',
      login,
      request: async () => {
        throw new RcError('CMN-201', 'down', { status: 503 });
      },
    } as unknown as RcClient;
    deps = {
      db: async () => db,
      getClient: async () => client,
      redirectUri: () => REDIRECT,
      events: sessionEvents({ onSignedOut }),
    };
  });

  it('keeps the session and the app when the window is closed', async () => {
    const err = await signInInteractive({ ...deps, launch: () => Promise.reject(new Error('closed')) }).catch(
      (e: unknown) => e as Error,
    );
    expect(protocolFailureOf(err)).toEqual({ code: 'signedOut', message: 'Sign-in was cancelled.' });
    expect(await authStatus.getValue()).toEqual(JWT_SESSION);
    expect(await db.get('meta', APP_KEY)).toEqual(APP);
    expect(login).not.toHaveBeenCalled();
    expect(onSignedOut).not.toHaveBeenCalled();
  });

  it('exchanges the code without the private app, and puts it back when the exchange fails', async () => {
    let appDuringExchange: unknown = 'unread';
    login.mockImplementation(async () => {
      appDuringExchange = await db.get('meta', APP_KEY);
      throw new RcError('invalid_grant', 'bad code', { status: 400 });
    });
    await expect(signInInteractive({ ...deps, launch: approve })).rejects.toMatchObject({
      code: 'signedOut',
    });
    expect(login).toHaveBeenCalledWith({
      code: 'c0de',
      code_verifier: expect.any(String),
      redirect_uri: REDIRECT,
    });
    expect(appDuringExchange).toBeUndefined();
    expect(await authStatus.getValue()).toEqual(JWT_SESSION);
    expect(await db.get('meta', APP_KEY)).toEqual(APP);
    expect(onSignedOut).not.toHaveBeenCalled();
  });

  it('once the new tokens replaced the old ones, a later failure ends the old session', async () => {
    await expect(signInInteractive({ ...deps, launch: approve })).rejects.toMatchObject({ code: 'server' });
    expect(login).toHaveBeenCalledTimes(1);
    expect(await authStatus.getValue()).toMatchObject({ state: 'signedOut' });
    expect(await db.get('meta', APP_KEY)).toBeUndefined();
    expect(onSignedOut).toHaveBeenCalledTimes(1);
  });
});
