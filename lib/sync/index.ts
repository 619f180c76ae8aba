// The background's data side: the sync engine for the signed-in client, push (whose presence events go to
// lib/presence) and the alarm backstop. setupSync registers the alarm listener at once (the alarm may be what
// woke the worker) and returns the one Sync the rest of the background uses; every committed change goes to
// `onChange`.
import { browser } from 'wxt/browser';
import type { Page } from '../messaging';
import { refreshCapabilities } from '../capabilities/refresh';
import type { PresenceFeed } from '../presence';
import { PushChannel } from '../push/channel';
import type { RcClient } from '../rc/client';
import type { MessageThread, ThreadMessage } from '../rc/schemas';
import { connectionStatus, type ConnectionStatus } from '../storage';
import { setSyncAlarmPeriod, stopSyncAlarm, SYNC_ALARM } from './alarm';
import { announce } from './changes';
import { type Store } from './db';
import { SyncEngine, type AppliedChange } from './engine';
import { dismissHealth, recordHealth } from './health';
import { MEMBERSHIP_KEY, watchMembership } from './membership';
import { loadHistory as loadHistoryPage, loadResolved as loadResolvedPage } from './history';
import { clearSynced, OPT_OUTS_KEY } from './store-io';
import { tokenKey } from './stream';

export type { AppliedChange } from './engine';
export { STORE_CHANNEL, type StoreChange } from './changes';

export interface SyncDeps {
  db(): Promise<Store>;
  /** After every committed change (already announced to pages): badge, notifications, chips. */
  onChange(change: AppliedChange): void;
  /** Threads left the store because the agent no longer handles their resource (announced already). */
  onDropped(threadIds: string[]): void;
  /** Where push's presence events and reconnects go (lib/presence). */
  presence: PresenceFeed;
}

export interface StartOptions {
  /** Tests pass their own store. */
  db?: Store;
  debounceMs?: number;
  /** Push over WebSocket (default on). */
  push?: boolean;
}

export interface Sync {
  start(client: RcClient, opts?: StartOptions): Promise<void>;
  /** Stops sync, push and the alarm (sign-out, or before a restart). The store keeps its data. */
  stop(): Promise<void>;
  /** Forgets the synced data and both sync tokens (the session ended: the store is the agent's). */
  clear(): Promise<void>;
  syncNow(): Promise<void>;
  applyLocalThread(thread: MessageThread): Promise<void>;
  applyLocalMessage(message: ThreadMessage): Promise<void>;
  loadHistory(threadId: string): Promise<Page>;
  loadResolved(page: number): Promise<Page>;
}

interface Running {
  client: RcClient;
  db: Store;
  engine: SyncEngine;
  push?: PushChannel;
  resync(): void;
  offOnline?: () => void;
  offMembership: () => void;
}

const isOnline = () => (typeof navigator === 'undefined' ? true : navigator.onLine !== false);

export function setupSync(deps: SyncDeps): Sync {
  let running: Running | undefined;
  let statusWrites: Promise<unknown> = Promise.resolve();

  const patchStatus = (patch: Partial<ConnectionStatus>): Promise<unknown> => {
    // Serialised read-merge-write: two streams finishing together must not lose each other's fields.
    statusWrites = statusWrites
      .then(async () => connectionStatus.setValue({ ...(await connectionStatus.getValue()), ...patch }))
      .catch((e) => console.error('ThreadDesk: status write failed', e));
    return statusWrites;
  };

  // Not running yet when the alarm woke the worker: the session's restore starts sync, which syncs both
  // streams and connects push — what the alarm asks for.
  browser.alarms.onAlarm.addListener((alarm) => {
    if (alarm.name === SYNC_ALARM) running?.resync();
  });

  const need = (): Running => {
    if (!running) throw new Error('[signedOut] Sync is not running. Sign in first.');
    return running;
  };

  async function start(client: RcClient, opts: StartOptions = {}): Promise<void> {
    await stop();
    const db = opts.db ?? (await deps.db());
    const engine = new SyncEngine({
      client,
      db,
      debounceMs: opts.debounceMs,
      online: isOnline,
      onStatus: patchStatus,
      onHealth: recordHealth,
      onApplied: (change) => {
        announce({ kind: change.kind, threadIds: change.threadIds });
        deps.onChange(change);
      },
    });
    const resyncBoth = () => {
      void engine.trigger('threads');
      void engine.trigger('entries');
    };
    const push =
      opts.push === false
        ? undefined
        : new PushChannel({
            sdk: client.sdk,
            budget: client.budget,
            onEvent: (kind) => void engine.trigger(kind),
            onPresence: (body) => deps.presence.onEvent(body),
            onResync: () => {
              resyncBoth();
              deps.presence.refresh();
            },
            onGrant: () => void refreshCapabilities(client).catch(() => undefined),
            // The backstop polls often unless push delivers both streams.
            onConnected: (connected) => {
              void patchStatus({ pushConnected: connected });
              setSyncAlarmPeriod(connected && !push?.degradation.streams.length);
            },
            onDegraded: (d) => {
              void patchStatus({ pushDisabled: d.grant ? [...d.streams, 'grant'] : d.streams });
              setSyncAlarmPeriod(!!push?.connected && d.streams.length === 0);
            },
          });
    running = {
      client,
      db,
      engine,
      push,
      resync: () => {
        resyncBoth();
        push?.ensure();
      },
      offOnline: watchOnline(() => void engine.syncNow()),
      offMembership: watchMembership(engine, db, (threadIds) => {
        announce({ kind: 'threads', threadIds });
        deps.onDropped(threadIds);
      }),
    };
    setSyncAlarmPeriod(false);
    await patchStatus({ pushConnected: false });
    // Failures surface in connectionStatus and retry on their own.
    void engine.start().catch(() => undefined);
    void push?.start();
  }

  async function stop(): Promise<void> {
    const r = running;
    running = undefined;
    if (!r) return;
    r.engine.stop();
    r.offOnline?.();
    r.offMembership();
    stopSyncAlarm();
    await r.push?.stop();
    await patchStatus({ state: 'idle', pushConnected: false, retryAt: undefined });
  }

  return {
    start,
    stop,
    async clear() {
      const store = running?.db ?? (await deps.db());
      await clearSynced(store, [tokenKey('threads'), tokenKey('entries'), OPT_OUTS_KEY, MEMBERSHIP_KEY]);
      await dismissHealth();
      announce({ kind: 'threads' });
    },
    syncNow: () => need().engine.syncNow(),
    applyLocalThread: (thread) => need().engine.applyLocalThread(thread),
    applyLocalMessage: (message) => need().engine.applyLocalMessage(message),
    loadHistory(threadId) {
      const r = need();
      return loadHistoryPage(r.client, r.db, r.engine, threadId);
    },
    loadResolved(page) {
      const r = need();
      return loadResolvedPage(r.client, r.engine, page);
    },
  };
}

function watchOnline(onOnline: () => void): (() => void) | undefined {
  const target = globalThis as {
    addEventListener?: typeof addEventListener;
    removeEventListener?: typeof removeEventListener;
  };
  if (!target.addEventListener || !target.removeEventListener) return undefined;
  target.addEventListener('online', onOnline);
  return () => target.removeEventListener!('online', onOnline);
}
