// Reducer test helpers: a store slice and the engine's way of applying writes to it (records: test/support/threads).
import type { MessageThread } from '../rc/schemas';
import type { StoredEntry, ThreadSummary } from './db';
import type { StoreSlice, StoreWrites } from './reducer';
import type { PairOptOut } from './summary';

export function slice(
  init: {
    threads?: MessageThread[];
    entries?: StoredEntry[];
    summaries?: ThreadSummary[];
    optOuts?: Record<string, PairOptOut>;
  } = {},
): StoreSlice {
  const entries = new Map<string, StoredEntry[]>();
  for (const e of init.entries ?? []) entries.set(e.threadId, [...(entries.get(e.threadId) ?? []), e]);
  return {
    threads: new Map((init.threads ?? []).map((t) => [t.id, t])),
    entries,
    summaries: new Map((init.summaries ?? []).map((s) => [s.threadId, s])),
    optOuts: new Map(Object.entries(init.optOuts ?? {})),
  };
}

/** Applies writes to a slice the way the engine applies them to IndexedDB (for chaining reducer calls). */
export function applyToSlice(s: StoreSlice, w: StoreWrites): StoreSlice {
  const threads = new Map(s.threads);
  const entries = new Map([...s.entries].map(([k, v]) => [k, [...v]]));
  const summaries = new Map(s.summaries);
  const optOuts = new Map(s.optOuts);
  for (const t of w.putThreads) threads.set(t.id, t);
  const deleted = new Set(w.deleteEntries);
  for (const [k, v] of entries)
    entries.set(
      k,
      v.filter((e) => !deleted.has(e.id)),
    );
  for (const e of w.putEntries) {
    const list = (entries.get(e.threadId) ?? []).filter((x) => x.id !== e.id);
    entries.set(e.threadId, [...list, e]);
  }
  for (const x of w.putSummaries) summaries.set(x.threadId, x);
  for (const [p, v] of w.putOptOuts) optOuts.set(p, v);
  for (const id of w.dropThreads) {
    threads.delete(id);
    entries.delete(id);
    summaries.delete(id);
  }
  return { threads, entries, summaries, optOuts };
}
