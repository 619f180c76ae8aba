// The one builder of thread records for every suite: small valid RingCentral records with overridable fields,
// times in minutes after T0.
import type { EntrySyncItem, MessageThread } from '../../lib/rc/schemas';
import type { StoredEntry, ThreadSummary } from '../../lib/sync/db';

export const T0 = Date.parse('2026-03-02T15:00:00.000Z');
export const at = (minutes: number) => new Date(T0 + minutes * 60_000).toISOString();

/** An Open, unassigned thread of the Support queue; `guest` is the customer's number (default from the id). */
export function thread(id: string, over: Partial<MessageThread> & { guest?: string } = {}): MessageThread {
  const { guest, ...rest } = over;
  return {
    id,
    status: 'Open',
    availability: 'Alive',
    owner: { extensionId: 'q1', extensionType: 'Department', name: 'Support' },
    ownerParty: { phoneNumber: '+16505550100' },
    guestParty: { phoneNumber: guest ?? `+1555100${id.padStart(4, '0').slice(-4)}` },
    creationTime: at(0),
    lastModifiedTime: at(0),
    ...rest,
  };
}

type Alive = Extract<EntrySyncItem, { recordType: 'AliveMessage' }>;

/** An inbound message as a sync page carries it. */
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

/** A sync record as the local store keeps it (with its timeline time). */
export function stored(e: EntrySyncItem): StoredEntry {
  if (e.recordType === 'DeletedMessage' || e.recordType === 'DeletedNote') throw new Error('not storable');
  return { ...e, time: 'creationTime' in e ? e.creationTime : e.lastModifiedTime };
}

export function storedMessage(id: string, threadId: string, minute: number, over: Partial<Alive> = {}) {
  return stored(message(id, threadId, minute, over)) as Extract<StoredEntry, { recordType: 'AliveMessage' }>;
}

export function summary(threadId: string, over: Partial<ThreadSummary> = {}): ThreadSummary {
  return { threadId, optedOut: false, ...over };
}
