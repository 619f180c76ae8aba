// The sync engine: two streams (threads, entries), each FSync once and then ISync with a token kept in the
// store's meta. Every page goes through the pure reducer and lands in IndexedDB in one transaction together
// with the stream's new token. Pushes and alarms only trigger runs; the scheduler debounces and coalesces them.
import type { MessageThread, ThreadMessage } from '../rc/schemas';
import type { ConnectionStatus } from '../storage';
import type { Store } from './db';
import { hasWrites, reduceEntries, reduceThreads, type StoreWrites, type ThreadsMode } from './reducer';
import { StreamScheduler } from './scheduler';
import { failureStatus, isRetryable, retryDelay } from './status';
import { applyWrites, loadSlice, readMeta } from './store-io';
import { fetchSync, isInvalidToken, tokenKey, type StreamKind, type SyncClient } from './stream';
import type { EntrySyncItem } from '../rc/schemas';

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
}

export interface SyncStats {
  requests: Record<StreamKind, number>;
  fsyncs: Record<StreamKind, number>;
  failures: number;
}

export class SyncEngine {
  readonly streams: Record<StreamKind, StreamScheduler>;
  readonly stats: SyncStats = {
    requests: { threads: 0, entries: 0 },
    fsyncs: { threads: 0, entries: 0 },
    failures: 0,
  };
  private readonly failures: Record<StreamKind, number> = { threads: 0, entries: 0 };
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

  private async runStream(kind: StreamKind): Promise<void> {
    if (this.stopped) return;
    this.setActive(+1);
    try {
      await this.fetchAndApply(kind);
      this.failures[kind] = 0;
      this.setActive(-1, { state: 'idle', lastSyncAt: Date.now(), retryAt: undefined, message: undefined });
    } catch (e) {
      this.stats.failures++;
      this.failures[kind]++;
      const online = this.opts.online?.() ?? true;
      this.setActive(-1, failureStatus(e, Date.now(), online));
      if (isRetryable(e) && !this.stopped) {
        void this.streams[kind].trigger(retryDelay(this.failures[kind], e));
      }
      throw e;
    }
  }

  private async fetchAndApply(kind: StreamKind): Promise<void> {
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
    const meta: Array<[string, unknown]> = [[tokenKey(kind), page.syncInfo.syncToken]];
    await this.apply(
      kind,
      page.records as MessageThread[] | EntrySyncItem[],
      mode,
      mode === 'ISync',
      meta,
      page.syncInfo.syncTime,
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
  ): Promise<void> {
    const run = this.applying.then(async () => {
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
