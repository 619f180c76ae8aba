// Per-thread summary facts computed from a thread's entries (pure). Opt-out is per (shared number, customer)
// pair, so the latest STOP/START seen on any thread of the pair is carried in a small pair record.
import { UNKNOWN, type MessageThread } from '../rc/schemas';
import { isOptedOut, keywordOf } from '../sms/keywords';
import { pairKey } from '../threads/rules';
import type { StoredEntry, ThreadSummary } from './db';

/** The latest opt-out keyword a customer sent on any thread of a pair. */
export interface PairOptOut {
  out: boolean;
  /** creationTime of the keyword message. */
  at: string;
}

type StoredMessage = Extract<StoredEntry, { recordType: 'AliveMessage' }>;

const isMessage = (e: StoredEntry): e is StoredMessage => e.recordType === 'AliveMessage';

export function threadPair(thread: MessageThread | undefined): string | undefined {
  const shared = thread?.ownerParty?.phoneNumber;
  const customer = thread?.guestParty?.phoneNumber;
  return shared && customer ? pairKey(shared, customer) : undefined;
}

/** The newest STOP/START keyword among inbound messages, oldest-first input. */
export function latestKeyword(messages: readonly StoredMessage[]): PairOptOut | undefined {
  for (let i = messages.length - 1; i >= 0; i--) {
    const m = messages[i]!;
    if (m.direction !== 'Inbound') continue;
    const k = keywordOf(m.text);
    if (k === 'stop' || k === 'start') return { out: k === 'stop', at: m.creationTime };
  }
  return undefined;
}

/** The newer of two pair records (a keyword on a later thread wins over an earlier one). */
export function newerOptOut(a: PairOptOut | undefined, b: PairOptOut | undefined): PairOptOut | undefined {
  if (!a) return b;
  if (!b) return a;
  return b.at > a.at ? b : a;
}

function previewOf(m: StoredMessage): string | undefined {
  if (m.text) return m.text;
  const file = m.attachments?.[0];
  return file ? `📎 ${file.filename ?? file.contentType}` : undefined;
}

/**
 * Recomputes one thread's summary. `entries` may be in any order; `pair` is the pair's opt-out record from
 * other threads (already merged with this thread's own keywords by the caller, or undefined).
 */
export function summarize(
  threadId: string,
  entries: readonly StoredEntry[],
  pair: PairOptOut | undefined,
): ThreadSummary {
  const sorted = [...entries].sort((a, b) => (a.time < b.time ? -1 : a.time > b.time ? 1 : 0));
  const messages = sorted.filter(isMessage);
  const last = messages.at(-1);
  let lastInboundAt: string | undefined;
  let waitingSince: string | undefined;
  for (const m of messages) {
    if (m.direction === 'Inbound') {
      lastInboundAt = m.creationTime;
      waitingSince ??= m.creationTime;
    } else if (m.direction === 'Outbound') {
      waitingSince = undefined;
    }
  }
  const own = isOptedOut(messages.filter((m) => m.direction === 'Inbound').map((m) => m.text));
  const summary: ThreadSummary = {
    threadId,
    optedOut: pair ? pair.out : own,
  };
  if (last) {
    const preview = previewOf(last);
    if (preview !== undefined) summary.preview = preview;
    // A direction we don't know says nothing about who spoke last.
    if (last.direction !== UNKNOWN) summary.previewDirection = last.direction;
  }
  const lastEntry = sorted.at(-1);
  if (lastEntry) summary.lastEntryAt = lastEntry.time;
  if (lastInboundAt) summary.lastInboundAt = lastInboundAt;
  if (waitingSince) summary.waitingSince = waitingSince;
  return summary;
}

/** Whether two summaries say the same thing (so an unchanged thread causes no write). */
export function sameSummary(a: ThreadSummary | undefined, b: ThreadSummary): boolean {
  return (
    !!a &&
    a.preview === b.preview &&
    a.previewDirection === b.previewDirection &&
    a.lastEntryAt === b.lastEntryAt &&
    a.lastInboundAt === b.lastInboundAt &&
    a.waitingSince === b.waitingSince &&
    a.optedOut === b.optedOut
  );
}
