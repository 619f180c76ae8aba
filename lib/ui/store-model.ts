// Read side of the local store for a page: signals filled from IndexedDB, refreshed when the background
// announces a change (only the affected records are re-read). Nothing here writes to the store.
import { agentOf } from '../auth/agent';
import { authStatus } from '../storage';
import { batch, computed, signal, type ReadonlySignal } from '@preact/signals';
import type { MessageThread } from '../rc/schemas';
import type { OutboxItem, Store, StoredEntry, ThreadSummary } from '../sync/db';
import {
  readEntries,
  readNewestEntries,
  readNewestThreads,
  readOutbox,
  readReads,
  readSummaries,
  readSummariesById,
  readThreads,
  readThreadsById,
} from '../sync/read';
import { isStoreChange, STORE_CHANNEL, type ChangeSource, type StoreChange } from '../sync/changes';

/** Threads read before the full read, enough to fill a tall panel. */
const FIRST_PAINT = 40;
/** Entries read before a thread's full read: the timeline's first window. */
const FIRST_ENTRIES = 100;

export interface StoreModelOptions {
  openDb: () => Promise<Store>;
  changes?: ChangeSource;
}

export interface ThreadEntries {
  threadId: string;
  items: StoredEntry[];
  /** False while only the newest entries were read (a long thread paints before its full read). */
  complete: boolean;
}

export interface StoreModel {
  threads: ReadonlySignal<MessageThread[]>;
  threadById: ReadonlySignal<Map<string, MessageThread>>;
  summaries: ReadonlySignal<Map<string, ThreadSummary>>;
  reads: ReadonlySignal<Map<string, string>>;
  outbox: ReadonlySignal<OutboxItem[]>;
  /** True once the newest threads were read: the list can render. */
  loaded: ReadonlySignal<boolean>;
  /** True once every record was read: counts and empty views are final. */
  complete: ReadonlySignal<boolean>;
  /** Entries of the thread being viewed (one at a time). */
  entries: ReadonlySignal<ThreadEntries | null>;
  viewThread(threadId: string | null): Promise<void>;
  /** Resolves after pending change announcements were applied (tests, benchmarks). */
  settled(): Promise<void>;
  dispose(): void;
}

const byLastModifiedDesc = (a: MessageThread, b: MessageThread) =>
  a.lastModifiedTime < b.lastModifiedTime ? 1 : a.lastModifiedTime > b.lastModifiedTime ? -1 : 0;

/** `current` with these ids as they were read now: replaced, or removed when the store has none. */
function patch<V>(current: ReadonlyMap<string, V>, ids: string[], fresh: ReadonlyMap<string, V>) {
  const map = new Map(current);
  for (const id of ids) {
    const value = fresh.get(id);
    if (value) map.set(id, value);
    else map.delete(id);
  }
  return map;
}

/** Whose replies the panel shows: the signed-in agent's only. */
const outboxOwner = async () => agentOf(await authStatus.getValue())?.key;

export function createStoreModel({ openDb, changes }: StoreModelOptions): StoreModel {
  const threads = signal<MessageThread[]>([]);
  const summaries = signal(new Map<string, ThreadSummary>());
  const reads = signal(new Map<string, string>());
  const outbox = signal<OutboxItem[]>([]);
  const loaded = signal(false);
  const complete = signal(false);
  const entries = signal<ThreadEntries | null>(null);
  const threadById = computed(() => new Map(threads.value.map((t) => [t.id, t])));
  let viewed: string | null = null;
  let disposed = false;

  const dbPromise = openDb();

  /** The newest threads first, so a large inbox paints before the full read. */
  async function loadNewest(db: Store) {
    // Read marks and the outbox are small, and rows must not flash unread or lose a pending reply.
    const [first, r, o] = await Promise.all([
      readNewestThreads(db, FIRST_PAINT),
      readReads(db),
      readOutbox(db, await outboxOwner()),
    ]);
    if (disposed || complete.value) return;
    batch(() => {
      threads.value = first.threads;
      summaries.value = first.summaries;
      reads.value = r;
      outbox.value = o;
      loaded.value = true;
    });
  }

  async function loadAll() {
    const db = await dbPromise;
    await loadNewest(db);
    const [t, s, r, o] = await Promise.all([
      readThreads(db),
      readSummaries(db),
      readReads(db),
      readOutbox(db, await outboxOwner()),
    ]);
    if (disposed) return;
    batch(() => {
      threads.value = t;
      summaries.value = s;
      reads.value = r;
      outbox.value = o;
      loaded.value = true;
      complete.value = true;
    });
    performance.mark('threaddesk:store-loaded');
  }

  async function patchThreads(db: Store, ids: string[] | undefined) {
    if (!ids) {
      threads.value = await readThreads(db);
      return;
    }
    const map = patch(threadById.value, ids, await readThreadsById(db, ids));
    threads.value = [...map.values()].sort(byLastModifiedDesc);
  }

  async function patchSummaries(db: Store, ids: string[] | undefined) {
    if (!ids) {
      summaries.value = await readSummaries(db);
      return;
    }
    summaries.value = patch(summaries.value, ids, await readSummariesById(db, ids));
  }

  async function apply(change: StoreChange) {
    const db = await dbPromise;
    const ids = change.threadIds;
    switch (change.kind) {
      case 'threads':
        await Promise.all([patchThreads(db, ids), patchSummaries(db, ids)]);
        break;
      case 'entries':
        // The sync reducer keeps summaries beside entries, so both may have moved.
        await patchSummaries(db, ids);
        if (viewed && (!ids || ids.includes(viewed))) await reloadEntries(db, viewed);
        break;
      case 'outbox':
        outbox.value = await readOutbox(db, await outboxOwner());
        break;
      case 'reads':
        reads.value = await readReads(db);
        break;
    }
  }

  // Reads of entries may overlap (opening a thread while a change arrives): only the latest started applies.
  let entriesRead = 0;
  async function reloadEntries(db: Store, threadId: string) {
    const seq = ++entriesRead;
    const items = await readEntries(db, threadId);
    if (viewed === threadId && seq === entriesRead) entries.value = { threadId, items, complete: true };
  }

  async function newestEntries(db: Store, threadId: string) {
    const seq = ++entriesRead;
    const items = await readNewestEntries(db, threadId, FIRST_ENTRIES);
    if (viewed === threadId && seq === entriesRead) entries.value = { threadId, items, complete: false };
  }

  // Announcements are applied in order, so a slow re-read never overwrites a newer one.
  let queue: Promise<void> = loadAll().catch((error: unknown) => {
    console.error('ThreadDesk: cannot read the local store', error);
    loaded.value = true;
    complete.value = true;
  });
  const onMessage = (event: MessageEvent) => {
    if (!isStoreChange(event.data)) return;
    const change = event.data;
    queue = queue.then(() => apply(change)).catch((error: unknown) => console.error(error));
  };
  changes?.addEventListener('message', onMessage);

  return {
    threads,
    threadById,
    summaries,
    reads,
    outbox,
    loaded,
    complete,
    entries,
    async viewThread(threadId) {
      viewed = threadId;
      if (!threadId) {
        entries.value = null;
        return;
      }
      const db = await dbPromise;
      if (entries.value?.threadId !== threadId) {
        entries.value = null;
        await newestEntries(db, threadId);
      }
      await reloadEntries(db, threadId);
    },
    settled: () => queue,
    dispose() {
      disposed = true;
      changes?.removeEventListener('message', onMessage);
      changes?.close?.();
    },
  };
}

/** The channel the background announces changes on. */
export const openChangeChannel = (): ChangeSource => new BroadcastChannel(STORE_CHANNEL);
