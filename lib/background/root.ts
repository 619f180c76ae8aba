// The background's composition root: each setupX() adds its browser listeners synchronously, in the worker's
// first turn, so the event that woke a stopped worker (a message, an alarm, a notification click) is not
// missed (docs/architecture.md). To add a part: write lib/<part>/setup (a setupX(deps) that registers its
// listeners before any await and returns what others call), then call it here, in dependency order.
import { browser } from 'wxt/browser';
import { agentOf } from '../auth/agent';
import { setupSession } from '../auth/session';
import { setupBadge, type Badge } from '../badge';
import { openPanelOnToolbarClick } from '../browser/side-panel';
import { setupCustomSites } from '../crm/custom-sites';
import { setupCrm } from '../crm-log/setup';
import { setupNotifications, type Notifications } from '../notifications';
import { setupOutbox } from '../outbox';
import { setupPresence } from '../presence';
import { getRcClient } from '../rc/current';
import { authStatus } from '../storage';
import { setupSync, type AppliedChange } from '../sync';
import { setupTargets, type Targets } from '../targets/setup';
import { announce } from '../sync/changes';
import { openStore, type Store } from '../sync/db';
import { readSnapshot } from '../sync/read';
import { setupAgentData } from './agent-data';
import { setupCapabilities } from './capabilities';
import { setupChipPush, type ChipPush } from './chip-push';
import { setupMessaging } from './handlers';
import { setupPageSettingsPush } from './page-settings';
import { restrictToTrustedContexts } from './storage-access';

const logged = (what: string) => (e: unknown) => console.error(`ThreadDesk: ${what} failed`, e);

/** What follows every committed change: one snapshot of the store for the badge, the chips and the
 *  response-time targets alike, and the notifications for what is new. */
export function afterStoreChange(deps: {
  db(): Promise<Store>;
  badge: Badge;
  chips: Pick<ChipPush, 'changed'>;
  crm: { onThreadsChanged(threadIds?: string[]): void };
  notifications: Notifications;
  targets: Pick<Targets, 'check'>;
}): (change: AppliedChange) => void {
  const run = async (change: AppliedChange) => {
    const snapshot = await readSnapshot(await deps.db());
    await Promise.all([
      deps.badge.refresh(snapshot).catch(logged('badge')),
      deps.chips.changed(change.threadIds).catch(logged('chips')),
      deps.targets.check(snapshot).catch(logged('targets')),
      // A thread arriving may release notifications that waited for it.
      deps.notifications
        .consider(change.notify ? change.writes.newMessages : [])
        .catch(logged('notification')),
    ]);
  };
  return (change) => {
    deps.crm.onThreadsChanged(change.threadIds);
    void run(change).catch(logged('store change'));
  };
}

export function startBackground(): void {
  // First, before a content script can ask for anything (docs/architecture.md, "What a CRM page's renderer
  // can read").
  restrictToTrustedContexts(browser.storage.local);
  const db = () => openStore();
  const agent = async () => agentOf(await authStatus.getValue());

  const badge = setupBadge({ db });
  const chips = setupChipPush(db);
  const crm = setupCrm({ syncDb: db });
  setupCustomSites();
  setupPageSettingsPush();
  const notifications = setupNotifications({ db, me: async () => (await agent())?.extensionId });
  const targets = setupTargets({ db, badge, notifications, me: async () => (await agent())?.extensionId });
  const presence = setupPresence();
  const sync = setupSync({
    db,
    presence,
    onChange: afterStoreChange({ db, badge, chips, crm, notifications, targets }),
    onDropped: (threadIds) => {
      void badge.refresh().catch(logged('badge'));
      void chips.changed(threadIds).catch(logged('chips'));
      void targets.check().catch(logged('targets'));
    },
  });
  const outbox = setupOutbox({
    db,
    rc: getRcClient,
    agent,
    applyLocalMessage: (message) => sync.applyLocalMessage(message),
    onChange: () => announce({ kind: 'outbox' }),
  });
  const capabilities = setupCapabilities({ signedIn: async () => !!(await agent()), getClient: getRcClient });
  const agentData = setupAgentData({ db, clearStore: () => sync.clear(), parts: [crm.agentPart] });
  const session = setupSession({
    beginAgent: (a) => agentData.begin(a),
    async onSignedIn(client) {
      // Before sync: its first answers set RingCentral's clock; push's first connect asks presence for its
      // snapshot.
      targets.start(client);
      await presence.start(client);
      await sync.start(client);
      void capabilities.refresh();
      void outbox.kick();
    },
    async onSignedOut() {
      await sync.stop();
      await presence.stop();
      await targets.stop();
      await notifications.reset().catch(logged('notifications reset'));
      await outbox.holdForSessionEnd();
      await agentData.end();
    },
  });
  setupMessaging({
    getClient: getRcClient,
    db,
    outbox,
    sync,
    session,
    refreshCapabilities: capabilities.refresh,
    chips,
    crm: crm.handlers,
    onReadsChanged: () => void badge.refresh().catch(logged('badge')),
  });
  void openPanelOnToolbarClick().catch(() => undefined);
}
