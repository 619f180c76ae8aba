// One RC client per worker, created on first use and recreated only when the server or app changes: several
// clients would each refresh the same single-use refresh token (the refresh storm of docs/emulator.md, Rate limits).
import { serverSettings } from '../storage';
import { openStore, type Store } from '../sync/db';
import { createRcClient, type RcClient } from './client';
import { createIdbTokenStore } from './token-store';

export interface ClientConfig {
  server: string;
  clientId: string;
  /** Only for a private app signed in with JWT; kept in IndexedDB, never in storage.local. */
  clientSecret?: string;
}

/** meta key of the private app's credentials (JWT sign-in). */
export const APP_KEY = 'auth:app';

export async function loadClientConfig(db: Store): Promise<ClientConfig> {
  const settings = await serverSettings.getValue();
  const app = (await db.get('meta', APP_KEY)) as { clientId: string; clientSecret: string } | undefined;
  if (app?.clientId && app.clientSecret) {
    return { server: settings.server, clientId: app.clientId, clientSecret: app.clientSecret };
  }
  return { server: settings.server, clientId: settings.clientId };
}

const keyOf = (c: ClientConfig) => JSON.stringify([c.server, c.clientId, c.clientSecret ?? '']);

let current: { key: string; client: RcClient } | undefined;
let pending: Promise<RcClient> | undefined;
const listeners = new Set<(client: RcClient) => void>();

/** The worker's RC client for the current settings. */
export function getRcClient(): Promise<RcClient> {
  pending ??= (async () => {
    try {
      const db = await openStore();
      const config = await loadClientConfig(db);
      const key = keyOf(config);
      if (current?.key !== key) {
        current = { key, client: createRcClient({ ...config, store: createIdbTokenStore(db) }) };
        for (const l of listeners) l(current.client);
      }
      return current.client;
    } finally {
      pending = undefined;
    }
  })();
  return pending;
}

/** Called when a new client replaces the old one (push must re-subscribe with it). */
export function onRcClientChange(listener: (client: RcClient) => void): () => void {
  listeners.add(listener);
  return () => listeners.delete(listener);
}
