// Which CRM record a thread's conversation belongs to: the agent's choice for the thread, else the only record
// with the customer's number. Several records and no choice, or none at all, is for the agent to settle.
import type { CrmRecord } from '../crm-api/types';
import type { MessageThread } from '../rc/schemas';
import type { StoredEntry } from '../sync/db';
import { equalJitter, exponentialMs } from '../util/backoff';

export type RecordDecision =
  { kind: 'record'; record: CrmRecord } | { kind: 'choose'; candidates: CrmRecord[] } | { kind: 'none' };

export function decideRecord(
  candidates: readonly CrmRecord[],
  chosen: CrmRecord | undefined,
): RecordDecision {
  if (chosen) return { kind: 'record', record: chosen };
  // A person beats the company they work for: an Account is only used when no Contact or Lead has the number.
  const people = candidates.filter((r) => r.type !== 'Account');
  const pool = people.length ? people : candidates;
  if (pool.length === 1 && pool[0]) return { kind: 'record', record: pool[0] };
  if (pool.length === 0) return { kind: 'none' };
  return { kind: 'choose', candidates: [...pool] };
}

/**
 * Who writes a thread's activity: its current assignee, so two agents never race to create it. Resolving clears
 * the assignee, so a Resolved thread's writer is the agent who resolved it, else its last assignee.
 */
export function writerOf(thread: MessageThread, entries: readonly StoredEntry[]): string | undefined {
  if (thread.assignee?.extensionId) return thread.assignee.extensionId;
  if (thread.status !== 'Resolved') return undefined;
  const newestFirst = [...entries].sort((a, b) => b.time.localeCompare(a.time));
  const resolved = newestFirst.find((e) => e.recordType === 'ThreadResolvedHint');
  if (resolved?.recordType === 'ThreadResolvedHint' && resolved.initiator?.extensionId)
    return resolved.initiator.extensionId;
  const assigned = newestFirst.find((e) => e.recordType === 'ThreadAssignedHint' && e.assignee?.extensionId);
  return assigned?.recordType === 'ThreadAssignedHint' ? assigned.assignee?.extensionId : undefined;
}

export function isWriter(
  thread: MessageThread,
  entries: readonly StoredEntry[],
  me: string | undefined,
): boolean {
  const writer = writerOf(thread, entries);
  return Boolean(me && writer && writer === me);
}

/** Matches are cached: found records for 12 hours, "nobody has this number" for 1 hour. */
export const MATCH_TTL_MS = 12 * 3600_000;
export const NO_MATCH_TTL_MS = 3600_000;

export function isFresh(
  match: { records: readonly unknown[]; fetchedAt: number } | undefined,
  now: number,
): boolean {
  if (!match) return false;
  return now - match.fetchedAt < (match.records.length ? MATCH_TTL_MS : NO_MATCH_TTL_MS);
}

/** Backoff for a failed log (lib/util/backoff.ts): 30 s doubling to 30 min, with jitter, unless the CRM said how
 *  long to wait (Salesforce's hour past the daily allocation, HubSpot's rate-limit window or Retry-After). */
export function nextAttemptAt(
  now: number,
  attempts: number,
  retryAfterMs?: number,
  random = Math.random,
): number {
  if (retryAfterMs !== undefined) return now + retryAfterMs;
  return now + equalJitter(exponentialMs(attempts, 30_000, 30 * 60_000), random());
}
