// Builders for reducer and badge tests: small valid RingCentral records with overridable fields.
import type { EntrySyncItem, MessageThread } from '../rc/schemas';
import type { StoredEntry, ThreadSummary } from './db';
import type { StoreSlice, StoreWrites } from './reducer';
import type { PairOptOut } from './summary';

export const T0 = '2026-01-01T00:00:00.000Z';
export const at = (minutes: number) => new Date(Date.parse(T0) + minutes * 60_000).toISOString();

export function thread(id: string, over: Partial<MessageThread> = {}): MessageThread {
  return {
    id,
    status: 'Open',
    availability: 'Alive',
    owner: { extensionId: 'q1', extensionType: 'Department', name: 'Support' },
    ownerParty: { phoneNumber: '+15550000001' },
    guestParty: { phoneNumber: `+1555100${id.padStart(4, '0').slice(-4)}` },
    creationTime: T0,
    lastModifiedTime: T0,
    ...over,
  };
}

type Alive = Extract<EntrySyncItem, { recordType: 'AliveMessage' }>;

export function message(id: string, threadId: string, minute: number, over: Partial<Alive> = {}): Alive {
  return {
    recordType: 'AliveMessage',
    id,
    threadId,
    availability: 'Alive',
    creationTime: at(minute),
    lastModifiedTime: at(minute),
    direction: 'Inbound',
    messageStatus: 'Received',
    text: `hello ${id}`,
    ...over,
  };
}

export const stored = (e: EntrySyncItem): StoredEntry => {
  if (e.recordType === 'DeletedMessage' || e.recordType === 'DeletedNote') throw new Error('not storable');
  return { ...e, time: 'creationTime' in e ? e.creationTime : e.lastModifiedTime };
};

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
