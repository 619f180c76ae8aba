// The whole data side wired as in the worker (startSync): a push from the emulator reaches the store, the
// badge and a notification; the initial FSync backlog notifies nobody; the store change is announced.
import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { fakeBrowser } from 'wxt/testing';
import { browser } from 'wxt/browser';
import type { RcClient } from '../../lib/rc/client';
import { authStatus, connectionStatus } from '../../lib/storage';
import { STORE_CHANNEL, isStoreChange, type StoreChange } from '../../lib/sync/changes';
import { afterStoreChange } from '../../lib/background/root';
import { setupBadge } from '../../lib/badge';
import { setupNotifications } from '../../lib/notifications';
import { setupTargets } from '../../lib/targets/setup';
import { setupSync, type AppliedChange, type Sync } from '../../lib/sync/index';
import { customer, eventually, findTeam, freshDb, startWorld, type Team, type World } from './sync-harness';
import { setupPresence } from '../../lib/presence';

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

describe('badge, notifications and announcements from a push', () => {
  it('updates the badge and notifies for a new inbound text, but not for the FSync backlog', async () => {
    await world.control('inbound', { from: customer(900), to: team.sharedNumber, text: 'backlog' });
    await authStatus.setValue({
      state: 'signedIn',
      user: {
        extensionId: team.agents[0]!.extensionId,
        accountId: team.accountId,
        name: 'Me',
        server: world.url,
      },
    });
    const announced: StoreChange[] = [];
    const channel = new BroadcastChannel(STORE_CHANNEL);
    channel.onmessage = (e: MessageEvent) => {
      if (isStoreChange(e.data)) announced.push(e.data);
    };
    let hooked = 0;
    const db = await freshDb();
    const store = async () => db;
    // Wired as lib/background/root.ts wires it.
    const badge = setupBadge({ db: store });
    const myId = async () => team.agents[0]!.extensionId;
    const notifications = setupNotifications({ db: store, me: myId });
    const onChange = afterStoreChange({
      db: store,
      badge,
      chips: { changed: async () => void hooked++ },
      crm: { onThreadsChanged: () => undefined },
      notifications,
      targets: setupTargets({ db: store, badge, notifications, me: myId }),
    });
    sync = setupSync({
      db: store,
      presence: setupPresence(),
      onChange: (c: AppliedChange) => onChange(c),
      onDropped: () => undefined,
    });
    await sync.start(me, { db });
    await eventually(async () => (await connectionStatus.getValue()).pushConnected);
    await eventually(async () => (await connectionStatus.getValue()).lastSyncAt);
    await eventually(async () => (await browser.action.getBadgeText({})) !== '');
    const before = Number(await browser.action.getBadgeText({}));
    expect(before).toBeGreaterThan(0);
    expect(Object.keys(await browser.notifications.getAll())).toEqual([]);

    await world.control('inbound', { from: customer(901), to: team.sharedNumber, text: 'Is the shop open?' });
    await eventually(async () => Number(await browser.action.getBadgeText({})) === before + 1);
    const notes = await eventually(async () => {
      const all = await browser.notifications.getAll();
      return Object.keys(all).length > 0 && all;
    });
    const [id, note] = Object.entries(notes)[0]!;
    const thread = (await db.getAll('threads')).find((t) => t.guestParty?.phoneNumber === customer(901));
    expect(id).toBe(thread?.id);
    expect(note).toMatchObject({ title: customer(901) });
    expect(await browser.action.getTitle({})).toMatch(/unassigned · \d+ mine · \d+ unread/);
    await eventually(async () => announced.some((c) => c.threadIds?.includes(thread!.id)));
    expect(hooked).toBeGreaterThan(0);

    channel.close();
    await sync.stop();
    expect((await connectionStatus.getValue()).pushConnected).toBe(false);
  });
});
