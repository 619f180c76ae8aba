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

export const OTHER_AGENT_CODE = 'otherAgent';
export const OTHER_AGENT: NonNullable<OutboxItem['error']> = {
  code: OTHER_AGENT_CODE,
  message: 'Queued by another agent — sign in as them to send, or discard',
  permanent: true,
};

/** The item as the signed-in agent (`owner`) may see it: someone else's waiting reply is held as failed (a
 *  new agent on this browser must not send it), and held replies come back when their agent signs in again.
 *  Undefined when nothing changes. */
export function claimFor(item: OutboxItem, owner: string): OutboxItem | undefined {
  if (item.owner === undefined) return undefined;
  const held = item.state === 'failed' && item.error?.code === OTHER_AGENT_CODE;
  if (item.owner !== owner) {
    if (held) return undefined;
    // An interrupted send may have gone out: its owner's next attempt must look on the server first.
    const uncertain = item.uncertain || item.state === 'sending';
    return { ...item, state: 'failed', nextAttemptAt: undefined, uncertain, error: OTHER_AGENT };
  }
  return held ? { ...item, state: 'queued', error: undefined } : undefined;
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
