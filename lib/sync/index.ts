// The background's data side, wired: sync engine, push, alarm backstop, badge and notifications. After every
// committed change: announce it to pages, refresh the badge, consider notifications, call onStoreChanged hooks.
import { refreshBadge, startBadge } from '../badge';
import type { Page } from '../messaging';
import { Notifier } from '../notifications';
import { startPresence, type RunningPresence } from '../presence';
import { refreshCapabilities } from '../capabilities/refresh';
import { PushChannel } from '../push/channel';
import type { RcClient } from '../rc/client';
import type { MessageThread, ThreadMessage } from '../rc/schemas';
import { authStatus, capabilities, connectionStatus, type ConnectionStatus } from '../storage';
import { setSyncAlarmPeriod, startSyncAlarm, stopSyncAlarm } from './alarm';
import { announce } from './changes';
import { openStore, type Store } from './db';
import { SyncEngine, type AppliedChange } from './engine';
import { dismissHealth, recordHealth } from './health';
import { watchMembership } from './membership';
import { loadHistory as loadHistoryPage, loadResolved as loadResolvedPage } from './history';
import { clearSynced, OPT_OUTS_KEY } from './store-io';
import { tokenKey } from './stream';

export type { AppliedChange } from './engine';
export { STORE_CHANNEL, type StoreChange } from './changes';

export interface StartSyncOptions {
  /** Defaults to the extension's store; tests pass their own. */
  db?: Store;
  debounceMs?: number;
  /** Push over WebSocket (default on). */
  push?: boolean;
  /** Opens the side panel when a notification is clicked. */
  openPanel?: () => unknown;
}

interface Running {
  client: RcClient;
  db: Store;
  engine: SyncEngine;
  push?: PushChannel;
  presence?: RunningPresence;
  notifier: Notifier;
  offOnline?: () => void;
  offMembership: () => void;
}

let running: Running | undefined;
const listeners = new Set<(change: AppliedChange) => void>();
let statusWrites: Promise<unknown> = Promise.resolve();

/** Called after every committed change (the chip states of CRM tabs hang off this). */
export function onStoreChanged(listener: (change: AppliedChange) => void): () => void {
  listeners.add(listener);
  return () => listeners.delete(listener);
}

function patchStatus(patch: Partial<ConnectionStatus>): Promise<unknown> {
  // Serialised read-merge-write: two streams finishing together must not lose each other's fields.
  statusWrites = statusWrites
    .then(async () => connectionStatus.setValue({ ...(await connectionStatus.getValue()), ...patch }))
    .catch((e) => console.error('ThreadDesk: status write failed', e));
  return statusWrites;
}

async function currentMe(): Promise<string | undefined> {
  const auth = await authStatus.getValue();
  if (auth.state !== 'signedIn') return undefined;
  return auth.user?.extensionId ?? (await capabilities.getValue())?.me.extensionId;
}

const isOnline = () => (typeof navigator === 'undefined' ? true : navigator.onLine !== false);

/** Starts syncing for the signed-in client: after sign-in and at every worker start with a session. */
export async function startSync(client: RcClient, opts: StartSyncOptions = {}): Promise<void> {
  await stopSync();
  const db = opts.db ?? (await openStore());
  const notifier = new Notifier({ db, me: currentMe, openPanel: opts.openPanel });
  const engine = new SyncEngine({
    client,
    db,
    debounceMs: opts.debounceMs,
    online: isOnline,
    onStatus: patchStatus,
    onHealth: recordHealth,
    onApplied: (change) => {
      announce({ kind: change.kind, threadIds: change.threadIds });
      void refreshBadge().catch((e) => console.error('ThreadDesk: badge failed', e));
      // A thread arriving may release notifications that waited for it.
      const fresh = change.notify ? change.writes.newMessages : [];
      void notifier.consider(fresh).catch((e) => console.error('ThreadDesk: notification failed', e));
      for (const l of listeners) l(change);
    },
  });
  const resyncBoth = () => {
    void engine.trigger('threads');
    void engine.trigger('entries');
  };
  const presence = opts.push === false ? undefined : startPresence(client);
  const push =
    opts.push === false
      ? undefined
      : new PushChannel({
          sdk: client.sdk,
          budget: client.budget,
          onEvent: (kind) => void engine.trigger(kind),
          onPresence: (body) => presence?.onEvent(body),
          onResync: () => {
            resyncBoth();
            presence?.refresh();
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
    presence,
    notifier,
    offOnline: watchOnline(() => void engine.syncNow()),
    offMembership: watchMembership(engine, db, (threadIds) => {
      announce({ kind: 'threads', threadIds });
      void refreshBadge().catch(() => undefined);
    }),
  };
  startBadge(db);
  startSyncAlarm(() => {
    resyncBoth();
    push?.ensure();
  });
  await patchStatus({ pushConnected: false });
  // Failures surface in connectionStatus and retry on their own.
  void engine.start().catch(() => undefined);
  void push?.start();
}

/** The running engine (tests and diagnostics). */
export const currentEngine = (): SyncEngine | undefined => running?.engine;

/** Stops sync, push and the alarm (sign-out, or before a restart). The store keeps its data. */
export async function stopSync(): Promise<void> {
  const r = running;
  running = undefined;
  if (!r) return;
  r.engine.stop();
  r.notifier.dispose();
  r.offOnline?.();
  r.offMembership();
  stopSyncAlarm();
  await r.push?.stop();
  await r.presence?.stop();
  await patchStatus({ state: 'idle', pushConnected: false, retryAt: undefined });
  void refreshBadge().catch(() => undefined);
}

/** Sign-out: forget synced data and sync tokens (the next agent on this browser starts clean). */
export async function clearSyncedData(db?: Store): Promise<void> {
  const store = db ?? running?.db ?? (await openStore());
  await clearSynced(store, [tokenKey('threads'), tokenKey('entries'), OPT_OUTS_KEY]);
  await dismissHealth();
  announce({ kind: 'threads' });
}

function need(): Running {
  if (!running) throw new Error('[signedOut] Sync is not running. Sign in first.');
  return running;
}

export function syncNow(): Promise<void> {
  return need().engine.syncNow();
}

export function applyLocalThread(thread: MessageThread): Promise<void> {
  return need().engine.applyLocalThread(thread);
}

export function applyLocalMessage(message: ThreadMessage): Promise<void> {
  return need().engine.applyLocalMessage(message);
}

export function loadHistory(threadId: string): Promise<Page> {
  const r = need();
  return loadHistoryPage(r.client, r.db, r.engine, threadId);
}

export function loadResolved(page: number): Promise<Page> {
  const r = need();
  return loadResolvedPage(r.client, r.engine, page);
}

/** What lib/background/main.ts's startBackground({ sync }) takes. */
export const syncService = {
  startSync: (client: RcClient, opts?: Pick<StartSyncOptions, 'openPanel'>) => startSync(client, opts),
  stopSync,
  syncNow,
  applyLocalThread,
  applyLocalMessage,
  loadHistory,
  loadResolved,
};

/** The push channel's counters (for the lead's diagnostics and benchmarks). */
export function syncDiagnostics() {
  return running ? { sync: running.engine.stats, push: running.push?.stats } : undefined;
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
