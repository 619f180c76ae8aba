// One timeline per thread: messages, notes, system events and replies still in the outbox, in time order.
import type { ThreadMessage, ThreadNote, ThreadUser } from '../rc/schemas';
import type { OutboxItem, StoredEntry } from '../sync/db';

export type EventKind = 'created' | 'assigned' | 'unassigned' | 'resolved' | 'expired' | 'deleted';

export type TimelineItem =
  | { kind: 'message'; id: string; time: string; message: ThreadMessage }
  | { kind: 'note'; id: string; time: string; note: ThreadNote }
  | {
      kind: 'event';
      id: string;
      time: string;
      event: EventKind;
      initiator?: ThreadUser;
      assignee?: ThreadUser;
    }
  | { kind: 'pending'; id: string; time: string; item: OutboxItem };

function fromEntry(entry: StoredEntry): TimelineItem | undefined {
  const base = { id: entry.id, time: entry.time };
  switch (entry.recordType) {
    case 'AliveMessage':
      return entry.availability === 'Alive' ? { ...base, kind: 'message', message: entry } : undefined;
    case 'AliveNote':
      return entry.availability === 'Alive' ? { ...base, kind: 'note', note: entry } : undefined;
    case 'ThreadCreatedHint':
      return { ...base, kind: 'event', event: 'created', initiator: entry.initiator };
    case 'ThreadDeletedHint':
      return { ...base, kind: 'event', event: 'deleted', initiator: entry.initiator };
    case 'ThreadResolvedHint':
      // No initiator: RingCentral resolved it after 72 hours without activity.
      return {
        ...base,
        kind: 'event',
        event: entry.initiator ? 'resolved' : 'expired',
        initiator: entry.initiator,
      };
    case 'ThreadAssignedHint':
      return entry.assignee
        ? { ...base, kind: 'event', event: 'assigned', initiator: entry.initiator, assignee: entry.assignee }
        : { ...base, kind: 'event', event: 'unassigned', initiator: entry.initiator };
  }
}

/** Outbox items that belong to a thread: by id, or by number pair while the thread does not exist yet. */
export function outboxFor(
  outbox: readonly OutboxItem[],
  threadId: string | undefined,
  from: string | undefined,
  to: string | undefined,
): OutboxItem[] {
  return outbox.filter((o) =>
    o.threadId ? o.threadId === threadId : !!from && o.from === from && o.to === to,
  );
}

export function buildTimeline(
  entries: readonly StoredEntry[],
  pending: readonly OutboxItem[],
): TimelineItem[] {
  const items: TimelineItem[] = [];
  for (const entry of entries) {
    const item = fromEntry(entry);
    if (item) items.push(item);
  }
  for (const o of pending) {
    items.push({ kind: 'pending', id: o.localId, time: new Date(o.createdAt).toISOString(), item: o });
  }
  // Entries arrive sorted; only pending items need placing, but a stable sort keeps this simple and correct.
  return items.sort((a, b) => (a.time < b.time ? -1 : a.time > b.time ? 1 : 0));
}

/** The newest inbound message time in a timeline, for the review-before-send guard. */
export function lastInboundTime(entries: readonly StoredEntry[]): string | undefined {
  for (let i = entries.length - 1; i >= 0; i--) {
    const e = entries[i]!;
    if (e.recordType === 'AliveMessage' && e.direction === 'Inbound') return e.time;
  }
  return undefined;
}
