// The outbox's decisions as pure functions: what a failure means for an item, when to try again, and whether
// a message found on the server is the one an uncertain item already sent (so it is never sent twice).
import { describeRcError, type RcError } from '../rc/errors';
import type { ThreadMessage } from '../rc/schemas';
import type { OutboxItem } from '../sync/db';

export const BASE_DELAY_MS = 1_000;
export const MAX_DELAY_MS = 5 * 60_000;
/** Server and device clocks differ; a sent message may carry a creationTime a little before createdAt. */
export const CLOCK_SKEW_MS = 2 * 60_000;

/** Exponential backoff with "equal jitter": half fixed, half random, so retries of many items spread out. */
export function backoffMs(attempts: number, random: number): number {
  const exp = Math.min(MAX_DELAY_MS, BASE_DELAY_MS * 2 ** Math.max(0, attempts - 1));
  return Math.round(exp / 2 + (exp / 2) * random);
}

export type FailureKind = 'permanent' | 'uncertain' | 'retry' | 'paused';

export function classify(e: RcError): FailureKind {
  if (e.code === 'signedOut') return 'paused';
  if (e.permanent || e.code === 'badReply') return 'permanent';
  if (e.ambiguous) return 'uncertain';
  return 'retry';
}

/** The item after a failed attempt (attempts already counts it). */
export function afterFailure(item: OutboxItem, e: RcError, now: number, random: number): OutboxItem {
  const kind = classify(e);
  const { code, message } = describeRcError(e);
  if (kind === 'permanent') {
    return { ...item, state: 'failed', nextAttemptAt: undefined, error: { code, message, permanent: true } };
  }
  if (kind === 'paused') {
    return { ...item, state: 'queued', nextAttemptAt: undefined, error: { code, message, permanent: false } };
  }
  const wait = Math.max(backoffMs(item.attempts, random), e.retryAfterMs ?? 0);
  return {
    ...item,
    state: 'retrying',
    nextAttemptAt: now + wait,
    uncertain: item.uncertain || kind === 'uncertain',
    error: { code, message, permanent: false },
  };
}

/** Items that may be sent, in the order the agent wrote them. */
export function sendable(items: OutboxItem[]): OutboxItem[] {
  return items.filter((i) => i.state !== 'failed').sort((a, b) => a.createdAt - b.createdAt);
}

/** The earliest message on the server that this item produced, if any: outbound, by me, same text and
 *  attachments count, created after the item (less skew), and not already matched to another item. */
export function findSentMatch(
  item: OutboxItem,
  messages: ThreadMessage[],
  me: string,
  claimed: ReadonlySet<string>,
): ThreadMessage | undefined {
  const from = item.createdAt - CLOCK_SKEW_MS;
  return messages
    .filter(
      (m) =>
        m.direction === 'Outbound' &&
        m.author?.extensionId === me &&
        (m.text ?? '') === item.text &&
        (m.attachments?.length ?? 0) === (item.attachments?.length ?? 0) &&
        Date.parse(m.creationTime) >= from &&
        !claimed.has(m.id),
    )
    .sort((a, b) => a.creationTime.localeCompare(b.creationTime))[0];
}
