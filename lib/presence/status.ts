// What RingCentral's presence says about an agent, in the four words the panel uses (pure). Records come from
// REST (`…/presence`) and from the presence push filters; both may carry values we don't know yet, which read
// as unknown rather than as a guess.
import { z } from 'zod';

export type PresenceKind = 'available' | 'busy' | 'dnd' | 'offline' | 'unknown';

/** A presence record or event body: only what we read, everything else passes through unchecked. */
export const PresenceRecord = z.looseObject({
  extensionId: z.union([z.string(), z.number()]).optional(),
  extension: z.looseObject({ id: z.union([z.string(), z.number()]).optional() }).optional(),
  presenceStatus: z.string().optional(),
  userStatus: z.string().optional(),
  dndStatus: z.string().optional(),
  sequence: z.number().optional(),
});
export type PresenceRecord = z.infer<typeof PresenceRecord>;

export interface PresenceEntry {
  kind: PresenceKind;
  /** The event's order number; REST answers have none. */
  sequence?: number;
  /** When we learned it (local time), for "as of" and for ordering against a REST snapshot. */
  at: number;
}

export type PresenceMap = Readonly<Record<string, PresenceEntry>>;

/** DND values that keep an agent from taking the queue's work: any calls, or department (queue) calls. */
const DND = new Set(['DoNotAcceptAnyCalls', 'DoNotAcceptDepartmentCalls']);

export function presenceKind(
  record: Pick<PresenceRecord, 'presenceStatus' | 'userStatus' | 'dndStatus'>,
): PresenceKind {
  if (record.presenceStatus === 'Offline' || record.userStatus === 'Offline') return 'offline';
  if (record.dndStatus && DND.has(record.dndStatus)) return 'dnd';
  if (record.presenceStatus === 'Busy') return 'busy';
  if (record.presenceStatus === 'Available') return 'available';
  return 'unknown';
}

export function extensionIdOf(record: PresenceRecord): string | undefined {
  const id = record.extensionId ?? record.extension?.id;
  return id === undefined || id === '' ? undefined : String(id);
}

/**
 * Applies one pushed presence event; returns the new map, or undefined when nothing changes (not a handler,
 * unreadable, or older than what we hold: events carry a growing `sequence` per extension).
 */
export function applyPresenceEvent(
  map: PresenceMap,
  body: unknown,
  handlers: ReadonlySet<string>,
  now: number,
): PresenceMap | undefined {
  const parsed = PresenceRecord.safeParse(body);
  if (!parsed.success) return undefined;
  const id = extensionIdOf(parsed.data);
  if (!id || !handlers.has(id)) return undefined;
  const held = map[id];
  const sequence = parsed.data.sequence;
  if (held?.sequence !== undefined && sequence !== undefined && sequence <= held.sequence) return undefined;
  const entry: PresenceEntry = {
    kind: presenceKind(parsed.data),
    at: now,
    ...(sequence !== undefined ? { sequence } : {}),
  };
  return { ...map, [id]: entry };
}

/**
 * Merges a REST snapshot taken at `startedAt`: handlers only; an entry pushed after the request left is newer
 * than the snapshot and stays; handlers the snapshot lacks are dropped from the map.
 */
export function applyPresenceSnapshot(
  map: PresenceMap,
  records: readonly unknown[],
  handlers: ReadonlySet<string>,
  startedAt: number,
  now: number,
): PresenceMap {
  const next: Record<string, PresenceEntry> = {};
  for (const raw of records) {
    const parsed = PresenceRecord.safeParse(raw);
    if (!parsed.success) continue;
    const id = extensionIdOf(parsed.data);
    if (!id || !handlers.has(id)) continue;
    next[id] = { kind: presenceKind(parsed.data), at: now };
  }
  for (const [id, held] of Object.entries(map)) {
    if (handlers.has(id) && held.at > startedAt) next[id] = held;
  }
  return next;
}

/** undefined when we hold nothing for the extension (not loaded yet, or presence not readable). */
export function presenceOf(map: PresenceMap, extensionId: string | undefined): PresenceKind | undefined {
  return extensionId ? map[extensionId]?.kind : undefined;
}
