// Membership changes and a degraded push subscription, against the real emulator through the official SDK and
// @ringcentral/subscriptions: the grant push event and the periodic grants check both lead to a capabilities
// read; a changed resource set drops both sync tokens, runs FSync, and removes the threads (Open and Resolved)
// of the resource the agent no longer handles. disabledFilters of the subscription are read and reported.
import { afterAll, afterEach, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { fakeBrowser } from 'wxt/testing';
import { checkCapabilities, refreshCapabilities } from '../../lib/capabilities/refresh';
import { PushChannel } from '../../lib/push/channel';
import type { PushDegradation } from '../../lib/push/events';
import { capabilities } from '../../lib/storage';
import { readThreads } from '../../lib/sync/read';
import { loadResolved } from '../../lib/sync/history';
import { watchMembership } from '../../lib/sync/membership';
import { tokenKey } from '../../lib/sync/stream';
import { signedInJwtClient, startTestEmulator, type TestEmulator } from './auth-helpers';
import type { SeededUser } from '../support/emulator.ts';
import { engineRig, eventually } from './sync-harness';

let t: TestEmulator;
const channels: PushChannel[] = [];

beforeAll(async () => {
  t = await startTestEmulator();
});
afterAll(() => t.close());
beforeEach(() => fakeBrowser.reset());
afterEach(async () => {
  for (const c of channels.splice(0)) await c.stop();
  await t.control('faults', { disabledFilters: [] });
});

// auth-helpers types users without their resources; the shared emulator client returns them whole.
const queueOf = (name: string) =>
  (t.user(name) as unknown as SeededUser).handles.find((h) => h.type === 'Department')!.id;

describe('membership changes', { timeout: 120_000 }, () => {
  it('the grants check notices a removal: tokens dropped, FSync, the queue’s threads leave the store', async () => {
    const client = await signedInJwtClient(t, 'Avery');
    const avery = t.user('Avery').extensionId;
    const queue = queueOf('Avery');
    const caps = await refreshCapabilities(client);
    expect(caps.resources.map((r) => r.id)).toContain(queue);
    const rig = await engineRig(client);
    const dropped: string[][] = [];
    const off = watchMembership(rig.engine, rig.db, (ids) => dropped.push(ids));
    await rig.engine.syncNow();
    await loadResolved(client, rig.engine, 1);
    const before = await readThreads(rig.db);
    const ofQueue = before.filter((x) => x.owner.extensionId === queue);
    expect(ofQueue.some((x) => x.status === 'Open')).toBe(true);
    expect(ofQueue.some((x) => x.status === 'Resolved')).toBe(true);
    const others = before.filter((x) => x.owner.extensionId !== queue && x.status === 'Open');
    const tokens = [
      await rig.db.get('meta', tokenKey('threads')),
      await rig.db.get('meta', tokenKey('entries')),
    ];

    await t.control('membership', { resourceId: queue, extensionId: avery, member: false });
    // The periodic check: one grants request sees the queue gone and reads the capabilities again.
    const after = await checkCapabilities(client);
    expect(after.resources.map((r) => r.id)).not.toContain(queue);

    await eventually(
      async () =>
        dropped.length === 1 &&
        rig.engine.stats.fsyncs.threads === 2 &&
        rig.engine.stats.fsyncs.entries === 2,
    );
    await rig.engine.syncNow();
    const left = await readThreads(rig.db);
    expect(left.filter((x) => x.owner.extensionId === queue)).toEqual([]);
    expect(dropped[0]!.sort()).toEqual(ofQueue.map((x) => x.id).sort());
    // Threads of the resources still handled stay.
    expect(
      left
        .filter((x) => x.status === 'Open')
        .map((x) => x.id)
        .sort(),
    ).toEqual(others.map((x) => x.id).sort());
    expect(await rig.db.get('meta', tokenKey('threads'))).not.toBe(tokens[0]);
    expect(await rig.db.get('meta', tokenKey('entries'))).not.toBe(tokens[1]);
    off();
    rig.engine.stop();
    await t.control('membership', { resourceId: queue, extensionId: avery, member: true });
  });

  it('an unchanged membership costs one grants request and no reset', async () => {
    const client = await signedInJwtClient(t, 'Jordan');
    const first = await refreshCapabilities(client);
    const again = await checkCapabilities(client);
    expect(again).toEqual(first);
    expect((await capabilities.getValue())?.fetchedAt).toBe(first.fetchedAt);
  });

  it('the grant push event asks for the capabilities, and a membership added shows up', async () => {
    const client = await signedInJwtClient(t, 'Jordan');
    const jordan = t.user('Jordan').extensionId;
    const queue = queueOf('Jordan');
    let grants = 0;
    const push = new PushChannel({
      sdk: client.sdk,
      budget: client.budget,
      onEvent: () => undefined,
      onResync: () => undefined,
      onGrant: () => grants++,
    });
    channels.push(push);
    await push.start();
    expect(push.connected).toBe(true);
    expect(push.degradation).toEqual({ streams: [], grant: false, filters: [] });
    await t.control('membership', { resourceId: queue, extensionId: jordan, member: false });
    await eventually(async () => grants === 1);
    await t.control('membership', { resourceId: queue, extensionId: jordan, member: true });
    await eventually(async () => grants === 2);
  });
});

describe('a push subscription that says it is degraded', { timeout: 60_000 }, () => {
  it('reads disabledFilters: a thread filter that will not be delivered is reported', async () => {
    await t.control('faults', { disabledFilters: ['/restapi/v1.0/account/~/message-threads/entries/sync'] });
    const client = await signedInJwtClient(t, 'Avery');
    const seen: PushDegradation[] = [];
    const push = new PushChannel({
      sdk: client.sdk,
      budget: client.budget,
      onEvent: () => undefined,
      onResync: () => undefined,
      onDegraded: (d) => seen.push(d),
    });
    channels.push(push);
    await push.start();
    expect(push.connected).toBe(true);
    expect(seen).toHaveLength(1);
    expect(seen[0]).toMatchObject({ streams: ['entries'], grant: false });
    expect(seen[0]!.filters[0]).toMatch(/\/message-threads\/entries\/sync$/);
  });
});
