// Which new messages deserve a desktop notification (pure): inbound, on an Open thread that is unassigned or
// mine (never another agent's), notifications on, the resource not muted. One notice per thread.
import { nameSource, resolveName, type ContactBook } from '../contacts/names';
import type { MessageThread } from '../rc/schemas';
import type { NotificationSettings } from '../storage';
import type { StoredMessage } from '../sync/reducer';
import { isMine, isUnassigned } from '../threads/rules';

export interface Notice {
  /** The notification id: a thread's notification is updated rather than stacked (noticeThread reads it back). */
  id: string;
  threadId: string;
  title: string;
  message: string;
  contextMessage: string;
  /** creationTime of the newest message in the notice. */
  time: string;
}

export function decideNotices(
  messages: readonly StoredMessage[],
  threads: ReadonlyMap<string, MessageThread>,
  me: string,
  settings: NotificationSettings,
  names: Readonly<ContactBook> = {},
): Notice[] {
  if (!settings.enabled) return [];
  const muted = new Set(settings.mutedResources);
  const byThread = new Map<string, StoredMessage[]>();
  for (const m of messages) {
    if (m.direction !== 'Inbound') continue;
    const t = threads.get(m.threadId);
    if (!t || !(isUnassigned(t) || isMine(t, me))) continue;
    if (muted.has(t.owner.extensionId ?? '')) continue;
    byThread.set(m.threadId, [...(byThread.get(m.threadId) ?? []), m]);
  }
  const notices: Notice[] = [];
  for (const [threadId, list] of byThread) {
    const t = threads.get(threadId)!;
    list.sort((a, b) => (a.creationTime < b.creationTime ? -1 : 1));
    const newest = list.at(-1)!;
    const who = customerLabel(t, names);
    const text = newest.text ?? (newest.attachments?.length ? '📎 Attachment' : '');
    notices.push({
      id: threadId,
      threadId,
      title: list.length > 1 ? `${who} · ${list.length} new messages` : who,
      message: text,
      contextMessage: `${t.owner.name ?? 'Shared inbox'} · ${isMine(t, me) ? 'Assigned to you' : 'Unassigned'}`,
      time: newest.creationTime,
    });
  }
  return notices;
}

/** The customer as a notification names them: the name with its source when known, and the number. */
export function customerLabel(t: MessageThread, names: Readonly<ContactBook>): string {
  const guest = t.guestParty?.phoneNumber ?? 'Unknown number';
  const named = resolveName(names, guest);
  const source = nameSource(named);
  if (!named) return guest;
  return source ? `${named.name} (${guest}, from ${source})` : `${named.name} (${guest})`;
}

/** Overdue notices carry this prefix so they never replace the thread's new-message notice. */
export const OVERDUE_PREFIX = 'overdue:';

/** The thread a notification id belongs to. */
export const noticeThread = (id: string): string =>
  id.startsWith(OVERDUE_PREFIX) ? id.slice(OVERDUE_PREFIX.length) : id;
