// The three list operations (docs/emulator.md "Message threads"): filters AND-ed, values of one filter OR-ed, only
// threads the caller handles, sorted by creationTime ascending, page-number paging.
import type { z } from 'zod';
import { handledResources } from '../directory.ts';
import { missingParam } from '../http/errors.ts';
import type { MessageRec, NoteRec, ThreadRec } from '../state.ts';
import type { ThreadScope } from './access.ts';
import { paginate } from './paging.ts';
import type { ListMessagesQuery, ListNotesQuery, ListThreadsQuery } from './schemas.ts';
import { messageView, noteView, threadView } from './views.ts';

type TimeRange = { from: number; to: number } | undefined;

/** creationTimeFrom and creationTimeTo are only supported together. */
function timeRange(q: { creationTimeFrom?: string; creationTimeTo?: string }): TimeRange {
  if (q.creationTimeFrom === undefined && q.creationTimeTo === undefined) return undefined;
  if (q.creationTimeFrom === undefined) throw missingParam('creationTimeFrom');
  if (q.creationTimeTo === undefined) throw missingParam('creationTimeTo');
  return { from: Date.parse(q.creationTimeFrom), to: Date.parse(q.creationTimeTo) };
}

const inRange = (range: TimeRange, time: number) => !range || (time >= range.from && time <= range.to);
const some = <T>(list: readonly T[] | undefined): list is readonly T[] =>
  list !== undefined && list.length > 0;

function byCreation<T extends { creationTime: number; id: string }>(a: T, b: T): number {
  return a.creationTime - b.creationTime || (a.id < b.id ? -1 : a.id > b.id ? 1 : 0);
}

function accessibleOwners(scope: ThreadScope): Set<string> {
  return new Set(handledResources(scope.account, scope.caller.extensionId).map((r) => r.id));
}

function threadFilter(
  scope: ThreadScope,
  q: { threadStatus?: 'Open' | 'Resolved'; ownerExtensionIds?: readonly string[] },
): (thread: ThreadRec | undefined) => thread is ThreadRec {
  const owners = accessibleOwners(scope);
  return (thread): thread is ThreadRec =>
    thread !== undefined &&
    owners.has(thread.ownerId) &&
    (!q.threadStatus || thread.status === q.threadStatus) &&
    (!some(q.ownerExtensionIds) || q.ownerExtensionIds.includes(thread.ownerId));
}

export function listThreads(scope: ThreadScope, q: z.infer<typeof ListThreadsQuery>) {
  const range = timeRange(q);
  const visible = threadFilter(scope, q);
  const matches = [...scope.store.threads.values()]
    .filter(
      (t) =>
        visible(t) &&
        q.availability.includes(t.availability) &&
        (!q.ownerPhoneNumber || t.ownerPhone === q.ownerPhoneNumber) &&
        (!q.guestPhoneNumber || t.guestPhone === q.guestPhoneNumber) &&
        inRange(range, t.creationTime),
    )
    .sort(byCreation);
  const { records, paging } = paginate(matches, q.page, q.perPage);
  return { records: records.map((t) => threadView(scope.view, t)), paging };
}

/** Without a time window the messages list covers the last 24 hours (docs/emulator.md "Message threads"). */
export const DEFAULT_MESSAGE_WINDOW_MS = 24 * 3600 * 1000;

export function listMessages(scope: ThreadScope, q: z.infer<typeof ListMessagesQuery>, now: number) {
  const range = timeRange(q) ?? { from: now - DEFAULT_MESSAGE_WINDOW_MS, to: now };
  const visible = threadFilter(scope, q);
  const candidates: Iterable<MessageRec> = some(q.threadIds)
    ? q.threadIds.flatMap((id) => scope.store.messagesOf(id))
    : scope.store.messages.values();
  const matches: MessageRec[] = [];
  for (const m of candidates) {
    if (!visible(scope.store.threads.get(m.threadId))) continue;
    if (!q.availability.includes(m.availability)) continue;
    if (some(q.messageIds) && !q.messageIds.includes(m.id)) continue;
    if (!inRange(range, m.creationTime)) continue;
    matches.push(m);
  }
  matches.sort(byCreation);
  const { records, paging } = paginate(matches, q.page, q.perPage);
  return { records: records.map((m) => messageView(scope.view, m)), paging };
}

export function listNotes(scope: ThreadScope, q: z.infer<typeof ListNotesQuery>) {
  const visible = threadFilter(scope, q);
  const candidates: Iterable<NoteRec> = some(q.threadIds)
    ? q.threadIds.flatMap((id) => scope.store.notesOf(id))
    : scope.store.notes.values();
  const matches: NoteRec[] = [];
  for (const n of candidates) {
    if (!visible(scope.store.threads.get(n.threadId))) continue;
    if (!q.availability.includes(n.availability)) continue;
    if (some(q.noteIds) && !q.noteIds.includes(n.id)) continue;
    matches.push(n);
  }
  matches.sort(byCreation);
  const { records, paging } = paginate(matches, q.page, q.perPage);
  return { records: records.map((n) => noteView(scope.view, n)), paging };
}
