// Chip states as they arrive from the background: checked at this boundary, cached, asked for in
// batches (one message per scan slice), and updated live when the background pushes changes.
// The check is written out rather than done with zod: zod/mini alone would take 15 KB of the content
// script's 80 KB budget (the background validates everything the content script sends with zod).
import { nameWithSource, resolveName, type ContactBook } from '../contacts/names';
import type { ChipKind, ChipState } from '../messaging';
import type { MessageThread } from '../rc/schemas';
import type { ThreadSummary } from '../sync/db';
import type { ThreadRecords } from '../sync/read';
import { chipStateFor } from '../threads/chip-state';

const E164 = /^\+[1-9]\d{1,14}$/;
const KINDS = new Set<ChipKind>(['none', 'unassigned', 'mine', 'other', 'optedOut']);

function optionalText(value: unknown, max: number): value is string | undefined {
  return value === undefined || (typeof value === 'string' && value.length <= max);
}

function chipState(value: unknown): ChipState | undefined {
  if (!value || typeof value !== 'object') return undefined;
  const { kind, unread, assigneeName, customer } = value as Record<string, unknown>;
  if (!KINDS.has(kind as ChipKind) || typeof unread !== 'boolean') return undefined;
  if (!optionalText(assigneeName, 120) || !optionalText(customer, 400)) return undefined;
  const state: ChipState = { kind: kind as ChipKind, unread };
  if (assigneeName !== undefined) state.assigneeName = assigneeName;
  if (customer !== undefined) state.customer = customer;
  return state;
}

/** The valid entries of a states record; anything else (a bug, a stale background) is dropped. */
export function parseChipStates(value: unknown): Record<string, ChipState> {
  const states: Record<string, ChipState> = {};
  if (!value || typeof value !== 'object') return states;
  for (const [phone, raw] of Object.entries(value)) {
    const state = chipState(raw);
    if (state && E164.test(phone)) states[phone] = state;
  }
  return states;
}

/** How the content script reaches the background (lib/messaging in the extension, a fake in tests). */
export interface StatesTransport {
  threadStates(phones: string[], names: Record<string, string>): Promise<unknown>;
  openThread(phone: string, name: string | undefined): Promise<void>;
  /** Subscribes to pushed changes; returns the unsubscribe function. */
  onChanged(listener: (states: unknown) => void): () => void;
}

/** The background accepts at most this many numbers per request. */
export const MAX_PER_REQUEST = 500;

export class ChipStates {
  private readonly known = new Map<string, ChipState>();
  private readonly asked = new Set<string>();

  constructor(
    private readonly transport: StatesTransport,
    private readonly show: (states: Record<string, ChipState>) => void,
    private readonly fail: (error: unknown) => void,
  ) {}

  get(e164: string): ChipState | undefined {
    return this.known.get(e164);
  }

  /** Asks for the numbers not known or asked yet, in as few messages as the background allows. */
  request(phones: Iterable<string>, names: ReadonlyMap<string, string>): void {
    const fresh = [...new Set(phones)].filter((p) => !this.known.has(p) && !this.asked.has(p));
    for (let i = 0; i < fresh.length; i += MAX_PER_REQUEST) {
      const batch = fresh.slice(i, i + MAX_PER_REQUEST);
      for (const phone of batch) this.asked.add(phone);
      const batchNames = Object.fromEntries(batch.flatMap((p) => (names.has(p) ? [[p, names.get(p)!]] : [])));
      this.transport.threadStates(batch, batchNames).then(
        (reply) => this.receive(reply),
        (error: unknown) => {
          for (const phone of batch) this.asked.delete(phone);
          this.fail(error);
        },
      );
    }
  }

  /** Takes states pushed by the background or replied to a request. */
  receive(value: unknown): void {
    const states = parseChipStates(value);
    for (const [phone, state] of Object.entries(states)) {
      this.known.set(phone, state);
      this.asked.delete(phone);
    }
    if (Object.keys(states).length > 0) this.show(states);
  }
}

// The background's side: chip states kept from one in-memory snapshot of what chips depend on (threads,
// summaries, reads), updated with the records of the threads a change names, so a change costs reads of those
// threads only, never of the whole store. Pure: the I/O lives in lib/background/chip-push.ts.

export interface ChipSnapshot {
  me: string;
  threads: Map<string, MessageThread>;
  /** Thread ids by customer number. */
  byPhone: Map<string, Set<string>>;
  summaries: Map<string, ThreadSummary>;
  reads: Map<string, string>;
  /** The contact book (lib/contacts): the customer name each chip says, with its source. */
  names: ContactBook;
}

export function createSnapshot(
  me: string,
  threads: Iterable<MessageThread>,
  summaries: Map<string, ThreadSummary>,
  reads: Map<string, string>,
  names: ContactBook = {},
): ChipSnapshot {
  const snapshot: ChipSnapshot = { me, threads: new Map(), byPhone: new Map(), summaries, reads, names };
  for (const t of threads) indexThread(snapshot, t);
  return snapshot;
}

function indexThread(s: ChipSnapshot, t: MessageThread): void {
  s.threads.set(t.id, t);
  const phone = t.guestParty?.phoneNumber;
  if (!phone) return;
  let ids = s.byPhone.get(phone);
  if (!ids) s.byPhone.set(phone, (ids = new Set()));
  ids.add(t.id);
}

function unindexThread(s: ChipSnapshot, id: string): string | undefined {
  const old = s.threads.get(id);
  s.threads.delete(id);
  const phone = old?.guestParty?.phoneNumber;
  if (phone) {
    s.byPhone.get(phone)?.delete(id);
    if (s.byPhone.get(phone)?.size === 0) s.byPhone.delete(phone);
  }
  return phone;
}

/** Puts fresh records of these threads into the snapshot; returns the numbers whose chips may have changed. */
export function updateSnapshot(s: ChipSnapshot, records: ReadonlyMap<string, ThreadRecords>): Set<string> {
  const phones = new Set<string>();
  for (const [id, r] of records) {
    const before = unindexThread(s, id);
    if (before) phones.add(before);
    if (r.thread) {
      indexThread(s, r.thread);
      if (r.thread.guestParty?.phoneNumber) phones.add(r.thread.guestParty.phoneNumber);
    }
    if (r.summary) s.summaries.set(id, r.summary);
    else s.summaries.delete(id);
    if (r.read !== undefined) s.reads.set(id, r.read);
    else s.reads.delete(id);
  }
  return phones;
}

/** Chip states of these numbers, looking only at each number's own threads. */
export function statesFromSnapshot(s: ChipSnapshot, phones: Iterable<string>): Record<string, ChipState> {
  const out: Record<string, ChipState> = {};
  for (const phone of phones) {
    const threads = [...(s.byPhone.get(phone) ?? [])].flatMap((id) => {
      const t = s.threads.get(id);
      return t ? [t] : [];
    });
    // Newest first, as the store hands them out: the first Open thread of a number is the one chips show.
    threads.sort((a, b) => b.lastModifiedTime.localeCompare(a.lastModifiedTime));
    const state = chipStateFor(phone, { threads, summaries: s.summaries, reads: s.reads, me: s.me });
    const named = resolveName(s.names, phone);
    out[phone] = named ? { ...state, customer: nameWithSource(named) } : state;
  }
  return out;
}

const sameState = (a: ChipState | undefined, b: ChipState) =>
  !!a &&
  a.kind === b.kind &&
  a.unread === b.unread &&
  a.assigneeName === b.assigneeName &&
  a.customer === b.customer;

/** The entries of `next` that differ from what was last sent; records them as sent. */
export function takeChanged(
  sent: Map<string, ChipState>,
  next: Record<string, ChipState>,
): Record<string, ChipState> {
  const changed: Record<string, ChipState> = {};
  for (const [phone, state] of Object.entries(next)) {
    if (sameState(sent.get(phone), state)) continue;
    sent.set(phone, state);
    changed[phone] = state;
  }
  return changed;
}
