// The sync reducer (pure): from the part of the store a sync page touches, compute the writes that bring the
// store up to date. Idempotent (a page applied twice yields no writes) and order-tolerant (a record never
// replaces a newer lastModifiedTime).
import type { EntrySyncItem, MessageThread } from '../rc/schemas';
import { isOpen } from '../threads/rules';
import type { StoredEntry, ThreadSummary } from './db';
import { latestKeyword, newerOptOut, sameSummary, summarize, threadPair, type PairOptOut } from './summary';

/** What the reducer needs to see. `entries` must hold every entry of each thread the page names. */
export interface StoreSlice {
  threads: ReadonlyMap<string, MessageThread>;
  entries: ReadonlyMap<string, readonly StoredEntry[]>;
  summaries: ReadonlyMap<string, ThreadSummary>;
  optOuts: ReadonlyMap<string, PairOptOut>;
}

export type StoredMessage = Extract<StoredEntry, { recordType: 'AliveMessage' }>;

export interface StoreWrites {
  putThreads: MessageThread[];
  /** Threads gone (deleted, or no longer in an FSync): remove with their entries, summary and read mark. */
  dropThreads: string[];
  putEntries: StoredEntry[];
  deleteEntries: string[];
  putSummaries: ThreadSummary[];
  putOptOuts: Array<[pair: string, value: PairOptOut]>;
  /** Messages stored for the first time (the notifier picks the inbound ones). */
  newMessages: StoredMessage[];
  /** Every thread whose row, entries or summary changed. */
  changedThreadIds: string[];
}

/**
 * FSync: `records` is the whole set of Open threads, so local Open threads missing from it are dropped.
 * ISync / list: only the records given change.
 */
export type ThreadsMode = 'FSync' | 'ISync';

export function emptyWrites(): StoreWrites {
  return {
    putThreads: [],
    dropThreads: [],
    putEntries: [],
    deleteEntries: [],
    putSummaries: [],
    putOptOuts: [],
    newMessages: [],
    changedThreadIds: [],
  };
}

export const hasWrites = (w: StoreWrites) => w.changedThreadIds.length > 0 || w.putOptOuts.length > 0;

/** True when `incoming` should replace `current`: strictly newer, or equally new but different. */
function supersedes(
  current: { lastModifiedTime: string } | undefined,
  incoming: { lastModifiedTime: string },
) {
  if (!current) return true;
  if (incoming.lastModifiedTime !== current.lastModifiedTime) {
    return incoming.lastModifiedTime > current.lastModifiedTime;
  }
  return JSON.stringify(current) !== JSON.stringify(incoming);
}

export function reduceThreads(
  slice: StoreSlice,
  records: readonly MessageThread[],
  mode: ThreadsMode,
  /** FSync's syncTime: a local thread modified after it (e.g. just created by a send) is not stale. */
  asOf?: string,
): StoreWrites {
  const w = emptyWrites();
  const put = new Map<string, MessageThread>();
  const drop = new Set<string>();
  for (const record of records) {
    const current = put.get(record.id) ?? slice.threads.get(record.id);
    if (record.availability === 'Deleted') {
      if (slice.threads.has(record.id) || put.has(record.id)) drop.add(record.id);
      put.delete(record.id);
      continue;
    }
    if (drop.has(record.id) || !supersedes(current, record)) continue;
    put.set(record.id, record);
  }
  if (mode === 'FSync') {
    const present = new Set(records.map((r) => r.id));
    for (const [id, t] of slice.threads) {
      const newer = asOf !== undefined && t.lastModifiedTime > asOf;
      if (isOpen(t) && !present.has(id) && !newer) drop.add(id);
    }
  }
  w.putThreads = [...put.values()];
  w.dropThreads = [...drop];
  // A thread seen for the first time may join a pair whose customer opted out on an earlier thread.
  const optOuts = new Map(slice.optOuts);
  for (const t of w.putThreads) {
    if (slice.threads.has(t.id)) continue;
    const entries = slice.entries.get(t.id);
    if (!entries?.length) continue;
    const summary = resummarize(t.id, t, entries, optOuts, w);
    if (!sameSummary(slice.summaries.get(t.id), summary)) w.putSummaries.push(summary);
  }
  w.changedThreadIds = [...put.keys(), ...drop];
  return w;
}

/** Recomputes a summary, folding this thread's latest keyword into its pair's record (recorded in `w`). */
function resummarize(
  threadId: string,
  thread: MessageThread | undefined,
  entries: readonly StoredEntry[],
  optOuts: Map<string, PairOptOut>,
  w: StoreWrites,
): ThreadSummary {
  const pair = threadPair(thread);
  if (!pair) return summarize(threadId, entries, undefined);
  const messages = entries
    .filter((e): e is StoredMessage => e.recordType === 'AliveMessage')
    .sort((a, b) => (a.time < b.time ? -1 : 1));
  const before = optOuts.get(pair);
  const merged = newerOptOut(before, latestKeyword(messages));
  if (merged && merged !== before) {
    optOuts.set(pair, merged);
    w.putOptOuts = w.putOptOuts.filter(([p]) => p !== pair);
    w.putOptOuts.push([pair, merged]);
  }
  return summarize(threadId, entries, merged);
}

function toStored(item: EntrySyncItem): StoredEntry | undefined {
  switch (item.recordType) {
    case 'AliveMessage':
    case 'AliveNote':
      return { ...item, time: item.creationTime };
    case 'DeletedMessage':
    case 'DeletedNote':
      return undefined;
    default:
      return { ...item, time: item.lastModifiedTime };
  }
}

export function reduceEntries(slice: StoreSlice, records: readonly EntrySyncItem[]): StoreWrites {
  const w = emptyWrites();
  const byId = new Map<string, StoredEntry>();
  for (const list of slice.entries.values()) for (const e of list) byId.set(e.id, e);
  const put = new Map<string, StoredEntry>();
  const removed = new Set<string>();
  const touched = new Set<string>();
  const drop = new Set<string>();

  for (const item of records) {
    const current = put.get(item.id) ?? (removed.has(item.id) ? undefined : byId.get(item.id));
    if (item.recordType === 'DeletedMessage' || item.recordType === 'DeletedNote') {
      if (current && current.lastModifiedTime <= item.lastModifiedTime) {
        put.delete(item.id);
        removed.add(item.id);
        touched.add(item.threadId);
      }
      continue;
    }
    if (item.recordType === 'ThreadDeletedHint') {
      drop.add(item.threadId);
      continue;
    }
    const stored = toStored(item)!;
    if (!supersedes(current, stored)) continue;
    put.set(item.id, stored);
    removed.delete(item.id);
    touched.add(item.threadId);
    if (!current && !byId.has(item.id) && stored.recordType === 'AliveMessage') w.newMessages.push(stored);
  }

  for (const id of drop) {
    touched.delete(id);
    if (slice.threads.has(id) || slice.entries.get(id)?.length) w.dropThreads.push(id);
  }
  w.putEntries = [...put.values()].filter((e) => !drop.has(e.threadId));
  w.deleteEntries = [...removed].filter((id) => byId.has(id));
  w.newMessages = w.newMessages.filter((m) => !drop.has(m.threadId));

  const putsByThread = new Map<string, StoredEntry[]>();
  for (const e of w.putEntries) {
    const list = putsByThread.get(e.threadId);
    if (list) list.push(e);
    else putsByThread.set(e.threadId, [e]);
  }
  const optOuts = new Map(slice.optOuts);
  for (const threadId of touched) {
    const entries = new Map<string, StoredEntry>();
    for (const e of slice.entries.get(threadId) ?? []) if (!removed.has(e.id)) entries.set(e.id, e);
    for (const e of putsByThread.get(threadId) ?? []) entries.set(e.id, e);
    const summary = resummarize(threadId, slice.threads.get(threadId), [...entries.values()], optOuts, w);
    if (!sameSummary(slice.summaries.get(threadId), summary)) w.putSummaries.push(summary);
  }
  w.changedThreadIds = [...touched, ...w.dropThreads];
  return w;
}
