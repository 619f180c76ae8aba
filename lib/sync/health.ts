// How well sync is going, beyond "connected": what RingCentral sent that we could not use (skipped records,
// values shown as unknown) and unusable pages with what the engine did about them. Pure folding of the
// engine's events, and the serialised write of the `syncHealth` item the side panel shows.
import { hasIssues, type PageIssues } from '../rc/schemas';
import { syncHealth } from '../storage';
import type { StreamKind } from './stream';

export interface BadPage {
  /** First failure of this run of failures (ms). */
  at: number;
  message: string;
  /** Unusable replies in a row. */
  attempts: number;
  /** retrying the same request; fullSync: the token was dropped for a full sync; gaveUp: even that failed,
   *  the next push or backstop check tries again. */
  outcome: 'retrying' | 'fullSync' | 'gaveUp';
  /** When the stream moved on (a page was applied again). */
  recoveredAt?: number;
}

export interface StreamHealth {
  unknownRecordTypes: Record<string, number>;
  invalidRecords: number;
  unknownValues: Record<string, number>;
  badPage?: BadPage;
}

export interface SyncHealth {
  threads: StreamHealth;
  entries: StreamHealth;
}

export type HealthEvent =
  | { type: 'issues'; issues: PageIssues }
  | { type: 'badPage'; message: string; attempts: number; outcome: BadPage['outcome']; at: number }
  | { type: 'recovered'; at: number };

export const emptyStreamHealth = (): StreamHealth => ({
  unknownRecordTypes: {},
  invalidRecords: 0,
  unknownValues: {},
});

export const emptyHealth = (): SyncHealth => ({ threads: emptyStreamHealth(), entries: emptyStreamHealth() });

function addCounts(a: Record<string, number>, b: Record<string, number>): Record<string, number> {
  const out = { ...a };
  for (const [k, n] of Object.entries(b)) out[k] = (out[k] ?? 0) + n;
  return out;
}

export function foldHealth(h: StreamHealth, event: HealthEvent): StreamHealth {
  switch (event.type) {
    case 'issues':
      return {
        ...h,
        unknownRecordTypes: addCounts(h.unknownRecordTypes, event.issues.unknownRecordTypes),
        invalidRecords: h.invalidRecords + event.issues.invalidRecords,
        unknownValues: addCounts(h.unknownValues, event.issues.unknownValues),
      };
    case 'badPage': {
      const ongoing = h.badPage && h.badPage.recoveredAt === undefined;
      return {
        ...h,
        badPage: {
          at: ongoing ? h.badPage!.at : event.at,
          message: event.message,
          attempts: event.attempts,
          outcome: event.outcome,
        },
      };
    }
    case 'recovered':
      return h.badPage && h.badPage.recoveredAt === undefined
        ? { ...h, badPage: { ...h.badPage, recoveredAt: event.at } }
        : h;
  }
}

/** Records skipped on this stream (unknown types and unreadable ones). */
export const skippedCount = (h: StreamHealth) =>
  h.invalidRecords + Object.values(h.unknownRecordTypes).reduce((a, b) => a + b, 0);

/** Something the agent should know: records skipped, values unknown, or a page that failed. */
export function needsNotice(h: StreamHealth): boolean {
  return (
    !!h.badPage ||
    hasIssues({
      unknownRecordTypes: h.unknownRecordTypes,
      invalidRecords: h.invalidRecords,
      unknownValues: h.unknownValues,
    })
  );
}

/** Sync cannot currently move on by itself (an unusable page even after a full sync). */
export const isStalled = (h: StreamHealth) => h.badPage?.outcome === 'gaveUp' && !h.badPage.recoveredAt;

let writes: Promise<unknown> = Promise.resolve();

/** Folds one engine event into storage (serialised: the two streams report concurrently). */
export function recordHealth(kind: StreamKind, event: HealthEvent): Promise<unknown> {
  writes = writes
    .then(async () => {
      const current = (await syncHealth.getValue()) ?? emptyHealth();
      const next = foldHealth(current[kind], event);
      // A page applied after nothing went wrong is no news: no write.
      if (next === current[kind]) return;
      await syncHealth.setValue({ ...current, [kind]: next });
    })
    .catch((e) => console.error('ThreadDesk: sync health write failed', e));
  return writes;
}

/** The agent read the notice: start counting afresh. */
export function dismissHealth(): Promise<void> {
  return syncHealth.setValue(emptyHealth());
}
