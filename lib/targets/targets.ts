// Response-time targets per resource and where each waiting thread stands against its target (pure). The
// wait starts at the oldest unanswered inbound message (RingCentral's creationTime of that message, kept in
// the thread summary), so every agent's screen computes the same deadline from the same data.
import { z } from 'zod';
import type { MessageThread } from '../rc/schemas';
import type { Resource } from '../storage';
import type { ThreadSummary } from '../sync/db';
import { isOpen, resourceOf } from '../threads/rules';
import { addWorkingMs, workingMs, type BusinessHours } from './business-hours';
import { isTimeZone } from './zoned';

const Minutes = z
  .number()
  .int()
  .min(1)
  .max(60 * 24 * 30);

export const BusinessHoursSchema = z
  .object({
    timeZone: z.string().refine(isTimeZone, 'unknown time zone'),
    start: z
      .number()
      .int()
      .min(0)
      .max(24 * 60),
    end: z
      .number()
      .int()
      .min(0)
      .max(24 * 60),
    days: z.array(z.number().int().min(0).max(6)).max(7),
  })
  .refine((h) => h.end > h.start, { message: 'the day must end after it starts', path: ['end'] });

export const ResponseTarget = z.object({
  /** Minutes to the first reply on a new conversation. */
  firstReplyMinutes: Minutes.optional(),
  /** Minutes to a reply after the customer wrote again following our reply. */
  followUpMinutes: Minutes.optional(),
  businessHours: BusinessHoursSchema.optional(),
});
export type ResponseTarget = z.infer<typeof ResponseTarget>;

export const ResponseTargets = z.record(z.string(), ResponseTarget);
export type ResponseTargets = z.infer<typeof ResponseTargets>;

export type TargetState = 'ok' | 'atRisk' | 'overdue';

export interface ThreadTarget {
  state: TargetState;
  kind: 'first' | 'followUp';
  waitingSince: number;
  /** When three quarters of the allowance are spent (server time, like every instant here). */
  atRiskAt: number;
  dueAt: number;
}

/** A thread is at risk once three quarters of its working-time allowance are spent. */
export const AT_RISK_SHARE = 0.75;

/**
 * Whether the customer is still waiting for our first reply: the oldest unanswered message opened the thread.
 * A thread's creationTime is its first message's time; RingCentral's times may differ by a moment, hence the
 * tolerance.
 */
export function isFirstWait(thread: Pick<MessageThread, 'creationTime'>, waitingSince: string): boolean {
  return Math.abs(Date.parse(waitingSince) - Date.parse(thread.creationTime)) <= 2_000;
}

export function threadTarget(
  thread: MessageThread,
  summary: ThreadSummary | undefined,
  target: ResponseTarget | undefined,
  now: number,
): ThreadTarget | undefined {
  if (!target || !isOpen(thread) || !summary?.waitingSince) return undefined;
  const since = Date.parse(summary.waitingSince);
  if (Number.isNaN(since)) return undefined;
  const kind = isFirstWait(thread, summary.waitingSince) ? 'first' : 'followUp';
  const minutes = kind === 'first' ? target.firstReplyMinutes : target.followUpMinutes;
  if (!minutes) return undefined;
  const budget = minutes * 60_000;
  const hours: BusinessHours | undefined = target.businessHours;
  const dueAt = addWorkingMs(since, budget, hours);
  if (dueAt === undefined) return undefined;
  const atRiskAt = addWorkingMs(since, budget * AT_RISK_SHARE, hours) ?? dueAt;
  const state: TargetState =
    now >= dueAt ? 'overdue' : workingMs(since, now, hours) >= budget * AT_RISK_SHARE ? 'atRisk' : 'ok';
  return { state, kind, waitingSince: since, atRiskAt, dueAt };
}

/** Each stored target that parses, by resource id: a bad entry means no target for it, not a broken inbox. */
export function validTargets(raw: Readonly<Record<string, unknown>>): Map<string, ResponseTarget> {
  const valid = new Map<string, ResponseTarget>();
  for (const [id, entry] of Object.entries(raw)) {
    const parsed = ResponseTarget.safeParse(entry);
    if (parsed.success) valid.set(id, parsed.data);
  }
  return valid;
}

/** Where every waiting thread stands at server time `now`, by thread id (threads with no target are absent). */
export function targetsOf(
  threads: Iterable<MessageThread>,
  summaries: ReadonlyMap<string, ThreadSummary>,
  resources: readonly Resource[],
  targets: ReadonlyMap<string, ResponseTarget>,
  now: number,
): Map<string, ThreadTarget> {
  const out = new Map<string, ThreadTarget>();
  if (targets.size === 0) return out;
  for (const t of threads) {
    const owner = resourceOf(t, resources);
    const target = owner && threadTarget(t, summaries.get(t.id), targets.get(owner.id), now);
    if (target) out.set(t.id, target);
  }
  return out;
}

/** The next instant after `now` at which one of these targets changes state (at risk, then overdue). */
export function nextTargetChange(targets: Iterable<ThreadTarget>, now: number): number | undefined {
  let next: number | undefined;
  for (const t of targets) {
    const at = t.state === 'ok' ? t.atRiskAt : t.state === 'atRisk' ? t.dueAt : undefined;
    if (at !== undefined && at > now && (next === undefined || at < next)) next = at;
  }
  return next;
}

/** Sort rank: overdue first, then at risk, then everything else. */
export function urgency(target: ThreadTarget | undefined): number {
  return target?.state === 'overdue' ? 0 : target?.state === 'atRisk' ? 1 : 2;
}
