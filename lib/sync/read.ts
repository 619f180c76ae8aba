// Every read of the local store outside the sync engine's own transactions, typed: the side panel, the badge,
// the chip push, notifications and the background's handlers read through these, so the store's layout
// (indexes, key ranges, which store holds what) is known here and in lib/sync/db.ts only.
import type { MessageThread } from '../rc/schemas';
import { entriesOfThread, type OutboxItem, type Store, type StoredEntry, type ThreadSummary } from './db';

/** Every thread in the store (Open and the Resolved ones loaded as history), newest activity first. */
export async function readThreads(db: Store): Promise<MessageThread[]> {
  const all = await db.getAllFromIndex('threads', 'byLastModified');
  return all.reverse();
}

/**
 * The `limit` threads with the newest activity and their summaries, so a large inbox paints before the full
 * read: a reverse cursor over a few records costs a few milliseconds where reading thousands costs hundreds.
 */
export async function readNewestThreads(
  db: Store,
  limit: number,
): Promise<{ threads: MessageThread[]; summaries: Map<string, ThreadSummary> }> {
  const tx = db.transaction(['threads', 'summaries']);
  const threads: MessageThread[] = [];
  let cursor = await tx.objectStore('threads').index('byLastModified').openCursor(null, 'prev');
  while (cursor && threads.length < limit) {
    threads.push(cursor.value);
    cursor = await cursor.continue();
  }
  const found = await Promise.all(threads.map((t) => tx.objectStore('summaries').get(t.id)));
  return { threads, summaries: new Map(found.filter((x) => !!x).map((x) => [x.threadId, x])) };
}

/** These threads as stored now, by id (absent: gone from the store). */
export async function readThreadsById(db: Store, ids: Iterable<string>): Promise<Map<string, MessageThread>> {
  const tx = db.transaction('threads');
  const found = await Promise.all([...new Set(ids)].map((id) => tx.store.get(id)));
  return new Map(found.filter((t) => !!t).map((t) => [t.id, t]));
}

/** One thread's entries in time order. */
export function readEntries(db: Store, threadId: string): Promise<StoredEntry[]> {
  return db.getAllFromIndex('entries', 'byThreadTime', entriesOfThread(threadId));
}

/** One thread's newest `limit` entries, in time order: the timeline's first window before the full read. */
export async function readNewestEntries(db: Store, threadId: string, limit: number): Promise<StoredEntry[]> {
  const items: StoredEntry[] = [];
  let cursor = await db
    .transaction('entries')
    .store.index('byThreadTime')
    .openCursor(entriesOfThread(threadId), 'prev');
  while (cursor && items.length < limit) {
    items.push(cursor.value);
    cursor = await cursor.continue();
  }
  return items.reverse();
}

export async function readSummaries(db: Store): Promise<Map<string, ThreadSummary>> {
  const all = await db.getAll('summaries');
  return new Map(all.map((s) => [s.threadId, s]));
}

/** These threads' summaries, by thread id (absent: none stored). */
export async function readSummariesById(
  db: Store,
  ids: Iterable<string>,
): Promise<Map<string, ThreadSummary>> {
  const tx = db.transaction('summaries');
  const found = await Promise.all([...new Set(ids)].map((id) => tx.store.get(id)));
  return new Map(found.filter((s) => !!s).map((s) => [s.threadId, s]));
}

/** The outbox items of one agent (`extensionId@server`, lib/auth/agent.ts): another agent's waiting replies
 *  are theirs, held for them and not shown. */
export async function readOutbox(db: Store, owner: string | undefined): Promise<OutboxItem[]> {
  if (!owner) return [];
  return (await db.getAll('outbox')).filter((item) => item.owner === owner);
}

/** Read marks: threadId → time of the newest entry the agent has seen. */
export async function readReads(db: Store): Promise<Map<string, string>> {
  const tx = db.transaction('reads');
  const [keys, values] = await Promise.all([tx.store.getAllKeys(), tx.store.getAll()]);
  return new Map(keys.map((k, i) => [k, values[i]!]));
}

/** The time of the newest entry of this thread the agent has seen, if any. */
export const readReadMark = (db: Store, threadId: string): Promise<string | undefined> =>
  db.get('reads', threadId);

/** What the badge and the chips are computed from: one read of the store per change. */
export interface StoreSnapshot {
  threads: MessageThread[];
  summaries: Map<string, ThreadSummary>;
  reads: Map<string, string>;
}

export async function readSnapshot(db: Store): Promise<StoreSnapshot> {
  const [threads, summaries, reads] = await Promise.all([readThreads(db), readSummaries(db), readReads(db)]);
  return { threads, summaries, reads };
}

/** The current records of one thread (all absent: it is gone from the store). */
export interface ThreadRecords {
  thread?: MessageThread;
  summary?: ThreadSummary;
  read?: string;
}

/** The records of these threads, read together in one transaction (a change's part of a snapshot). */
export async function readThreadRecords(
  db: Store,
  ids: Iterable<string>,
): Promise<Map<string, ThreadRecords>> {
  const tx = db.transaction(['threads', 'summaries', 'reads']);
  const unique = [...new Set(ids)];
  const rows = await Promise.all(
    unique.map((id) =>
      Promise.all([
        tx.objectStore('threads').get(id),
        tx.objectStore('summaries').get(id),
        tx.objectStore('reads').get(id),
      ]),
    ),
  );
  return new Map(
    unique.map((id, i) => [id, { thread: rows[i]![0], summary: rows[i]![1], read: rows[i]![2] }]),
  );
}
