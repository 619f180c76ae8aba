// Chip states as they arrive from the background: checked at this boundary, cached, asked for in
// batches (one message per scan slice), and updated live when the background pushes changes.
// The check is written out rather than done with zod: zod/mini alone would take 15 KB of the content
// script's 80 KB budget (the background validates everything the content script sends with zod).
import type { ChipKind, ChipState } from '../messaging';

const E164 = /^\+[1-9]\d{1,14}$/;
const KINDS = new Set<ChipKind>(['none', 'unassigned', 'mine', 'other', 'optedOut']);

function optionalText(value: unknown, max: number): value is string | undefined {
  return value === undefined || (typeof value === 'string' && value.length <= max);
}

function chipState(value: unknown): ChipState | undefined {
  if (!value || typeof value !== 'object') return undefined;
  const { kind, unread, assigneeName } = value as Record<string, unknown>;
  if (!KINDS.has(kind as ChipKind) || typeof unread !== 'boolean') return undefined;
  if (!optionalText(assigneeName, 120)) return undefined;
  const state: ChipState = { kind: kind as ChipKind, unread };
  if (assigneeName !== undefined) state.assigneeName = assigneeName;
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
