// Inbox views, counts, filter and search as pure functions over the store's records.
import { resolveName, type ContactBook } from '../contacts/names';
import type { MessageThread } from '../rc/schemas';
import type { Resource } from '../storage';
import type { ThreadSummary } from '../sync/db';
import { inResource, isMine, isOpen, isUnassigned } from '../threads/rules';

export const VIEWS = ['unassigned', 'mine', 'open', 'resolved'] as const;
export type View = (typeof VIEWS)[number];

export function inView(t: MessageThread, view: View, me: string | undefined): boolean {
  switch (view) {
    case 'unassigned':
      return isUnassigned(t);
    case 'mine':
      return !!me && isMine(t, me);
    case 'open':
      return isOpen(t);
    case 'resolved':
      // With the Resolved ones: a status this version doesn't know (the thread says so; no composer either).
      return t.status !== 'Open' && t.availability === 'Alive';
  }
}

/** When the thread last moved: its newest entry, else its own modification time. */
export const lastActivity = (t: MessageThread, s: ThreadSummary | undefined) =>
  s?.lastEntryAt && s.lastEntryAt > t.lastModifiedTime ? s.lastEntryAt : t.lastModifiedTime;

const digits = (text: string) => text.replace(/\D/g, '');

/** Search by the customer's name, number (any formatting) and the last message's text. */
export function matchesSearch(
  t: MessageThread,
  s: ThreadSummary | undefined,
  name: string | undefined,
  query: string,
): boolean {
  const q = query.trim().toLowerCase();
  if (!q) return true;
  if (name?.toLowerCase().includes(q)) return true;
  if (s?.preview?.toLowerCase().includes(q)) return true;
  if (t.label?.toLowerCase().includes(q)) return true;
  const d = digits(q);
  // Only digit-heavy queries search numbers, so "2nd" does not match every number with a 2.
  if (d.length >= 3 && d.length >= q.replace(/[\s()+.-]/g, '').length) {
    return [t.guestParty?.phoneNumber, t.ownerParty?.phoneNumber].some((n) => n && digits(n).includes(d));
  }
  return false;
}

export interface InboxQuery {
  view: View;
  resource?: Resource;
  query: string;
  me: string | undefined;
  /** Only threads assigned to this extension (the Team view's handler filter). */
  assignee?: string;
  /** Rows with a lower rank come first (response-time targets: overdue, at risk, the rest). */
  rank?: (t: MessageThread) => number;
}

export function selectThreads(
  threads: readonly MessageThread[],
  summaries: ReadonlyMap<string, ThreadSummary>,
  names: Readonly<ContactBook>,
  { view, resource, query, me, assignee, rank }: InboxQuery,
): MessageThread[] {
  const rows = threads.filter(
    (t) =>
      inView(t, view, me) &&
      inResource(t, resource) &&
      (!assignee || t.assignee?.extensionId === assignee) &&
      matchesSearch(t, summaries.get(t.id), resolveName(names, t.guestParty?.phoneNumber)?.name, query),
  );
  const key = new Map(rows.map((t) => [t.id, lastActivity(t, summaries.get(t.id))]));
  const ranks = rank ? new Map(rows.map((t) => [t.id, rank(t)])) : undefined;
  return rows.sort((a, b) => {
    const ra = ranks?.get(a.id) ?? 0;
    const rb = ranks?.get(b.id) ?? 0;
    if (ra !== rb) return ra - rb;
    const ka = key.get(a.id)!;
    const kb = key.get(b.id)!;
    return ka < kb ? 1 : ka > kb ? -1 : 0;
  });
}

export function countViews(
  threads: readonly MessageThread[],
  me: string | undefined,
  resource?: Resource,
): Record<View, number> {
  const counts: Record<View, number> = { unassigned: 0, mine: 0, open: 0, resolved: 0 };
  for (const t of threads) {
    if (!inResource(t, resource)) continue;
    for (const view of VIEWS) if (inView(t, view, me)) counts[view] += 1;
  }
  return counts;
}
