// What the toolbar badge shows (pure): the number of Open, unassigned threads in the chosen resources, with a
// tooltip breaking the inbox down (with response-time targets: how many of those threads are at risk and
// overdue), a distinct colour while one of them is overdue, and distinct looks when signed out or when sync is
// in trouble.
import type { MessageThread } from '../rc/schemas';
import type { ThreadSummary } from '../sync/db';
import type { ThreadTarget } from '../targets/targets';
import { isMine, isOpen, isUnassigned, isUnread } from '../threads/rules';

export interface BadgeView {
  text: string;
  color: string;
  title: string;
}

export type BadgeHealth = 'ok' | 'signedOut' | 'rateLimited' | 'unreachable';

export const BADGE_COLORS = {
  normal: '#d93025',
  quiet: '#5f6368',
  signedOut: '#9aa0a6',
  trouble: '#f29900',
  overdue: '#9334e6',
};

/** Counts above this show as "99+" (the badge has room for about four characters). */
const MAX_COUNT = 99;

export function badgeModel(
  threads: Iterable<MessageThread>,
  summaries: ReadonlyMap<string, ThreadSummary>,
  reads: ReadonlyMap<string, string>,
  me: string | undefined,
  badgeResources: readonly string[] | null,
  health: BadgeHealth = 'ok',
  /** Where each waiting thread stands against its target (lib/targets); undefined when no target is set. */
  targets?: ReadonlyMap<string, ThreadTarget>,
): BadgeView {
  if (health === 'signedOut' || !me) {
    return { text: '!', color: BADGE_COLORS.signedOut, title: 'Signed out — click to sign in' };
  }
  const chosen = badgeResources ? new Set(badgeResources) : undefined;
  let unassigned = 0;
  let mine = 0;
  let unread = 0;
  let atRisk = 0;
  let overdue = 0;
  for (const t of threads) {
    if (!isOpen(t)) continue;
    if (chosen && !chosen.has(t.owner.extensionId ?? '')) continue;
    if (isUnassigned(t)) unassigned++;
    else if (isMine(t, me)) mine++;
    else continue;
    if (isUnread(summaries.get(t.id), reads.get(t.id))) unread++;
    const state = targets?.get(t.id)?.state;
    if (state === 'atRisk') atRisk++;
    else if (state === 'overdue') overdue++;
  }
  const late = targets ? ` · ${atRisk} at risk · ${overdue} overdue` : '';
  const breakdown = `${unassigned} unassigned · ${mine} mine · ${unread} unread${late}`;
  if (health !== 'ok') {
    const why =
      health === 'rateLimited' ? 'RingCentral is limiting requests' : 'RingCentral cannot be reached';
    return { text: '…', color: BADGE_COLORS.trouble, title: `ThreadDesk — ${why}. ${breakdown}` };
  }
  const text = unassigned === 0 ? '' : unassigned > MAX_COUNT ? `${MAX_COUNT}+` : String(unassigned);
  const color = overdue > 0 ? BADGE_COLORS.overdue : unread > 0 ? BADGE_COLORS.normal : BADGE_COLORS.quiet;
  return { text, color, title: `ThreadDesk — ${breakdown}` };
}
