// Applies the badge model to the toolbar button. Refreshes are coalesced: a burst of store changes reads the
// store once, and a refresh asked for while one runs leads to exactly one more.
import { browser } from 'wxt/browser';
import { readReads, readSummaries, readThreads, type Store } from '../sync/db';
import { authStatus, badgeResources, capabilities, connectionStatus } from '../storage';
import { badgeModel, type BadgeHealth, type BadgeView } from './model';

export { badgeModel, type BadgeView } from './model';

let store: Store | undefined;
let running: Promise<BadgeView | undefined> | undefined;
let again = false;
let last: BadgeView | undefined;
const unwatch: Array<() => void> = [];

function healthOf(state: string | undefined): BadgeHealth {
  if (state === 'rateLimited') return 'rateLimited';
  if (state === 'unreachable' || state === 'offline') return 'unreachable';
  return 'ok';
}

/** Reads the store and settings, computes the view and sets it (only what changed). */
export async function computeBadge(db: Store): Promise<BadgeView> {
  const [threads, summaries, reads, auth, caps, resources, conn] = await Promise.all([
    readThreads(db),
    readSummaries(db),
    readReads(db),
    authStatus.getValue(),
    capabilities.getValue(),
    badgeResources.getValue(),
    connectionStatus.getValue(),
  ]);
  const me = auth.state === 'signedIn' ? (auth.user?.extensionId ?? caps?.me.extensionId) : undefined;
  const health = auth.state === 'signedIn' ? healthOf(conn.state) : 'signedOut';
  return badgeModel(threads, summaries, reads, me, resources, health);
}

async function setBadge(view: BadgeView): Promise<void> {
  const action = browser.action;
  const jobs: Array<Promise<unknown>> = [];
  if (view.text !== last?.text) jobs.push(action.setBadgeText({ text: view.text }));
  if (view.color !== last?.color) jobs.push(action.setBadgeBackgroundColor({ color: view.color }));
  if (view.title !== last?.title) jobs.push(action.setTitle({ title: view.title }));
  last = view;
  await Promise.all(jobs);
}

/** Recomputes and applies the badge; resolves with what was shown. */
export function refreshBadge(): Promise<BadgeView | undefined> {
  if (!store) return Promise.resolve(undefined);
  if (running) {
    again = true;
    return running;
  }
  const db = store;
  running = (async () => {
    let view: BadgeView | undefined;
    do {
      again = false;
      view = await computeBadge(db);
      await setBadge(view);
    } while (again);
    return view;
  })().finally(() => {
    running = undefined;
  });
  return running;
}

/** Starts keeping the badge current with the store and the settings it depends on. */
export function startBadge(db: Store): void {
  stopBadge();
  store = db;
  const refresh = () => void refreshBadge().catch((e) => console.error('ThreadDesk: badge failed', e));
  unwatch.push(
    authStatus.watch(refresh),
    // Only a change of health matters; lastSyncAt ticks on every sync.
    connectionStatus.watch((now, before) => {
      if (healthOf(now.state) !== healthOf(before?.state)) refresh();
    }),
    badgeResources.watch(refresh),
    capabilities.watch(refresh),
  );
  refresh();
}

export function stopBadge(): void {
  for (const u of unwatch.splice(0)) u();
  store = undefined;
  last = undefined;
}
