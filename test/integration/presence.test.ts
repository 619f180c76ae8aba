// Presence wired as in the worker (lib/background/root.ts: setupPresence feeding on setupSync's push): the REST snapshot fills the presence item with the handlers
// of the agent's resources, and a change set on the emulator arrives through the account presence filter.
import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { fakeBrowser } from 'wxt/testing';
import { refreshCapabilities } from '../../lib/capabilities/refresh';
import type { RcClient } from '../../lib/rc/client';
import { setupPresence, type Presence } from '../../lib/presence';
import { authStatus, connectionStatus, presence } from '../../lib/storage';
import { setupSync } from '../../lib/sync/index';
import { eventually, freshDb, startWorld, type World } from './sync-harness';

let sync: ReturnType<typeof setupSync> | undefined;
let feed: Presence | undefined;
let world: World;
let me: RcClient;
const id = (name: string) => {
  const user = world.credentials.users.find((u) => u.name.startsWith(name));
  if (!user) throw new Error(`no ${name}`);
  return user.extensionId;
};

beforeAll(async () => {
  world = await startWorld();
  me = await world.login(world.credentials.users.find((u) => u.name.startsWith('Avery'))!);
});

afterAll(async () => {
  await sync?.stop();
  await feed?.stop();
  await world?.close();
});

beforeEach(() => {
  fakeBrowser.reset();
});

describe('presence of the handlers', () => {
  it('reads every handler once, then follows the account presence filter', async () => {
    await authStatus.setValue({
      state: 'signedIn',
      user: { extensionId: id('Avery'), accountId: '850000001', name: 'Avery', server: world.url },
    });
    // The worker's order: sync and push start first, the capabilities (and so the handlers) arrive after.
    const db = await freshDb();
    feed = setupPresence();
    sync = setupSync({
      db: async () => db,
      presence: feed,
      onChange: () => undefined,
      onDropped: () => undefined,
    });
    await feed.start(me);
    await sync.start(me, { db });
    await eventually(async () => (await connectionStatus.getValue()).pushConnected);
    await refreshCapabilities(me);
    const first = await eventually(async () => {
      const map = await presence.getValue();
      return Object.keys(map).length >= 4 ? map : undefined;
    });
    expect(Object.fromEntries(Object.entries(first).map(([k, v]) => [k, v.kind]))).toEqual({
      [id('Avery')]: 'available',
      [id('Jordan')]: 'busy',
      [id('Sam')]: 'dnd',
      [id('Taylor')]: 'offline',
    });

    const started = performance.now();
    await world.control('presence', { extensionId: id('Taylor'), userStatus: 'Available' });
    await eventually(async () => (await presence.getValue())[id('Taylor')]?.kind === 'available');
    const latency = performance.now() - started;
    console.info(`presence: emulator change → presence item in ${latency.toFixed(0)} ms`);

    // Someone who handles none of my resources is not kept.
    await world.control('presence', { extensionId: id('Morgan'), userStatus: 'Busy' });
    await world.control('presence', { extensionId: id('Jordan'), dndStatus: 'DoNotAcceptAnyCalls' });
    await eventually(async () => (await presence.getValue())[id('Jordan')]?.kind === 'dnd');
    expect((await presence.getValue())[id('Morgan')]).toBeUndefined();

    await sync.stop();
    await feed.stop();
    expect(await presence.getValue()).toEqual({});
  });
});
