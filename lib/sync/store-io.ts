// The engine's I/O with IndexedDB: read the slice a sync page touches, write the reducer's result (and the
// stream's new sync token) in one transaction, so a crash never leaves data and token out of step.
import type { MessageThread } from '../rc/schemas';
import { entriesOfThread, type StoredEntry, type Store, type ThreadSummary } from './db';
import type { StoreSlice, StoreWrites } from './reducer';
import type { PairOptOut } from './summary';

export const OPT_OUTS_KEY = 'optOuts';

/** Above this many threads one getAll beats many index range reads. */
const BULK_THRESHOLD = 40;

export async function loadSlice(
  db: Store,
  threadIds: ReadonlySet<string>,
  opts: { allThreads?: boolean } = {},
): Promise<StoreSlice> {
  const tx = db.transaction(['threads', 'entries', 'summaries', 'meta']);
  const threads = new Map<string, MessageThread>();
  const entries = new Map<string, StoredEntry[]>();
  const summaries = new Map<string, ThreadSummary>();
  const bulk = threadIds.size > BULK_THRESHOLD;
  const threadRows = opts.allThreads || bulk ? tx.objectStore('threads').getAll() : undefined;
  const entryRows = bulk ? tx.objectStore('entries').getAll() : undefined;
  const summaryRows = bulk ? tx.objectStore('summaries').getAll() : undefined;
  const single = bulk
    ? []
    : [...threadIds].map(async (id) => {
        const range = entriesOfThread(id);
        const [t, es, s] = await Promise.all([
          opts.allThreads ? undefined : tx.objectStore('threads').get(id),
          tx.objectStore('entries').index('byThreadTime').getAll(range),
          tx.objectStore('summaries').get(id),
        ]);
        if (t) threads.set(id, t);
        if (es.length) entries.set(id, es);
        if (s) summaries.set(id, s);
      });
  const optOuts = tx.objectStore('meta').get(OPT_OUTS_KEY);
  await Promise.all(single);
  for (const t of (await threadRows) ?? []) threads.set(t.id, t);
  for (const e of (await entryRows) ?? []) {
    if (!threadIds.has(e.threadId)) continue;
    const list = entries.get(e.threadId);
    if (list) list.push(e);
    else entries.set(e.threadId, [e]);
  }
  for (const s of (await summaryRows) ?? []) if (threadIds.has(s.threadId)) summaries.set(s.threadId, s);
  const pairs = ((await optOuts) ?? {}) as Record<string, PairOptOut>;
  await tx.done;
  return { threads, entries, summaries, optOuts: new Map(Object.entries(pairs)) };
}

export async function applyWrites(
  db: Store,
  w: StoreWrites,
  meta: ReadonlyArray<[key: string, value: unknown]> = [],
): Promise<void> {
  const tx = db.transaction(['threads', 'entries', 'summaries', 'reads', 'meta'], 'readwrite');
  const threads = tx.objectStore('threads');
  const entries = tx.objectStore('entries');
  const summaries = tx.objectStore('summaries');
  const ops: Array<Promise<unknown>> = [];
  for (const t of w.putThreads) ops.push(threads.put(t));
  for (const id of w.deleteEntries) ops.push(entries.delete(id));
  for (const e of w.putEntries) ops.push(entries.put(e));
  for (const s of w.putSummaries) ops.push(summaries.put(s));
  for (const id of w.dropThreads) {
    ops.push(threads.delete(id), summaries.delete(id), tx.objectStore('reads').delete(id));
    const range = entriesOfThread(id);
    ops.push(
      entries
        .index('byThreadTime')
        .getAllKeys(range)
        .then((keys) => Promise.all(keys.map((k) => entries.delete(k)))),
    );
  }
  if (w.putOptOuts.length) {
    ops.push(
      tx
        .objectStore('meta')
        .get(OPT_OUTS_KEY)
        .then((current) => {
          const next = { ...((current ?? {}) as Record<string, PairOptOut>) };
          for (const [pair, value] of w.putOptOuts) next[pair] = value;
          return tx.objectStore('meta').put(next, OPT_OUTS_KEY);
        }),
    );
  }
  for (const [key, value] of meta) ops.push(tx.objectStore('meta').put(value, key));
  await Promise.all([...ops, tx.done]);
}

export async function readMeta<T>(db: Store, key: string): Promise<T | undefined> {
  return (await db.get('meta', key)) as T | undefined;
}

export async function deleteMeta(db: Store, key: string): Promise<void> {
  await db.delete('meta', key);
}

/** Everything the engine keeps (sign-out): data stores and sync metadata; the outbox is not ours. */
export async function clearSynced(db: Store, metaKeys: readonly string[]): Promise<void> {
  const tx = db.transaction(['threads', 'entries', 'summaries', 'reads', 'meta'], 'readwrite');
  await Promise.all([
    tx.objectStore('threads').clear(),
    tx.objectStore('entries').clear(),
    tx.objectStore('summaries').clear(),
    tx.objectStore('reads').clear(),
    ...metaKeys.map((k) => tx.objectStore('meta').delete(k)),
    tx.done,
  ]);
}
