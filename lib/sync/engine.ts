// The sync engine: two streams (threads, entries), each FSync once and then ISync with a token kept in the
// store's meta. Every page goes through the pure reducer and lands in IndexedDB in one transaction together
// with the stream's new token. Pushes and alarms only trigger runs; the scheduler debounces and coalesces them.
// Pages are parsed record by record (lib/rc/schemas.ts): what a page held that we could not use is reported
// through onHealth. A reply that cannot be used at all is retried a few times, then the stream drops its token
// and runs a full sync, and if that fails too it waits for the next push or backstop check: never a loop on
// the same token.
import { hasIssues, type MessageThread, type PageIssues, type ThreadMessage } from '../rc/schemas';
import type { ConnectionStatus } from '../storage';
import type { Store } from './db';
import { hasWrites, reduceEntries, reduceThreads, type StoreWrites, type ThreadsMode } from './reducer';
import { StreamScheduler } from './scheduler';
import { failureStatus, isRetryable, retryDelay } from './status';
import type { HealthEvent } from './health';
import { applyWrites, deleteMeta, loadSlice, readMeta } from './store-io';
import { fetchSync, isInvalidToken, tokenKey, type StreamKind, type SyncClient } from './stream';
import type { EntrySyncItem } from '../rc/schemas';
import { exponentialMs } from '../util/backoff';

export interface AppliedChange {
  kind: StreamKind;
  threadIds: string[];
  writes: StoreWrites;
  /** False for FSync backlogs, history and local echoes: nothing new to tell the agent about. */
  notify: boolean;
}

export interface SyncEngineOptions {
  client: SyncClient;
  db: Store;
  /** Debounce of push-triggered runs (ms). */
  debounceMs?: number;
  /** Called after each committed change, in commit order. Errors are logged, not thrown. */
  onApplied?: (change: AppliedChange) => unknown;
  /** Patches of the connection status (merged into storage by the caller). */
  onStatus?: (patch: Partial<ConnectionStatus>) => unknown;
  online?: () => boolean;
  /** What a stream could not use (skipped records, unusable pages) and how it moved on. */
  onHealth?: (kind: StreamKind, event: HealthEvent) => unknown;
  /** Delay before retrying an unusable reply (ms), by attempt; the default is 1 s, then 2 s. */
  badPageDelayMs?: (attempt: number) => number;
}

/** Unusable replies in a row on one token before the stream gives the token up for a full sync. */
export const BAD_PAGE_ATTEMPTS = 3;

const defaultBadPageDelay = (attempt: number) => exponentialMs(attempt, 1_000);

/** A reply we could not use at all (not JSON, or no records/syncInfo): retrying the same request won't help
 *  for long. */
export const isUnusableReply = (e: unknown) => (e as { code?: string } | undefined)?.code === 'badReply';

export interface SyncStats {
  requests: Record<StreamKind, number>;
  fsyncs: Record<StreamKind, number>;
  failures: number;
  /** Unusable replies, and the full syncs they forced. */
  badPages: Record<StreamKind, number>;
  /** Records skipped (unknown type or unreadable), from sync pages and history. */
  skippedRecords: Record<StreamKind, number>;
}

export const SYNC_STALLED_MESSAGE =
  "RingCentral keeps sending a sync reply this version can't read, even after a full sync. " +
  'ThreadDesk tries again at the next change or check.';

export class SyncEngine {
  readonly streams: Record<StreamKind, StreamScheduler>;
  readonly stats: SyncStats = {
    requests: { threads: 0, entries: 0 },
    fsyncs: { threads: 0, entries: 0 },
    failures: 0,
    badPages: { threads: 0, entries: 0 },
    skippedRecords: { threads: 0, entries: 0 },
  };
  private readonly failures: Record<StreamKind, number> = { threads: 0, entries: 0 };
  /** Unusable replies in a row, per stream (reset by a page that applies). */
  private readonly badInRow: Record<StreamKind, number> = { threads: 0, entries: 0 };
  /** Bumped by invalidate(): a page fetched before belongs to a membership that is gone. */
  private epoch = 0;
  /** A bad page happened since the stream last applied one: its next success is news. */
  private readonly unwell: Record<StreamKind, boolean> = { threads: false, entries: false };
  private applying: Promise<unknown> = Promise.resolve();
  private active = 0;
  private stopped = false;

  constructor(private readonly opts: SyncEngineOptions) {
    const debounce = opts.debounceMs ?? 150;
    this.streams = {
      threads: new StreamScheduler(() => this.runStream('threads'), debounce),
      entries: new StreamScheduler(() => this.runStream('entries'), debounce),
    };
  }

  /** Start-up and worker restart: FSync a stream without a token, ISync one with a token. */
  start(): Promise<void> {
    return this.syncNow();
  }

  /** A push or alarm says a stream changed: one debounced run, coalesced with others. */
  trigger(kind: StreamKind): Promise<void> {
    return this.streams[kind].trigger();
  }

  syncNow(): Promise<void> {
    return Promise.all([this.streams.threads.now(), this.streams.entries.now()]).then(() => undefined);
  }

  stop(): void {
    this.stopped = true;
    this.streams.threads.stop();
    this.streams.entries.stop();
  }

  /** A thread RingCentral just returned to one of our own requests (assign, resolve…). */
  applyLocalThread(thread: MessageThread): Promise<void> {
    return this.apply('threads', [thread], 'ISync', false);
  }

  /** A message RingCentral just accepted from us (send): shown before the next entries sync brings it. */
  applyLocalMessage(message: ThreadMessage): Promise<void> {
    return this.apply('entries', [{ ...message, recordType: 'AliveMessage' }], 'ISync', false);
  }

  /** History pages (list endpoints) go through the same reducer; they never notify. */
  applyHistory(kind: 'threads', records: MessageThread[]): Promise<void>;
  applyHistory(kind: 'entries', records: EntrySyncItem[]): Promise<void>;
  applyHistory(kind: StreamKind, records: MessageThread[] | EntrySyncItem[]): Promise<void> {
    return this.apply(kind, records, 'ISync', false);
  }

  /**
   * Runs a store change that invalidates the sync tokens (the agent's resources changed), in line with the
   * page commits; pages fetched before it are discarded, then both streams sync afresh.
   */
  async invalidate<T>(change: () => Promise<T>): Promise<T> {
    this.epoch++;
    const run = this.applying.then(change);
    this.applying = run.catch(() => undefined);
    const result = await run;
    void this.syncNow().catch(() => undefined);
    return result;
  }

  /** What a page (sync or history) held that could not be used as sent. */
  reportIssues(kind: StreamKind, issues: PageIssues): void {
    if (!hasIssues(issues)) return;
    this.stats.skippedRecords[kind] +=
      issues.invalidRecords + Object.values(issues.unknownRecordTypes).reduce((a, b) => a + b, 0);
    this.health(kind, { type: 'issues', issues });
  }

  private health(kind: StreamKind, event: HealthEvent): void {
    try {
      void Promise.resolve(this.opts.onHealth?.(kind, event)).catch(() => undefined);
    } catch (e) {
      console.error('ThreadDesk: sync health listener failed', e);
    }
  }

  private async runStream(kind: StreamKind): Promise<void> {
    if (this.stopped) return;
    this.setActive(+1);
    try {
      await this.fetchAndApply(kind);
      this.failures[kind] = 0;
      if (this.unwell[kind]) this.health(kind, { type: 'recovered', at: Date.now() });
      this.unwell[kind] = false;
      this.badInRow[kind] = 0;
      this.setActive(-1, { state: 'idle', lastSyncAt: Date.now(), retryAt: undefined, message: undefined });
    } catch (e) {
      this.stats.failures++;
      this.failures[kind]++;
      if (isUnusableReply(e)) {
        this.setActive(-1, await this.onUnusableReply(kind, e));
        throw e;
      }
      const online = this.opts.online?.() ?? true;
      this.setActive(-1, failureStatus(e, Date.now(), online));
      if (isRetryable(e) && !this.stopped) {
        void this.streams[kind].trigger(retryDelay(this.failures[kind], e));
      }
      throw e;
    }
  }

  /** Bounded retries, then a full sync without the token, then wait for the next push or backstop check. */
  private async onUnusableReply(kind: StreamKind, e: unknown): Promise<Partial<ConnectionStatus>> {
    const attempts = ++this.badInRow[kind];
    this.stats.badPages[kind]++;
    this.unwell[kind] = true;
    const message = e instanceof Error ? e.message : String(e);
    const at = Date.now();
    const hasToken = (await readMeta<string>(this.opts.db, tokenKey(kind))) !== undefined;
    if (this.stopped) return {};
    if (attempts < BAD_PAGE_ATTEMPTS) {
      this.health(kind, { type: 'badPage', message, attempts, outcome: 'retrying', at });
      void this.streams[kind].trigger((this.opts.badPageDelayMs ?? defaultBadPageDelay)(attempts));
      return { state: 'syncing' };
    }
    if (hasToken) {
      // The token may be what the server chokes on: move on with a full sync, with fresh attempts.
      await deleteMeta(this.opts.db, tokenKey(kind));
      this.badInRow[kind] = 0;
      this.health(kind, { type: 'badPage', message, attempts, outcome: 'fullSync', at });
      void this.streams[kind].now();
      return { state: 'syncing' };
    }
    this.health(kind, { type: 'badPage', message, attempts, outcome: 'gaveUp', at });
    return { state: 'error', message: SYNC_STALLED_MESSAGE };
  }

  private async fetchAndApply(kind: StreamKind): Promise<void> {
    const epoch = this.epoch;
    const token = await readMeta<string>(this.opts.db, tokenKey(kind));
    let page;
    let mode: ThreadsMode = token ? 'ISync' : 'FSync';
    try {
      this.stats.requests[kind]++;
      page = await fetchSync(this.opts.client, kind, token);
    } catch (e) {
      if (!token || !isInvalidToken(e)) throw e;
      mode = 'FSync';
      this.stats.requests[kind]++;
      page = await fetchSync(this.opts.client, kind, undefined);
    }
    if (mode === 'FSync') this.stats.fsyncs[kind]++;
    if (this.stopped) return;
    this.reportIssues(kind, page.issues);
    const meta: Array<[string, unknown]> = [[tokenKey(kind), page.syncInfo.syncToken]];
    await this.apply(
      kind,
      page.records as MessageThread[] | EntrySyncItem[],
      mode,
      mode === 'ISync',
      meta,
      page.syncInfo.syncTime,
      epoch,
    );
  }

  /** Reduce and commit one batch. Batches are serialised: each reads what the previous one wrote. */
  private apply(
    kind: StreamKind,
    records: MessageThread[] | EntrySyncItem[],
    mode: ThreadsMode,
    notify: boolean,
    meta: Array<[string, unknown]> = [],
    asOf?: string,
    epoch?: number,
  ): Promise<void> {
    const run = this.applying.then(async () => {
      if (epoch !== undefined && epoch !== this.epoch) return;
      const { db } = this.opts;
      if (kind === 'threads') {
        const threads = records as MessageThread[];
        const slice = await loadSlice(db, new Set(threads.map((t) => t.id)), {
          allThreads: mode === 'FSync',
        });
        await this.commit(kind, reduceThreads(slice, threads, mode, asOf), notify, meta);
      } else {
        const entries = records as EntrySyncItem[];
        const slice = await loadSlice(db, new Set(entries.map((e) => e.threadId)));
        await this.commit(kind, reduceEntries(slice, entries), notify, meta);
      }
    });
    this.applying = run.catch(() => undefined);
    return run;
  }

  private async commit(
    kind: StreamKind,
    writes: StoreWrites,
    notify: boolean,
    meta: Array<[string, unknown]>,
  ): Promise<void> {
    if (!hasWrites(writes) && meta.length === 0) return;
    await applyWrites(this.opts.db, writes, meta);
    if (!hasWrites(writes)) return;
    try {
      await this.opts.onApplied?.({ kind, threadIds: writes.changedThreadIds, writes, notify });
    } catch (e) {
      console.error('ThreadDesk: store change listener failed', e);
    }
  }

  private setActive(delta: number, settled?: Partial<ConnectionStatus>): void {
    const wasIdle = this.active === 0;
    this.active += delta;
    if (delta > 0 && wasIdle) void this.opts.onStatus?.({ state: 'syncing' });
    if (delta < 0 && settled) {
      // While the other stream still runs, a success keeps "syncing"; a failure shows at once.
      const patch =
        settled.state === 'idle' && this.active > 0 ? { ...settled, state: 'syncing' as const } : settled;
      void this.opts.onStatus?.(patch);
    }
  }
}
