// The outbox's decisions as pure functions: what a failure means for an item, when to try again, and whether
// a message found on the server is the one an uncertain item already sent (so it is never sent twice).
import { describeRcError, type RcError } from '../rc/errors';
import type { ThreadMessage } from '../rc/schemas';
import type { OutboxItem } from '../sync/db';
import { equalJitter, exponentialMs } from '../util/backoff';

export const BASE_DELAY_MS = 1_000;
export const MAX_DELAY_MS = 5 * 60_000;
/** Server and device clocks differ; a sent message may carry a creationTime a little before createdAt. */
export const CLOCK_SKEW_MS = 2 * 60_000;

/** Exponential backoff with "equal jitter": half fixed, half random, so retries of many items spread out. */
export function backoffMs(attempts: number, random: number): number {
  return Math.round(equalJitter(exponentialMs(attempts, BASE_DELAY_MS, MAX_DELAY_MS), random));
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

/** What a reply held across a session end carries: its agent was signed out (session lost, or signed out with
 *  it unsent), so it waits for them. */
export const SESSION_ENDED_CODE = 'signedOut';

/** A held reply older than this goes out only once its agent confirms it in the panel (Send, Edit or Discard):
 *  the conversation may have moved on while it waited. Younger ones go out as soon as their agent is back. */
export const CONFIRM_HELD_AFTER_MS = 5 * 60_000;
export const CONFIRM_CODE = 'confirmHeld';
export const CONFIRM_HELD: NonNullable<OutboxItem['error']> = {
  code: CONFIRM_CODE,
  message: 'Held while you were away — send it now?',
  permanent: false,
};

/** Whether the item is held for its agent because their session ended (pauseForSessionEnd). */
export const isHeldForSessionEnd = (item: OutboxItem): boolean =>
  item.state === 'queued' && item.error?.code === SESSION_ENDED_CODE;

/** The item after its agent's session ended with it unsent: held for them. An interrupted send may have gone
 *  out, so it is looked for on the server before it is sent again. Items that failed for good stay as they are. */
export function pauseForSessionEnd(item: OutboxItem): OutboxItem | undefined {
  if (item.state === 'failed') return undefined;
  if (isHeldForSessionEnd(item)) return undefined;
  return {
    ...item,
    state: 'queued',
    nextAttemptAt: undefined,
    uncertain: item.uncertain || item.state === 'sending',
    error: { code: SESSION_ENDED_CODE, message: 'Waiting for you to sign in again', permanent: false },
  };
}

/** The item as the signed-in agent (`owner`) may see it at `now`: someone else's waiting reply is held as
 *  failed (a new agent on this browser must not send it); a reply held for its agent (another agent's session,
 *  or its own session ended) is released when they are back — straight into the queue if it waited at most
 *  CONFIRM_HELD_AFTER_MS since it was written, else for them to confirm. Undefined when nothing changes. */
export function claimFor(item: OutboxItem, owner: string, now: number): OutboxItem | undefined {
  if (item.owner === undefined) return undefined;
  const heldForOther = item.state === 'failed' && item.error?.code === OTHER_AGENT_CODE;
  if (item.owner !== owner) {
    if (heldForOther) return undefined;
    // An interrupted send may have gone out: its owner's next attempt must look on the server first.
    const uncertain = item.uncertain || item.state === 'sending';
    return { ...item, state: 'failed', nextAttemptAt: undefined, uncertain, error: OTHER_AGENT };
  }
  if (!heldForOther && !isHeldForSessionEnd(item)) return undefined;
  return needsConfirm(item, now)
    ? { ...item, state: 'failed', nextAttemptAt: undefined, error: CONFIRM_HELD }
    : { ...item, state: 'queued', error: undefined };
}

/** Whether a held reply waited too long to go out without its agent's say. */
export function needsConfirm(item: Pick<OutboxItem, 'createdAt'>, now: number): boolean {
  return now - item.createdAt > CONFIRM_HELD_AFTER_MS;
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
