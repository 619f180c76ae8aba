// The sync engine against the real emulator: FSync/ISync convergence, invalid-token fallback, push-triggered
// ISync and burst coalescing.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { PushChannel } from '../../lib/push/channel';
import { assignThread, deleteThread, resolveThread, sendMessage } from '../../lib/rc/api';
import type { RcClient } from '../../lib/rc/client';
import { loadHistory, loadResolved } from '../../lib/sync/history';
import { readEntries } from '../../lib/sync/read';
import { tokenKey } from '../../lib/sync/stream';
import {
  actualIn,
  customer,
  engineRig,
  eventually,
  expectedFor,
  findTeam,
  startWorld,
  type Team,
  type World,
} from './sync-harness';

let world: World;
let team: Team;
let me: RcClient;
/** A second handler: tests late in the file use their own Medium budget. */
let colleague: RcClient;

beforeAll(async () => {
  world = await startWorld();
  team = await findTeam(world, 2);
  me = await world.login(team.agents[0]!);
  colleague = await world.login(team.agents[1]!);
});

afterAll(async () => {
  await world?.close();
});

async function expectConverged(db: Parameters<typeof actualIn>[0], agent = team.agents[0]!) {
  const [expected, actual] = await Promise.all([expectedFor(world, agent.extensionId), actualIn(db)]);
  expect(actual.open).toEqual(expected.open);
  expect(actual.messages).toEqual(expected.messages);
}

// One agent's Medium-group budget (32 of 40 a minute) is shared by all tests here, so later tests may wait for it.
describe('sync engine against the emulator', { timeout: 150_000 }, () => {
  it('FSync then ISync converge with the server state', async () => {
    const rig = await engineRig(me);
    await rig.engine.syncNow();
    expect(rig.engine.stats.fsyncs).toEqual({ threads: 1, entries: 1 });
    await expectConverged(rig.db);

    await world.control('inbound', {
      from: customer(1),
      to: team.sharedNumber,
      text: 'Hello, anyone there?',
    });
    await rig.engine.syncNow();
    expect(rig.engine.stats.fsyncs).toEqual({ threads: 1, entries: 1 });
    await expectConverged(rig.db);
    const thread = (await rig.db.getAll('threads')).find((t) => t.guestParty?.phoneNumber === customer(1));
    expect(thread?.status).toBe('Open');
    const entries = await readEntries(rig.db, thread!.id);
    expect(entries.some((e) => e.recordType === 'AliveMessage' && e.text === 'Hello, anyone there?')).toBe(
      true,
    );
    const summary = await rig.db.get('summaries', thread!.id);
    expect(summary).toMatchObject({ preview: 'Hello, anyone there?', previewDirection: 'Inbound' });
    // ISync of an unchanged server writes nothing new.
    const before = rig.changes.length;
    await rig.engine.syncNow();
    expect(rig.changes.length).toBe(before);
    rig.engine.stop();

    // A restarted worker finds both tokens in IndexedDB and only ISyncs.
    await world.control('inbound', { from: customer(1), to: team.sharedNumber, text: 'while you were away' });
    const restarted = await engineRig(me, {}, rig.db);
    await restarted.engine.start();
    expect(restarted.engine.stats.fsyncs).toEqual({ threads: 0, entries: 0 });
    await expectConverged(rig.db);
    restarted.engine.stop();
  });

  it('falls back to FSync when the server refuses a sync token', async () => {
    const rig = await engineRig(me);
    await rig.engine.syncNow();
    await rig.db.put('meta', 'not-a-token', tokenKey('threads'));
    await world.control('inbound', { from: customer(2), to: team.sharedNumber, text: 'token test' });
    await rig.engine.syncNow();
    expect(rig.engine.stats.fsyncs.threads).toBe(2);
    expect(rig.engine.stats.fsyncs.entries).toBe(1);
    expect(await rig.db.get('meta', tokenKey('threads'))).not.toBe('not-a-token');
    await expectConverged(rig.db);

    rig.engine.stop();
  });

  it('a push triggers an ISync of the right stream', async () => {
    const rig = await engineRig(me);
    await rig.engine.syncNow();
    const push = new PushChannel({
      sdk: me.sdk,
      budget: me.budget,
      onEvent: (kind) => void rig.engine.trigger(kind),
      onResync: () => undefined,
    });
    await push.start();
    expect(push.connected).toBe(true);
    const text = `push ${Date.now()}`;
    const arrived = rig.waitForChange((c) => c.writes.newMessages.some((m) => m.text === text));
    await world.control('inbound', { from: customer(3), to: team.sharedNumber, text });
    const change = await arrived;
    expect(change.notify).toBe(true);
    expect(push.stats.events).toBeGreaterThanOrEqual(1);
    await push.stop();
    rig.engine.stop();
  });

  it('keeps the socket busy with heartbeats well inside the 30 s worker budget', async () => {
    const push = new PushChannel({
      sdk: me.sdk,
      budget: me.budget,
      onEvent: () => undefined,
      onResync: () => undefined,
      heartbeatMs: 300,
    });
    await push.start();
    const before = push.stats.frames;
    await new Promise((r) => setTimeout(r, 1_600));
    // Only heartbeat replies arrive on an idle socket: one per heartbeat interval.
    expect(push.stats.frames - before).toBeGreaterThanOrEqual(4);
    await push.stop();
  });

  it('coalesces a burst: 100 inbound messages in 10 s cost a handful of ISyncs', async () => {
    const rig = await engineRig(me);
    await rig.engine.syncNow();
    const push = new PushChannel({
      sdk: me.sdk,
      budget: me.budget,
      onEvent: (kind) => void rig.engine.trigger(kind),
      onResync: () => undefined,
    });
    await push.start();
    const before = { ...rig.engine.stats.requests };
    for (let i = 0; i < 100; i++) {
      await world.control('inbound', {
        from: customer(100 + (i % 20)),
        to: team.sharedNumber,
        text: `burst ${i}`,
      });
      await new Promise((r) => setTimeout(r, 100));
    }
    await eventually(async () => {
      const texts = (await rig.db.getAll('entries')).map((e) => ('text' in e ? e.text : undefined));
      return texts.includes('burst 99');
    });
    await eventually(async () => !rig.engine.streams.threads.busy && !rig.engine.streams.entries.busy);
    const used = {
      threads: rig.engine.stats.requests.threads - before.threads,
      entries: rig.engine.stats.requests.entries - before.entries,
    };
    console.info('burst: sync requests for 100 inbound messages', used, 'push events', push.stats.events);
    expect(push.stats.events).toBeGreaterThanOrEqual(100);
    expect(used.threads + used.entries).toBeLessThanOrEqual(20);
    await expectConverged(rig.db);
    await push.stop();
    rig.engine.stop();
  });

  it('local echoes of our own actions are kept once and not re-announced as new by the next ISync', async () => {
    const rig = await engineRig(colleague);
    await world.control('inbound', { from: customer(50), to: team.sharedNumber, text: 'need help' });
    await rig.engine.syncNow();
    const thread = (await rig.db.getAll('threads')).find((t) => t.guestParty?.phoneNumber === customer(50))!;
    await rig.engine.applyLocalThread(await assignThread(colleague, thread.id, team.agents[1]!.extensionId));
    expect((await rig.db.get('threads', thread.id))?.assignee?.extensionId).toBe(team.agents[1]!.extensionId);
    const sent = await sendMessage(colleague, {
      threadId: thread.id,
      from: team.sharedNumber,
      to: customer(50),
      text: 'On it',
    });
    await rig.engine.applyLocalMessage(sent);
    expect((await rig.db.get('summaries', thread.id))?.previewDirection).toBe('Outbound');
    const seen = rig.changes.length;
    await rig.engine.syncNow();
    const later = rig.changes.slice(seen).flatMap((c) => c.writes.newMessages.map((m) => m.id));
    expect(later).not.toContain(sent.id);
    const ours = (await readEntries(rig.db, thread.id)).filter(
      (e) => e.recordType === 'AliveMessage' && e.text === 'On it',
    );
    expect(ours).toHaveLength(1);
    await expectConverged(rig.db, team.agents[1]!);
    rig.engine.stop();
  });

  it('loads Resolved threads and a thread history on demand', async () => {
    const rig = await engineRig(colleague);
    await world.control('inbound', { from: customer(60), to: team.sharedNumber, text: 'first' });
    await world.control('inbound', { from: customer(60), to: team.sharedNumber, text: 'second' });
    await rig.engine.syncNow();
    const thread = (await rig.db.getAll('threads')).find((t) => t.guestParty?.phoneNumber === customer(60))!;
    await resolveThread(colleague, thread.id);
    // A fresh store (another device): FSync brings only Open threads.
    const other = await engineRig(colleague);
    await other.engine.syncNow();
    expect(await other.db.get('threads', thread.id)).toBeUndefined();
    let page = 1;
    for (;;) {
      const result = await loadResolved(colleague, other.engine, page++);
      if (!result.more) break;
    }
    expect((await other.db.get('threads', thread.id))?.status).toBe('Resolved');
    const history = await loadHistory(colleague, other.db, other.engine, thread.id);
    expect(history).toMatchObject({ more: false, loaded: 2 });
    const texts = (await readEntries(other.db, thread.id)).map((e) => ('text' in e ? e.text : undefined));
    expect(texts).toEqual(['first', 'second']);
    expect(await loadHistory(colleague, other.db, other.engine, thread.id)).toMatchObject({
      more: false,
      loaded: 0,
    });
    rig.engine.stop();
    other.engine.stop();
  });

  it('a thread another agent deletes disappears with its entries at the next ISync (no push for deletes)', async () => {
    const rig = await engineRig(colleague);
    await world.control('inbound', { from: customer(70), to: team.sharedNumber, text: 'delete me' });
    await rig.engine.syncNow();
    const thread = (await rig.db.getAll('threads')).find((t) => t.guestParty?.phoneNumber === customer(70))!;
    expect(await readEntries(rig.db, thread.id)).not.toEqual([]);
    await deleteThread(me, thread.id);
    await rig.engine.syncNow();
    expect(await rig.db.get('threads', thread.id)).toBeUndefined();
    expect(await readEntries(rig.db, thread.id)).toEqual([]);
    expect(await rig.db.get('summaries', thread.id)).toBeUndefined();
    await expectConverged(rig.db, team.agents[1]!);
    rig.engine.stop();
  });

  // Last: moving the clock 8 days ends every session and token, so it must not precede the other tests.
  it('after a worker restart, a token the server expired (MSG-411) falls back to FSync', async () => {
    const first = await engineRig(me);
    await first.engine.syncNow();
    first.engine.stop();
    await world.control('clock', { advanceSeconds: 8 * 24 * 3600 });
    // A restarted worker: a new session and engine over the same store, tokens read from IndexedDB.
    const client = await world.login(team.agents[0]!);
    const restarted = await engineRig(client, {}, first.db);
    await restarted.engine.start();
    expect(restarted.engine.stats.fsyncs).toEqual({ threads: 1, entries: 1 });
    expect(restarted.engine.stats.requests).toEqual({ threads: 2, entries: 2 });
    await expectConverged(restarted.db);
    restarted.engine.stop();
  });
});
