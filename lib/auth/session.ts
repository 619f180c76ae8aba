// Sign-in, sign-out and the session's lifetime. The worker's single RC client holds the tokens (IndexedDB);
// pages only see `authStatus`: who is signed in, never how.
import { browser } from 'wxt/browser';
import { protocolErrorMessage } from '../messaging';
import { readMe } from '../rc/api';
import type { RcClient } from '../rc/client';
import { APP_KEY, getRcClient } from '../rc/current';
import { describeRcError, RcError, toRcError } from '../rc/errors';
import { authStatus, serverSettings, type AuthStatus } from '../storage';
import { openStore, type Store } from '../sync/db';
import { authorizeUrl, challengeS256, createState, createVerifier, parseRedirect } from './pkce';
import { getRedirectUri } from './redirect-uri';
import {
  cancelled,
  launchRejection,
  probeAuthorizePage,
  redirectFailure,
  toSignInError,
  tokenFailure,
} from './sign-in-error';

/** meta key of an interactive sign-in in progress: the worker may stop while the auth window is open. */
export const PKCE_KEY = 'auth:pkce';

interface PendingPkce {
  verifier: string;
  state: string;
  redirectUri: string;
  createdAt: number;
}

/** What happens around a session; the background wires the sync engine in here. */
export interface SessionHooks {
  onSignedIn?(client: RcClient, status: AuthStatus): Promise<void> | void;
  onSignedOut?(): Promise<void> | void;
  /** Only on an explicit sign-out: the next agent on this browser starts clean (drafts and outbox stay). */
  clearSessionData?(): Promise<void> | void;
}

export interface SessionDeps {
  getClient(): Promise<RcClient>;
  db(): Promise<Store>;
  /** Opens the auth window on `url` and resolves with the URL it was redirected to. */
  launch(url: string): Promise<string>;
  redirectUri(): string;
  hooks: SessionHooks;
}

const hooks: SessionHooks = {};

/** Lets the background connect the sync engine without this module importing it. */
export function setSessionHooks(h: SessionHooks): void {
  Object.assign(hooks, h);
}

const defaultDeps: SessionDeps = {
  getClient: getRcClient,
  db: () => openStore(),
  launch: (url) =>
    browser.identity.launchWebAuthFlow({ url, interactive: true }).then((r) => {
      if (!r) throw new Error('The sign-in window returned nothing.');
      return r;
    }),
  redirectUri: getRedirectUri,
  hooks,
};

const fail = (message: string) => new Error(protocolErrorMessage('signedOut', message));

async function failWith(e: unknown, grant?: 'code' | 'jwt'): Promise<Error> {
  if (e instanceof Error && /^\[\w+\] /.test(e.message)) return e;
  // The token request itself was refused: say why (rate limit, credentials, server), not "cancelled".
  if (grant && e instanceof RcError) return toSignInError(tokenFailure(e, grant));
  const { code, message } = describeRcError(await toRcError(e));
  // A refused token request means the sign-in failed, not that an earlier session ended.
  return new Error(protocolErrorMessage(code === 'invalidRequest' ? 'signedOut' : code, message));
}

/** OAuth code + PKCE in the browser's auth window (the `signIn` request). A session that exists already (a
 *  private app's JWT one included) stays until the new one does: cancelling the window keeps the agent in. */
export async function signInInteractive(deps: Partial<SessionDeps> = {}): Promise<AuthStatus> {
  const d = { ...defaultDeps, ...deps };
  const settings = await serverSettings.getValue();
  if (!settings.clientId) {
    throw new Error(
      protocolErrorMessage('invalidRequest', 'No RingCentral app is configured. Open Options.'),
    );
  }
  const db = await d.db();
  const wasSignedIn = (await authStatus.getValue()).state === 'signedIn';
  if (!wasSignedIn) await authStatus.setValue({ state: 'signingIn' });
  let replaced = false;
  try {
    const pending: PendingPkce = {
      verifier: createVerifier(),
      state: createState(),
      redirectUri: d.redirectUri(),
      createdAt: Date.now(),
    };
    await db.put('meta', pending, PKCE_KEY);
    const url = authorizeUrl({
      // Either app's client talks to the configured server.
      server: (await d.getClient()).server,
      clientId: settings.clientId,
      redirectUri: pending.redirectUri,
      state: pending.state,
      challenge: await challengeS256(pending.verifier),
    });
    let responseUrl: string;
    try {
      responseUrl = await d.launch(url);
    } catch (e) {
      throw toSignInError(launchRejection(e) === 'closed' ? cancelled() : await probeAuthorizePage(url));
    }
    // Read back what was persisted: after a worker restart this is the only copy.
    const saved = (await db.get('meta', PKCE_KEY)) as PendingPkce | undefined;
    await db.delete('meta', PKCE_KEY);
    if (!saved) throw fail('Sign-in was interrupted. Please try again.');
    const result = parseRedirect(responseUrl, saved.state);
    if (!result.ok) {
      throw result.error === 'state_mismatch' || result.error === 'no_code'
        ? fail(result.message)
        : toSignInError(redirectFailure(result.error, result.message));
    }
    const client = await exchangeWithPublicApp(db, d, {
      code: result.code,
      code_verifier: saved.verifier,
      redirect_uri: saved.redirectUri,
    });
    replaced = true;
    return await completeSignIn(client, d.hooks);
  } catch (e) {
    const err = await failWith(e);
    if (!wasSignedIn || replaced) {
      await authStatus.setValue({ state: 'signedOut', message: err.message.replace(/^\[\w+\] /, '') });
      // The old session's tokens were replaced: its sync must not run on.
      if (wasSignedIn) await d.hooks.onSignedOut?.();
    }
    throw err;
  }
}

/** The code belongs to the public app: a private app's credentials are forgotten only now, and come back if
 *  the exchange fails (the SDK keeps the old tokens then). */
async function exchangeWithPublicApp(
  db: Store,
  d: SessionDeps,
  code: { code: string; code_verifier: string; redirect_uri: string },
): Promise<RcClient> {
  const app = await db.get('meta', APP_KEY);
  await db.delete('meta', APP_KEY);
  const client = await d.getClient();
  try {
    await client.login(code);
    return client;
  } catch (e) {
    if (app !== undefined) await db.put('meta', app, APP_KEY);
    throw await failWith(e, 'code');
  }
}

export interface JwtCredentials {
  clientId: string;
  clientSecret: string;
  jwt: string;
}

/** JWT sign-in for a private app; its secret stays in IndexedDB for later refreshes. */
export async function signInJwt(creds: JwtCredentials, deps: Partial<SessionDeps> = {}): Promise<AuthStatus> {
  const d = { ...defaultDeps, ...deps };
  const db = await d.db();
  await db.put('meta', { clientId: creds.clientId, clientSecret: creds.clientSecret }, APP_KEY);
  await authStatus.setValue({ state: 'signingIn' });
  try {
    const client = await d.getClient();
    await client.login({ jwt: creds.jwt }).catch(async (e: unknown) => {
      throw await failWith(e, 'jwt');
    });
    return await completeSignIn(client, d.hooks);
  } catch (e) {
    await db.delete('meta', APP_KEY);
    const err = await failWith(e);
    await authStatus.setValue({ state: 'signedOut', message: err.message.replace(/^\[\w+\] /, '') });
    throw err;
  }
}

/** Reads who signed in, publishes it and starts the session's work (sync, capabilities). */
export async function completeSignIn(client: RcClient, h: SessionHooks = hooks): Promise<AuthStatus> {
  const me = await readMe(client);
  const name =
    me.name ??
    ([me.contact?.firstName, me.contact?.lastName].filter(Boolean).join(' ') || 'RingCentral user');
  const status: AuthStatus = {
    state: 'signedIn',
    user: {
      extensionId: me.id,
      accountId: me.account?.id ?? '',
      name,
      ...(me.extensionNumber ? { extensionNumber: me.extensionNumber } : {}),
    },
  };
  await authStatus.setValue(status);
  await h.onSignedIn?.(client, status);
  return status;
}

/** Revokes (errors ignored) and forgets the tokens; drafts and the outbox stay for the next session. */
export async function signOut(deps: Partial<SessionDeps> = {}): Promise<AuthStatus> {
  const d = { ...defaultDeps, ...deps };
  const client = await d.getClient();
  await d.hooks.onSignedOut?.();
  await client.logout();
  await d.hooks.clearSessionData?.();
  await (await d.db()).delete('meta', APP_KEY);
  const status: AuthStatus = { state: 'signedOut' };
  await authStatus.setValue(status);
  return status;
}

/** Publishes a dead session (refresh refused) to pages, once per client. */
export function watchSession(client: RcClient, h: SessionHooks = hooks): () => void {
  return client.onSessionLost((message) => {
    void (async () => {
      const current = await authStatus.getValue();
      if (current.state === 'signedOut' && current.message === message) return;
      await authStatus.setValue({ state: 'signedOut', message });
      await h.onSignedOut?.();
    })();
  });
}

/** On worker start: a stored refresh token means we are still signed in (refresh happens on first use). */
export async function restoreSession(deps: Partial<SessionDeps> = {}): Promise<boolean> {
  const d = { ...defaultDeps, ...deps };
  const client = await d.getClient();
  const data = await client.sdk.platform().auth().data();
  if (!data.refresh_token && !data.access_token) {
    const current = await authStatus.getValue();
    if (current.state !== 'signedOut')
      await authStatus.setValue({ state: 'signedOut', message: current.message });
    return false;
  }
  const status = await authStatus.getValue();
  if (status.state === 'signedIn') await d.hooks.onSignedIn?.(client, status);
  else await completeSignIn(client, d.hooks).catch(() => undefined);
  return true;
}
