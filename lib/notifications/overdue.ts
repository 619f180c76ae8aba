// Which threads that just became overdue deserve a notification (pure). One per overdue wait, never repeated:
// the memory (persisted by the caller) records each thread's wait that was told, and is pruned only when that
// wait ended. Recipients: the assignee, or every handler of the resource while the thread is unassigned; a
// thread overdue under someone else tells nobody here until it is handed to me or back to the team. Waits
// that were already overdue when this session began watching are not news (sign-in would flood), and neither
// is a wait while notifications are off or its resource is muted: both are recorded silently.
import { z } from 'zod';
import type { ContactBook } from '../contacts/names';
import type { MessageThread } from '../rc/schemas';
import type { NotificationSettings, Resource } from '../storage';
import type { ThreadTarget } from '../targets/targets';
import { isMine, isOpen, isUnassigned, resourceOf } from '../threads/rules';
import { customerLabel, OVERDUE_PREFIX, type Notice } from './decide';

export interface OverdueMemory {
  /** Server time when this session started watching. */
  since: number;
  /** Thread id → the start (ms) of the overdue wait already told or recorded. */
  told: Record<string, number>;
}

/** The memory as stored: another version may have written it, so it is checked before it is believed. */
const StoredMemory = z.object({
  since: z.number().finite(),
  told: z.record(z.string(), z.number().finite()),
});

export interface OverdueInput {
  threads: Iterable<MessageThread>;
  /** Where each thread stands (lib/targets/targets.ts targetsOf), at server time `now`. */
  targets: ReadonlyMap<string, ThreadTarget>;
  resources: readonly Resource[];
  me: string;
  settings: NotificationSettings;
  names?: Readonly<ContactBook>;
  memory: OverdueMemory | null;
  now: number;
}

const MINUTE = 60_000;

export function decideOverdue(input: OverdueInput): { notices: Notice[]; memory: OverdueMemory } {
  const { targets, me, now } = input;
  // Unreadable memory counts as none: this session starts watching now, so nothing already overdue floods.
  const memory = StoredMemory.safeParse(input.memory).data;
  const since = memory?.since ?? now;
  const held = memory?.told ?? {};
  const told: Record<string, number> = {};
  const notices: Notice[] = [];
  const muted = new Set(input.settings.mutedResources);
  for (const t of input.threads) {
    const target = targets.get(t.id);
    const wait = held[t.id];
    // The wait told about goes on while the thread is open and has not started a new wait.
    if (wait !== undefined && isOpen(t) && (!target || target.waitingSince === wait)) told[t.id] = wait;
    if (target?.state !== 'overdue' || told[t.id] === target.waitingSince) continue;
    const owner = resourceOf(t, input.resources);
    const handler = !!owner?.handlers.some((h) => h.id === me);
    const mine = isMine(t, me);
    if (!mine && !(isUnassigned(t) && handler)) continue;
    told[t.id] = target.waitingSince;
    if (target.dueAt < since || !input.settings.enabled || muted.has(owner?.id ?? '')) continue;
    const late = Math.max(0, Math.round((now - target.dueAt) / MINUTE));
    const waited = Math.max(1, Math.round((now - target.waitingSince) / MINUTE));
    notices.push({
      id: `${OVERDUE_PREFIX}${t.id}`,
      threadId: t.id,
      title: `Overdue: ${customerLabel(t, input.names ?? {})}`,
      message: `${target.kind === 'first' ? 'First reply' : 'Reply'} overdue${late ? ` by ${late} min` : ''} · waiting ${waited} min`,
      contextMessage: `${owner?.name ?? t.owner.name ?? 'Shared inbox'} · ${mine ? 'Assigned to you' : 'Unassigned'}`,
      time: new Date(target.dueAt).toISOString(),
    });
  }
  return { notices, memory: { since, told } };
}
