// mthSyncThreads and mthSyncEntries (docs/emulator.md "Message threads"). FSync walks the caller's threads; ISync reads only
// the change log after the token's position, so its cost follows the number of changes, not the store size.
import type { z } from 'zod';
import { iso } from '../clock.ts';
import { handledResources } from '../directory.ts';
import { missingParam } from '../http/errors.ts';
import type { ChangeRec, ThreadRec } from '../state.ts';
import type { ThreadScope } from './access.ts';
import { changeInScope, inScope, isOpen, type SyncScope } from './rules.ts';
import type { SyncEntriesQuery, SyncThreadsQuery } from './schemas.ts';
import { checkSyncToken, encodeSyncToken } from './sync-token.ts';
import { hintView, messageSyncRecord, noteSyncRecord, threadView } from './views.ts';

export interface SyncEnv {
  secret: string;
  epoch: string;
  now: number;
}

type EntryRecord =
  ReturnType<typeof messageSyncRecord> | ReturnType<typeof noteSyncRecord> | ReturnType<typeof hintView>;

// ISO strings of one format sort as text; a plain comparison is far cheaper than localeCompare.
const byModifiedDesc = (a: { lastModifiedTime: string }, b: { lastModifiedTime: string }) =>
  a.lastModifiedTime < b.lastModifiedTime ? 1 : a.lastModifiedTime > b.lastModifiedTime ? -1 : 0;

function ownersOf(scope: ThreadScope): Set<string> {
  return new Set(handledResources(scope.account, scope.caller.extensionId).map((r) => r.id));
}

function syncInfo(
  env: SyncEnv,
  scope: ThreadScope,
  syncType: 'FSync' | 'ISync',
  extra: { kind: 'threads' | 'entries'; scope?: SyncScope; threadIds?: string[] },
) {
  const syncToken = encodeSyncToken(env.secret, {
    kind: extra.kind,
    account: scope.account.id,
    ext: scope.caller.extensionId,
    seq: scope.store.seq,
    issuedAt: env.now,
    epoch: env.epoch,
    ...(extra.scope ? { scope: extra.scope } : {}),
    ...(extra.threadIds ? { threadIds: extra.threadIds } : {}),
  });
  return { syncType, syncToken, syncTime: iso(env.now) };
}

function tokenFor(env: SyncEnv, scope: ThreadScope, kind: 'threads' | 'entries', token: string | undefined) {
  if (!token) throw missingParam('syncToken');
  return checkSyncToken(env.secret, token, {
    kind,
    account: scope.account.id,
    ext: scope.caller.extensionId,
    epoch: env.epoch,
    currentSeq: scope.store.seq,
    now: env.now,
  });
}

export function syncThreads(env: SyncEnv, scope: ThreadScope, q: z.infer<typeof SyncThreadsQuery>) {
  const owners = ownersOf(scope);
  let threads: ThreadRec[];
  if (q.syncType === 'ISync') {
    const token = tokenFor(env, scope, 'threads', q.syncToken);
    const ids = new Set<string>();
    for (const change of scope.store.changesAfter(token.seq)) {
      if (change.stream === 'threads') ids.add(change.threadId);
    }
    threads = [...ids]
      .map((id) => scope.store.threads.get(id))
      .filter((t): t is ThreadRec => !!t && owners.has(t.ownerId));
  } else {
    threads = [...scope.store.threads.values()].filter((t) => owners.has(t.ownerId) && isOpen(t));
  }
  const records = threads.map((t) => threadView(scope.view, t)).sort(byModifiedDesc);
  return { records, syncInfo: syncInfo(env, scope, q.syncType, { kind: 'threads' }) };
}

function entryRecord(scope: ThreadScope, change: Pick<ChangeRec, 'kind' | 'id'>): EntryRecord | undefined {
  const { store, view } = scope;
  if (change.kind === 'message') {
    const m = store.messages.get(change.id);
    return m && messageSyncRecord(view, m);
  }
  if (change.kind === 'note') {
    const n = store.notes.get(change.id);
    return n && noteSyncRecord(view, n);
  }
  const h = store.hints.get(change.id);
  return h && hintView(view, h);
}

function fullEntries(scope: ThreadScope, syncScope: SyncScope, threadIds: string[]): EntryRecord[] {
  const owners = ownersOf(scope);
  const me = scope.caller.extensionId;
  const threads =
    syncScope === 'Explicit'
      ? threadIds
          .map((id) => scope.store.threads.get(id))
          .filter((t): t is ThreadRec => !!t && owners.has(t.ownerId))
      : [...scope.store.threads.values()].filter(
          (t) =>
            owners.has(t.ownerId) &&
            isOpen(t) &&
            inScope(syncScope, { threadId: t.id, assigneeId: t.assigneeId, open: true }, me, threadIds),
        );
  const out: EntryRecord[] = [];
  for (const thread of threads) {
    for (const m of scope.store.messagesOf(thread.id))
      if (m.availability === 'Alive') out.push(messageSyncRecord(scope.view, m));
    for (const n of scope.store.notesOf(thread.id))
      if (n.availability === 'Alive') out.push(noteSyncRecord(scope.view, n));
    for (const h of scope.store.hintsOf(thread.id)) out.push(hintView(scope.view, h));
  }
  return out;
}

function changedEntries(
  scope: ThreadScope,
  after: number,
  syncScope: SyncScope,
  threadIds: string[],
): EntryRecord[] {
  const owners = ownersOf(scope);
  const me = scope.caller.extensionId;
  const latest = new Map<string, ChangeRec>();
  for (const change of scope.store.changesAfter(after)) {
    if (change.stream !== 'entries') continue;
    const thread = scope.store.threads.get(change.threadId);
    if (!thread || !owners.has(thread.ownerId)) continue;
    if (!changeInScope(syncScope, change, me, threadIds)) continue;
    latest.set(`${change.kind}:${change.id}`, change);
  }
  const out: EntryRecord[] = [];
  for (const change of latest.values()) {
    const record = entryRecord(scope, change);
    if (record) out.push(record);
  }
  return out;
}

export function syncEntries(env: SyncEnv, scope: ThreadScope, q: z.infer<typeof SyncEntriesQuery>) {
  let syncScope: SyncScope = q.scope;
  let threadIds: string[] = q.threadIds ?? [];
  let records: EntryRecord[];
  if (q.syncType === 'ISync') {
    const token = tokenFor(env, scope, 'entries', q.syncToken);
    syncScope = token.scope ?? 'AssignedToMe';
    threadIds = token.threadIds ?? [];
    records = changedEntries(scope, token.seq, syncScope, threadIds);
  } else {
    if (syncScope === 'Explicit' && threadIds.length === 0) throw missingParam('threadIds');
    records = fullEntries(scope, syncScope, threadIds);
  }
  records.sort(byModifiedDesc);
  const info = syncInfo(env, scope, q.syncType, {
    kind: 'entries',
    scope: syncScope,
    ...(syncScope === 'Explicit' ? { threadIds } : {}),
  });
  return { records, syncInfo: info };
}
