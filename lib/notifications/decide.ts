// Which new messages deserve a desktop notification (pure): inbound, on an Open thread that is unassigned or
// mine (never another agent's), notifications on, the resource not muted. One notice per thread.
import { nameSource, resolveName, type ContactBook } from '../contacts/names';
import type { MessageThread } from '../rc/schemas';
import type { NotificationSettings } from '../storage';
import type { StoredMessage } from '../sync/reducer';
import { isMine, isUnassigned } from '../threads/rules';

export interface Notice {
  /** Also the notification id, so a thread's notification is updated rather than stacked. */
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
    const guest = t.guestParty?.phoneNumber ?? 'Unknown number';
    const named = resolveName(names, guest);
    const source = nameSource(named);
    const who = !named
      ? guest
      : source
        ? `${named.name} (${guest}, from ${source})`
        : `${named.name} (${guest})`;
    const text = newest.text ?? (newest.attachments?.length ? '📎 Attachment' : '');
    notices.push({
      threadId,
      title: list.length > 1 ? `${who} · ${list.length} new messages` : who,
      message: text,
      contextMessage: `${t.owner.name ?? 'Shared inbox'} · ${isMine(t, me) ? 'Assigned to you' : 'Unassigned'}`,
      time: newest.creationTime,
    });
  }
  return notices;
}
