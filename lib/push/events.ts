// Which sync stream a push event announces (pure). The event path comes back with `~` expanded to real ids,
// so only its tail is matched; the body is ignored (it is just a time, docs/emulator.md, Push).
import { z } from 'zod';
import type { StreamKind } from '../sync/stream';
import { addedJitter, exponentialMs } from '../util/backoff';

export const GRANT_FILTER = '/restapi/v1.0/account/~/extension/~/grant';

export const EVENT_FILTERS = [
  '/restapi/v1.0/account/~/message-threads/sync',
  '/restapi/v1.0/account/~/message-threads/entries/sync',
  // Presence of every extension of the account, for the handlers' presence (lib/presence).
  '/restapi/v1.0/account/~/presence',
  // The agent's grants: a call-queue membership change (what RingCentral's own widgets listen to).
  GRANT_FILTER,
];

export const NotificationEnvelope = z.looseObject({
  event: z.string(),
  subscriptionId: z.string().optional(),
});

export function streamOfEvent(event: string): StreamKind | undefined {
  const path = event.split('?')[0]!;
  if (/\/message-threads\/entries\/sync$/.test(path)) return 'entries';
  if (/\/message-threads\/sync$/.test(path)) return 'threads';
  return undefined;
}

/** The grant filter comes back as `/restapi/v1.0/account/<id>/extension/<id>/grant`. */
export function isGrantEvent(event: string): boolean {
  return /\/extension\/[^/]+\/grant$/.test(event.split('?')[0]!);
}

/** A subscription's disabledFilters: accepted "but not delivered due to certain limitations". */
export const DisabledFilters = z
  .array(z.looseObject({ filter: z.string(), reason: z.string().optional(), message: z.string().optional() }))
  .catch([]);

/** What a subscription will not deliver, by what it means to us (pure). */
export interface PushDegradation {
  /** Sync streams whose events will not come: only the backstop poll sees their changes. */
  streams: StreamKind[];
  /** Membership changes will not be pushed: only the periodic capabilities check sees them. */
  grant: boolean;
  /** The disabled filters as the server listed them (ids expanded). */
  filters: string[];
}

export function degradationOf(disabledFilters: unknown): PushDegradation {
  const list = DisabledFilters.parse(disabledFilters ?? []);
  const streams = new Set<StreamKind>();
  let grant = false;
  for (const { filter } of list) {
    const kind = streamOfEvent(filter);
    if (kind) streams.add(kind);
    if (isGrantEvent(filter)) grant = true;
  }
  return { streams: [...streams], grant, filters: list.map((f) => f.filter) };
}

/** The account presence filter comes back as `/restapi/v1.0/account/<id>/presence`. */
export function isPresenceEvent(event: string): boolean {
  return /^\/restapi\/v1\.0\/account\/[^/]+\/presence$/.test(event.split('?')[0]!);
}

/**
 * Delay before building a fresh connection after `attempt` failed ones: 5 s, 10 s, 20 s … 5 min, plus up to
 * 20 % jitter, never before a Retry-After. wstoken is in the Auth group (5/min), so no tight loops.
 */
export function reconnectDelay(attempt: number, retryAfterMs = 0, jitter = Math.random()): number {
  return Math.max(Math.round(addedJitter(exponentialMs(attempt + 1, 5_000, 300_000), jitter)), retryAfterMs);
}

/** Between checks of a dropped socket inside one connection's auto-recovery: 2 s, then 10 s, 20 s … 60 s. */
export function recoverCheckInterval(retries: number): number {
  return retries === 0 ? 2_000 : Math.min(60_000, 10_000 * retries);
}
