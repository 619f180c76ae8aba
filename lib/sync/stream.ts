// The two sync endpoints (docs/emulator.md, Message threads): FSync without a token, ISync with one. An ISync token the
// server no longer accepts is reported as `invalidToken` so the engine falls back to FSync.
import { z } from 'zod';
import type { RcClient } from '../rc/client';
import { EntriesSyncList, ThreadSyncList } from '../rc/schemas';

export type StreamKind = 'threads' | 'entries';

export const SYNC_PATHS: Record<StreamKind, string> = {
  threads: '/restapi/v1.0/account/~/message-threads/sync',
  entries: '/restapi/v1.0/account/~/message-threads/entries/sync',
};

export const tokenKey = (kind: StreamKind) => `sync:${kind}:token`;

export type ThreadSyncPage = z.infer<typeof ThreadSyncList>;
export type EntriesSyncPage = z.infer<typeof EntriesSyncList>;

export type SyncClient = Pick<RcClient, 'request'>;

export function fetchSync(client: SyncClient, kind: 'threads', token?: string): Promise<ThreadSyncPage>;
export function fetchSync(client: SyncClient, kind: 'entries', token?: string): Promise<EntriesSyncPage>;
export function fetchSync(
  client: SyncClient,
  kind: StreamKind,
  token?: string,
): Promise<ThreadSyncPage | EntriesSyncPage>;
export function fetchSync(
  client: SyncClient,
  kind: StreamKind,
  token?: string,
): Promise<ThreadSyncPage | EntriesSyncPage> {
  const query: Record<string, string> = token
    ? { syncType: 'ISync', syncToken: token }
    : { syncType: 'FSync', ...(kind === 'entries' ? { scope: 'Accessible' } : {}) };
  const path = SYNC_PATHS[kind];
  return kind === 'threads'
    ? client.request('GET', path, { query, schema: ThreadSyncList, group: 'Medium' })
    : client.request('GET', path, { query, schema: EntriesSyncList, group: 'Medium' });
}

const INVALID_TOKEN_CODES = new Set(['MSG-411', 'CMN-101']);

/** A 400 saying the sync token is invalid or expired (RingCentral's clients handle MSG-411 and CMN-101). */
export function isInvalidToken(e: unknown): boolean {
  const err = e as { status?: number; code?: string; message?: string; body?: unknown } | undefined;
  if (err?.status !== 400) return false;
  if (err.code && INVALID_TOKEN_CODES.has(err.code)) return true;
  const text = `${err.message ?? ''} ${safeJson(err.body)}`;
  return /sync_?token/i.test(text);
}

function safeJson(value: unknown): string {
  try {
    return JSON.stringify(value) ?? '';
  } catch {
    return '';
  }
}
