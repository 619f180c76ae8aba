// Applies the badge model to the toolbar button. Refreshes are coalesced: a burst of store changes leads to
// one read, and a refresh asked for while one runs leads to exactly one more.
import { browser } from 'wxt/browser';
import { agentOf } from '../auth/agent';
import {
  authStatus,
  badgeResources,
  capabilities,
  connectionStatus,
  responseTargets,
  serverClock,
} from '../storage';
import { type Store } from '../sync/db';
import { readSnapshot, type StoreSnapshot } from '../sync/read';
import { serverNow } from '../targets/server-clock';
import { targetsOf, validTargets } from '../targets/targets';
import { coalesce } from '../util/coalesce';
import { badgeModel, type BadgeHealth, type BadgeView } from './model';

export { badgeModel, type BadgeView } from './model';

function healthOf(state: string | undefined): BadgeHealth {
  if (state === 'rateLimited') return 'rateLimited';
  if (state === 'unreachable' || state === 'offline') return 'unreachable';
  return 'ok';
}

/** Computes the view from a store snapshot and the settings it depends on. */
export async function computeBadge(snapshot: StoreSnapshot): Promise<BadgeView> {
  const [auth, resources, conn, caps, rawTargets, clock] = await Promise.all([
    authStatus.getValue(),
    badgeResources.getValue(),
    connectionStatus.getValue(),
    capabilities.getValue(),
    responseTargets.getValue(),
    serverClock.getValue(),
  ]);
  const me = agentOf(auth)?.extensionId;
  const health = me ? healthOf(conn.state) : 'signedOut';
  const { threads, summaries, reads } = snapshot;
  const targets = validTargets(rawTargets);
  const standing =
    targets.size > 0
      ? targetsOf(threads, summaries, caps?.resources ?? [], targets, serverNow(clock))
      : undefined;
  return badgeModel(threads, summaries, reads, me, resources, health, standing);
}

export interface Badge {
  /** Recomputes and applies the badge (from `snapshot` when the caller read one); resolves with the view. */
  refresh(snapshot?: StoreSnapshot): Promise<BadgeView>;
}

/** Keeps the badge current with the settings it depends on; store changes call refresh. */
export function setupBadge(deps: { db(): Promise<Store> }): Badge {
  let last: BadgeView | undefined;
  let given: StoreSnapshot | undefined;

  const apply = async (view: BadgeView) => {
    const action = browser.action;
    const jobs: Array<Promise<unknown>> = [];
    if (view.text !== last?.text) jobs.push(action.setBadgeText({ text: view.text }));
    if (view.color !== last?.color) jobs.push(action.setBadgeBackgroundColor({ color: view.color }));
    if (view.title !== last?.title) jobs.push(action.setTitle({ title: view.title }));
    last = view;
    await Promise.all(jobs);
  };

  const run = coalesce(async () => {
    const snapshot = given ?? (await readSnapshot(await deps.db()));
    given = undefined;
    const view = await computeBadge(snapshot);
    await apply(view);
    return view;
  });

  const refresh = (snapshot?: StoreSnapshot) => {
    given = snapshot;
    return run();
  };
  const onSettings = () => void refresh().catch((e) => console.error('ThreadDesk: badge failed', e));
  authStatus.watch(onSettings);
  // Only a change of health matters; lastSyncAt ticks on every sync.
  connectionStatus.watch((now, before) => {
    if (healthOf(now.state) !== healthOf(before?.state)) onSettings();
  });
  badgeResources.watch(onSettings);
  capabilities.watch(onSettings);
  responseTargets.watch(onSettings);
  serverClock.watch(onSettings);
  onSettings();
  return { refresh };
}
