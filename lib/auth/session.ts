// Sign-in, sign-out and the session's lifetime. The worker's single RC client holds the tokens (IndexedDB);
// pages only see `authStatus`: who is signed in, never how.
import { browser } from 'wxt/browser';
import { ProtocolError } from '../messaging';
import { readMe } from '../rc/api';
import type { RcClient } from '../rc/client';
import { APP_KEY, getRcClient, onRcClientChange } from '../rc/current';
import { describeRcError, RcError, toRcError } from '../rc/errors';
import { authStatus, serverSettings, type AuthStatus } from '../storage';
import { agentOf, type Agent } from './agent';
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

/** What the rest of the background does around a session (wired in lib/background/root.ts). */
export interface SessionEvents {
  /** Before `signedIn` is published: the browser's local data is handed over to this agent. */
  beginAgent(agent: Agent): Promise<void>;
  /** After `signedIn` is published, and at every worker start with a session: sync and the rest start. */
  onSignedIn(client: RcClient): Promise<void>;
  /** The session ended (sign-out, refused refresh, replaced tokens): stop, and clear what is the agent's. */
  onSignedOut(): Promise<void>;
}

export interface SessionDeps {
  getClient(): Promise<RcClient>;
  db(): Promise<Store>;
  /** Opens the auth window on `url` and resolves with the URL it was redirected to. */
  launch(url: string): Promise<string>;
  redirectUri(): string;
  events: SessionEvents;
}

/** What a caller passes: the events, and whatever it replaces (tests: the auth window, the client). */
export type SessionOptions = Partial<SessionDeps> & Pick<SessionDeps, 'events'>;

const defaultDeps: Omit<SessionDeps, 'events'> = {
  getClient: getRcClient,
  db: () => openStore(),
  launch: (url) =>
    browser.identity.launchWebAuthFlow({ url, interactive: true }).then((r) => {
      if (!r) throw new Error('The sign-in window returned nothing.');
      return r;
    }),
  redirectUri: getRedirectUri,
};

const fail = (message: string) => new ProtocolError('signedOut', message);

async function failWith(e: unknown, grant?: 'code' | 'jwt'): Promise<ProtocolError> {
  if (e instanceof ProtocolError) return e;
  // The token request itself was refused: say why (rate limit, credentials, server), not "cancelled".
  if (grant && e instanceof RcError) return toSignInError(tokenFailure(e, grant));
  const { code, message } = describeRcError(await toRcError(e));
  // A refused token request means the sign-in failed, not that an earlier session ended.
  return new ProtocolError(code === 'invalidRequest' ? 'signedOut' : code, message);
}

/** OAuth code + PKCE in the browser's auth window (the `signIn` request). A session that exists already (a
 *  private app's JWT one included) stays until the new one does: cancelling the window keeps the agent in. */
export async function signInInteractive(deps: SessionOptions): Promise<AuthStatus> {
  const d = { ...defaultDeps, ...deps };
  const settings = await serverSettings.getValue();
  if (!settings.clientId) {
    throw new ProtocolError('invalidRequest', 'No RingCentral app is configured. Open Options.');
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
    return await completeSignIn(client, d.events);
  } catch (e) {
    const err = await failWith(e);
    if (!wasSignedIn || replaced) {
      await authStatus.setValue({ state: 'signedOut', message: err.message });
      // The old session's tokens were replaced: its sync must not run on.
      if (wasSignedIn) await d.events.onSignedOut();
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
export async function signInJwt(creds: JwtCredentials, deps: SessionOptions): Promise<AuthStatus> {
  const d = { ...defaultDeps, ...deps };
  const db = await d.db();
  await db.put('meta', { clientId: creds.clientId, clientSecret: creds.clientSecret }, APP_KEY);
  await authStatus.setValue({ state: 'signingIn' });
  try {
    const client = await d.getClient();
    await client.login({ jwt: creds.jwt }).catch(async (e: unknown) => {
      throw await failWith(e, 'jwt');
    });
    return await completeSignIn(client, d.events);
  } catch (e) {
    await db.delete('meta', APP_KEY);
    const err = await failWith(e);
    await authStatus.setValue({ state: 'signedOut', message: err.message });
    throw err;
  }
}

/** Reads who signed in, publishes it and starts the session's work (sync, capabilities). */
export async function completeSignIn(client: RcClient, events: SessionEvents): Promise<AuthStatus> {
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
      server: client.server,
      ...(me.extensionNumber ? { extensionNumber: me.extensionNumber } : {}),
    },
  };
  const agent = agentOf(status)!;
  client.budget.countFor(agent.key);
  await events.beginAgent(agent);
  await authStatus.setValue(status);
  await events.onSignedIn(client);
  return status;
}

/** Stops the session's work and clears the agent's data, then revokes (errors ignored) and forgets the tokens;
 *  the agent's drafts and outbox items stay, held for them (lib/background/agent-data.ts). */
export async function signOut(deps: SessionOptions): Promise<AuthStatus> {
  const d = { ...defaultDeps, ...deps };
  const client = await d.getClient();
  await d.events.onSignedOut();
  await client.logout();
  await (await d.db()).delete('meta', APP_KEY);
  const status: AuthStatus = { state: 'signedOut' };
  await authStatus.setValue(status);
  return status;
}

/** Publishes a dead session (refresh refused) to pages, once per client. */
export function watchSession(client: RcClient, events: SessionEvents): () => void {
  return client.onSessionLost((message) => {
    void (async () => {
      const current = await authStatus.getValue();
      if (current.state === 'signedOut' && current.message === message) return;
      await authStatus.setValue({ state: 'signedOut', message });
      await events.onSignedOut();
    })();
  });
}

/** On worker start: a stored refresh token means we are still signed in (refresh happens on first use). */
export async function restoreSession(deps: SessionOptions): Promise<boolean> {
  const d = { ...defaultDeps, ...deps };
  const client = await d.getClient();
  const data = await client.sdk.platform().auth().data();
  if (!data.refresh_token && !data.access_token) {
    const current = await authStatus.getValue();
    if (current.state !== 'signedOut')
      await authStatus.setValue({ state: 'signedOut', message: current.message });
    return false;
  }
  const agent = agentOf(await authStatus.getValue());
  if (agent) {
    client.budget.countFor(agent.key);
    await d.events.beginAgent(agent);
    await d.events.onSignedIn(client);
  } else await completeSignIn(client, d.events).catch(() => undefined);
  return true;
}

export interface Session {
  signIn(): Promise<AuthStatus>;
  signInJwt(creds: JwtCredentials): Promise<AuthStatus>;
  signOut(): Promise<AuthStatus>;
}

/** The session in the composition root: watches every client for a lost session, ends the session when the
 *  server or app changes (tokens belong to one of each), and restores a stored session. */
export function setupSession(events: SessionEvents): Session {
  const deps: SessionOptions = { events };
  onRcClientChange((client) => watchSession(client, events));
  serverSettings.watch((next, prev) => {
    if (next.server !== prev?.server || next.clientId !== prev?.clientId)
      void signOut(deps).catch(() => undefined);
  });
  void restoreSession(deps).catch((e: unknown) => console.warn('ThreadDesk session restore failed', e));
  return {
    signIn: () => signInInteractive(deps),
    signInJwt: (creds) => signInJwt(creds, deps),
    signOut: () => signOut(deps),
  };
}
