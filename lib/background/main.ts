// Composes the background: the RC client and session, capabilities, the outbox and the request handlers.
// Listeners are added synchronously, in the worker's first turn, so a message or alarm that woke the worker
// is not missed (MV3).
import { browser } from 'wxt/browser';
import { restoreSession, setSessionHooks, signOut, watchSession } from '../auth/session';
import { openPanelOnToolbarClick, openSidePanelInCurrentWindow } from '../browser/side-panel';
import {
  CAPABILITIES_ALARM,
  CAPABILITIES_PERIOD_MINUTES,
  checkCapabilities,
  refreshCapabilities,
} from '../capabilities/refresh';
import { setupCustomSites } from '../crm/custom-sites';
import { setupCrm } from '../crm-log/setup';
import { Outbox } from '../outbox/outbox';
import type { RcClient } from '../rc/client';
import { getRcClient, onRcClientChange } from '../rc/current';
import { authStatus, serverSettings } from '../storage';
import { announce } from '../sync/changes';
import { openStore } from '../sync/db';
import { ChipPush } from './chip-push';
import { forgetTab } from './chip-subscribers';
import { createHandlers, registerHandlers, type SyncPort } from './handlers';

/** The sync engine's side of the session (lib/sync); optional until it is wired. */
export interface SyncService extends SyncPort {
  /** openPanel is what a notification click calls, synchronously inside the click's listener. */
  startSync(client: RcClient, opts?: { openPanel?: () => unknown }): Promise<void> | void;
  stopSync(): Promise<void> | void;
  clearSyncedData?(): Promise<void>;
  /** Called after every committed change; chip states of CRM tabs and CRM matching hang off this. */
  onStoreChanged?(listener: (change: { threadIds?: string[] }) => void): unknown;
}

const OUTBOX_ALARM = 'outbox-kick';

const noSync: SyncService = {
  startSync: () => undefined,
  stopSync: () => undefined,
  syncNow: async () => undefined,
};

async function signedInAs(): Promise<string | undefined> {
  const s = await authStatus.getValue();
  return s.state === 'signedIn' ? s.user?.extensionId : undefined;
}

export function startBackground(opts: { sync?: SyncService } = {}): { outbox: Outbox } {
  const sync = opts.sync ?? noSync;
  const db = () => openStore();
  const outbox = new Outbox({
    db,
    rc: getRcClient,
    me: signedInAs,
    server: async () => (await getRcClient()).server,
    applyLocalMessage: sync.applyLocalMessage?.bind(sync),
    onChange: () => announce({ kind: 'outbox' }),
  });
  const updateCapabilities = async (read = refreshCapabilities) => {
    if (!(await signedInAs())) return;
    await read(await getRcClient()).catch((e: unknown) =>
      console.warn('ThreadDesk capabilities refresh failed', e),
    );
  };

  setSessionHooks({
    async onSignedIn(client) {
      await sync.startSync(client, { openPanel: openSidePanelInCurrentWindow });
      void updateCapabilities();
      void outbox.kick();
    },
    onSignedOut: () => sync.stopSync(),
    clearSessionData: () => sync.clearSyncedData?.(),
  });
  const chips = new ChipPush(db);
  const crm = setupCrm({ syncDb: db });
  setupCustomSites();
  sync.onStoreChanged?.((change) => {
    void chips.changed(change.threadIds).catch(() => undefined);
    crm.onThreadsChanged(change.threadIds);
  });
  authStatus.watch(() => chips.reset());
  onRcClientChange((client) => watchSession(client));

  registerHandlers(
    createHandlers({
      getClient: getRcClient,
      db,
      outbox,
      sync,
      chips,
      refreshCapabilities: updateCapabilities,
      crm: crm.handlers,
    }),
  );

  browser.alarms.onAlarm.addListener((alarm) => {
    // The periodic one is the cheap check (lib/capabilities/refresh.ts); sign-in and "check again" read all.
    if (alarm.name === CAPABILITIES_ALARM) void updateCapabilities(checkCapabilities);
    if (alarm.name === OUTBOX_ALARM) void outbox.kick();
  });
  void browser.alarms.create(CAPABILITIES_ALARM, { periodInMinutes: CAPABILITIES_PERIOD_MINUTES });
  // Backoff sleeps die with the worker; this wakes the outbox again.
  void browser.alarms.create(OUTBOX_ALARM, { periodInMinutes: 1 });
  browser.tabs.onRemoved.addListener((tabId) => {
    forgetTab(tabId);
    chips.forgetTab(tabId);
  });

  // Tokens belong to one server and app: switching either ends the session.
  serverSettings.watch((next, prev) => {
    if (next.server !== prev?.server || next.clientId !== prev?.clientId)
      void signOut().catch(() => undefined);
  });

  void openPanelOnToolbarClick().catch(() => undefined);
  void restoreSession()
    .then(() => outbox.kick())
    .catch((e: unknown) => console.warn('ThreadDesk session restore failed', e));
  return { outbox };
}
