// Response-time targets on RingCentral's clock, wired as in the worker (lib/background/root.ts): the emulator's
// clock, moved by its control API, reaches the extension through the Date headers of its answers; the badge
// counts and colours, and one notification tells of the thread that became overdue — not again after a
// worker restart.
import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { fakeBrowser } from 'wxt/testing';
import { browser } from 'wxt/browser';
import { afterStoreChange } from '../../lib/background/root';
import { setupBadge } from '../../lib/badge';
import { BADGE_COLORS } from '../../lib/badge/model';
import { refreshCapabilities } from '../../lib/capabilities/refresh';
import { setupNotifications } from '../../lib/notifications';
import type { RcClient } from '../../lib/rc/client';
import {
  authStatus,
  connectionStatus,
  overdueNotices,
  responseTargets,
  serverClock,
} from '../../lib/storage';
import { setupSync, type AppliedChange, type Sync } from '../../lib/sync/index';
import type { Store } from '../../lib/sync/db';
import { setupTargets, TARGETS_ALARM } from '../../lib/targets/setup';
import { customer, eventually, findTeam, freshDb, startWorld, type Team, type World } from './sync-harness';
import { setupPresence } from '../../lib/presence';

const MIN = 60_000;
let sync: Sync | undefined;
let world: World;
let team: Team;
let me: RcClient;

beforeAll(async () => {
  world = await startWorld();
  team = await findTeam(world, 1);
  me = await world.login(team.agents[0]!);
});

afterAll(async () => {
  await sync?.stop();
  await world?.close();
});

beforeEach(() => {
  fakeBrowser.reset();
});

/** The background's parts as root.ts composes them, on one store. */
function wire(db: Store) {
  const store = async () => db;
  const myId = async () => team.agents[0]!.extensionId;
  const badge = setupBadge({ db: store });
  const notifications = setupNotifications({ db: store, me: myId });
  const targets = setupTargets({ db: store, badge, notifications, me: myId });
  const onChange = afterStoreChange({
    db: store,
    badge,
    chips: { changed: async () => undefined },
    crm: { onThreadsChanged: () => undefined },
    notifications,
    targets,
  });
  return { badge, targets, onChange };
}

const title = () => browser.action.getTitle({});
const overdueShown = async () =>
  Object.keys(await browser.notifications.getAll()).filter((id) => id.startsWith('overdue:'));
/** The badge colour as the browser reports it: RGBA bytes. */
const hex = (color: string) => [1, 3, 5].map((i) => parseInt(color.slice(i, i + 2), 16)).concat(255);
const countsOf = (text: string) => {
  const m = /· (\d+) at risk · (\d+) overdue$/.exec(text);
  return m ? { atRisk: Number(m[1]), overdue: Number(m[2]) } : undefined;
};
const advance = (minutes: number) => world.control('clock', { advanceSeconds: minutes * 60 });

describe('targets on the emulator clock', () => {
  it('marks at risk and overdue as the emulator clock moves, and notifies once, across a restart', async () => {
    await authStatus.setValue({
      state: 'signedIn',
      user: {
        extensionId: team.agents[0]!.extensionId,
        accountId: team.accountId,
        name: 'Me',
        server: world.url,
      },
    });
    await refreshCapabilities(me);
    await responseTargets.setValue({ [team.resourceId]: { firstReplyMinutes: 10 } });
    const db = await freshDb();
    const { targets, onChange } = wire(db);
    targets.start(me);
    sync = setupSync({
      db: async () => db,
      presence: setupPresence(),
      onChange: (c: AppliedChange) => onChange(c),
      onDropped: () => undefined,
    });
    await sync.start(me, { db });
    await eventually(async () => (await connectionStatus.getValue()).pushConnected);
    await eventually(async () => (await serverClock.getValue()) !== null);

    await world.control('inbound', { from: customer(710), to: team.sharedNumber, text: 'Anyone there?' });
    const threadId = await eventually(
      async () => (await db.getAll('threads')).find((t) => t.guestParty?.phoneNumber === customer(710))?.id,
    );
    // The seed's older threads are already overdue (hours old); none of them was news to this session.
    const start = await eventually(async () => countsOf(await title()));
    // The next change is scheduled at the thread's at-risk instant, in local time.
    const alarm = await eventually(() => browser.alarms.get(TARGETS_ALARM));
    expect(alarm.scheduledTime).toBeGreaterThan(Date.now() + 7 * MIN - 5_000);
    expect(alarm.scheduledTime).toBeLessThan(Date.now() + 8 * MIN);

    // 8 of 10 minutes on RingCentral's clock: at risk, once an answer has carried the new time.
    await advance(8);
    await sync.syncNow();
    const offset = await eventually(async () => {
      const clock = await serverClock.getValue();
      return clock && clock.offsetMs > 7 * MIN ? clock.offsetMs : undefined;
    });
    expect(offset).toBeLessThan(8 * MIN + 5_000);
    await eventually(async () => countsOf(await title())?.atRisk === start.atRisk + 1);
    expect(countsOf(await title())?.overdue).toBe(start.overdue);
    expect(await overdueShown()).toEqual([]);

    await advance(3);
    await sync.syncNow();
    await eventually(async () => countsOf(await title())?.overdue === start.overdue + 1);
    expect(countsOf(await title())?.atRisk).toBe(start.atRisk);
    expect(await browser.action.getBadgeBackgroundColor({})).toEqual(hex(BADGE_COLORS.overdue));
    const notes = await eventually(async () => {
      const all = await browser.notifications.getAll();
      return all[`overdue:${threadId}`] ? all : undefined;
    });
    expect(await overdueShown()).toEqual([`overdue:${threadId}`]);
    expect(notes[`overdue:${threadId}`]).toMatchObject({
      title: `Overdue: ${customer(710)}`,
      message: expect.stringContaining('First reply overdue'),
    });
    const memory = await overdueNotices.getValue();
    expect(memory?.told[threadId]).toBeDefined();

    // A restarted worker (new parts, the same storage) checks again and tells nobody twice.
    await browser.notifications.clear(`overdue:${threadId}`);
    const restarted = wire(db);
    restarted.targets.start(me);
    await restarted.targets.check();
    await advance(1);
    await sync.syncNow();
    await restarted.targets.check();
    expect(await overdueShown()).toEqual([]);
    // The memory survived: the session did not start over (which would also stay silent, for another reason).
    expect((await overdueNotices.getValue())?.since).toBe(memory?.since);
    expect((await overdueNotices.getValue())?.told[threadId]).toBe(memory?.told[threadId]);
  });
});
