// mthSyncThreads and mthSyncEntries (docs/emulator.md "Message threads"): FSync contents and order, ISync of exactly what
// changed (resolved and deleted included), every entries scope, hints as records, and invalid tokens → 400.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { SDK } from '@ringcentral/sdk';
import {
  errorOf,
  getJson,
  MTH,
  postJson,
  signedIn,
  startTestEmulator,
  type TestEmulator,
} from './test-support.ts';

const QUEUE = '+15559870100';
let t: TestEmulator;
let avery: SDK, jordan: SDK, sam: SDK;
let me: Record<string, string>;

interface SyncList<T> {
  records: T[];
  syncInfo: { syncType: string; syncToken: string; syncTime: string };
}
interface Thread {
  id: string;
  status: string;
  availability: string;
  lastModifiedTime: string;
  assignee?: { extensionId: string };
}
interface Entry {
  recordType: string;
  id: string;
  threadId: string;
  lastModifiedTime: string;
  availability?: string;
  initiator?: { extensionId: string };
  assignee?: { extensionId: string };
  previousAssignee?: { extensionId: string };
  text?: string;
}

let n = 0;
const customer = () => `+1555018${String(1000 + n++).padStart(4, '0')}`;
const inbound = (from: string, text: string) =>
  t.control<{ thread: Thread; message: { id: string } }>('inbound', { from, to: QUEUE, text });
const syncThreads = (sdk: SDK, query: Record<string, unknown> = {}) =>
  getJson<SyncList<Thread>>(sdk, `${MTH}/sync`, query);
const syncEntries = (sdk: SDK, query: Record<string, unknown> = {}) =>
  getJson<SyncList<Entry>>(sdk, `${MTH}/entries/sync`, query);
const assign = (sdk: SDK, id: string, extensionId: string | null) =>
  postJson(sdk, `${MTH}/${id}/assign`, { assignee: extensionId ? { extensionId } : null });
const sortedDesc = (records: { lastModifiedTime: string }[]) =>
  records.every((r, i) => i === 0 || (records[i - 1]?.lastModifiedTime ?? '') >= r.lastModifiedTime);

beforeAll(async () => {
  t = await startTestEmulator();
  avery = await signedIn(t, 'Avery');
  jordan = await signedIn(t, 'Jordan');
  sam = await signedIn(t, 'Sam');
  me = {
    avery: t.user('Avery').extensionId,
    jordan: t.user('Jordan').extensionId,
    sam: t.user('Sam').extensionId,
  };
});
afterAll(() => t.stop());

describe('mthSyncThreads', () => {
  it('FSync returns the Open, Alive threads the caller handles, newest change first', async () => {
    const full = await syncThreads(avery);
    expect(full.syncInfo).toMatchObject({
      syncType: 'FSync',
      syncToken: expect.any(String),
      syncTime: expect.any(String),
    });
    expect(full.records.length).toBeGreaterThan(10);
    expect(full.records.every((r) => r.status === 'Open' && r.availability === 'Alive')).toBe(true);
    expect(sortedDesc(full.records)).toBe(true);
    const listed = await getJson<{ records: Thread[] }>(avery, MTH, { threadStatus: 'Open', perPage: 1000 });
    expect(new Set(full.records.map((r) => r.id))).toEqual(new Set(listed.records.map((r) => r.id)));
  });

  it('ISync returns exactly the threads changed since the token, including resolved and deleted ones', async () => {
    const start = await syncThreads(avery);
    const a = await inbound(customer(), 'new thread');
    const b = await inbound(customer(), 'to resolve');
    const c = await inbound(customer(), 'to delete');
    await postJson(jordan, `${MTH}/${b.thread.id}/resolve`);
    await jordan.platform().delete(`${MTH}/${c.thread.id}`);
    const first = start.records[0];
    if (!first) throw new Error('seed has open threads');
    await assign(jordan, first.id, me.jordan ?? '');

    const changed = await syncThreads(avery, { syncType: 'ISync', syncToken: start.syncInfo.syncToken });
    expect(changed.syncInfo.syncType).toBe('ISync');
    const byId = Object.fromEntries(changed.records.map((r) => [r.id, r]));
    expect(Object.keys(byId).sort()).toEqual([a.thread.id, b.thread.id, c.thread.id, first.id].sort());
    expect(byId[b.thread.id]).toMatchObject({ status: 'Resolved' });
    expect(byId[c.thread.id]).toMatchObject({ availability: 'Deleted' });
    expect(byId[first.id]?.assignee?.extensionId).toBe(me.jordan);

    const quiet = await syncThreads(avery, { syncType: 'ISync', syncToken: changed.syncInfo.syncToken });
    expect(quiet.records).toEqual([]);
  });
});

describe('mthSyncEntries FSync scopes', () => {
  it('defaults to AssignedToMe and honours every scope', async () => {
    const threads = (await syncThreads(sam)).records;
    const mine = new Set(threads.filter((r) => r.assignee?.extensionId === me.sam).map((r) => r.id));
    const unassigned = new Set(threads.filter((r) => !r.assignee).map((r) => r.id));
    const all = new Set(threads.map((r) => r.id));
    const threadsOf = (records: Entry[]) => new Set(records.map((r) => r.threadId));

    const byDefault = await syncEntries(sam);
    expect(threadsOf(byDefault.records)).toEqual(mine);
    expect(sortedDesc(byDefault.records)).toBe(true);
    expect(threadsOf((await syncEntries(sam, { scope: 'Accessible' })).records)).toEqual(all);
    expect(threadsOf((await syncEntries(sam, { scope: 'Unassigned' })).records)).toEqual(unassigned);
    expect(threadsOf((await syncEntries(sam, { scope: 'AssignedToMeAndUnassigned' })).records)).toEqual(
      new Set([...mine, ...unassigned]),
    );

    const accessible = await syncEntries(sam, { scope: 'Accessible', recordCount: 250, messageType: 'SMS' });
    const types = new Set(accessible.records.map((r) => r.recordType));
    for (const type of ['AliveMessage', 'AliveNote', 'ThreadCreatedHint', 'ThreadAssignedHint'])
      expect(types).toContain(type);
    expect(types).not.toContain('DeletedMessage');
    const photo = accessible.records.find(
      (r) => r.recordType === 'AliveMessage' && (r as { attachments?: unknown[] }).attachments,
    );
    expect(photo).toBeDefined();
  });

  it('Explicit covers the given threads whatever their status, and requires threadIds', async () => {
    const { thread } = await inbound(customer(), 'explicit');
    await postJson(avery, `${MTH}/${thread.id}/resolve`);
    const explicit = await syncEntries(avery, { scope: 'Explicit', threadIds: [thread.id] });
    expect(new Set(explicit.records.map((r) => r.threadId))).toEqual(new Set([thread.id]));
    expect(explicit.records.map((r) => r.recordType)).toEqual(
      expect.arrayContaining(['AliveMessage', 'ThreadCreatedHint', 'ThreadResolvedHint']),
    );
    expect(
      (await errorOf(avery.platform().get(`${MTH}/entries/sync`, { scope: 'Explicit' }))).body,
    ).toMatchObject({ errors: [{ errorCode: 'CMN-100', parameterName: 'threadIds' }] });
    expect(
      (await errorOf(avery.platform().get(`${MTH}/entries/sync`, { scope: 'Everything' }))).body,
    ).toMatchObject({ errors: [{ parameterName: 'scope' }] });
  });
});

describe('mthSyncEntries ISync', () => {
  it('returns every kind of change as records, hints included, with the scope kept in the token', async () => {
    const start = await syncEntries(avery, { scope: 'Accessible' });
    const c1 = customer();
    const { thread, message } = await inbound(c1, 'first');
    await assign(jordan, thread.id, me.avery ?? '');
    const reply = await postJson<{ id: string }>(avery, `${MTH}/messages`, {
      from: { phoneNumber: QUEUE },
      to: [{ phoneNumber: c1 }],
      text: 'reply',
    });
    const note = await postJson<{ id: string }>(jordan, `${MTH}/notes`, {
      threadId: thread.id,
      text: 'note',
    });
    const gone = await postJson<{ id: string }>(jordan, `${MTH}/notes`, {
      threadId: thread.id,
      text: 'gone',
    });
    await jordan.platform().delete(`${MTH}/notes`, { ids: [gone.id] });
    await avery.platform().delete(`${MTH}/messages`, { ids: [message.id] });
    await assign(jordan, thread.id, me.jordan ?? '');
    await postJson(jordan, `${MTH}/${thread.id}/resolve`);

    const changes = await syncEntries(avery, {
      syncType: 'ISync',
      syncToken: start.syncInfo.syncToken,
      scope: 'AssignedToMe',
    });
    const ofThread = changes.records.filter((r) => r.threadId === thread.id);
    const find = (type: string, pred: (e: Entry) => boolean = () => true) =>
      ofThread.find((r) => r.recordType === type && pred(r));
    expect(find('DeletedMessage', (e) => e.id === message.id)).toMatchObject({ availability: 'Deleted' });
    expect(find('AliveMessage', (e) => e.id === reply.id)).toMatchObject({ text: 'reply' });
    expect(find('AliveNote', (e) => e.id === note.id)).toMatchObject({ text: 'note' });
    expect(find('DeletedNote', (e) => e.id === gone.id)).toBeDefined();
    expect(find('ThreadCreatedHint')?.initiator).toBeUndefined();
    expect(find('ThreadAssignedHint', (e) => e.assignee?.extensionId === me.jordan)).toMatchObject({
      previousAssignee: { extensionId: me.avery },
      initiator: { extensionId: me.jordan },
    });
    expect(find('ThreadResolvedHint')).toMatchObject({ initiator: { extensionId: me.jordan } });
    expect(sortedDesc(changes.records)).toBe(true);
    expect(changes.records.filter((r) => r.recordType === 'AliveMessage' && r.id === reply.id)).toHaveLength(
      1,
    );
  });

  it('AssignedToMe ISync shows my threads and tells me when one is taken away', async () => {
    const c = customer();
    const { thread } = await inbound(c, 'for Sam');
    await assign(avery, thread.id, me.sam ?? '');
    const start = await syncEntries(sam);
    expect(start.records.some((r) => r.threadId === thread.id)).toBe(true);
    const other = await inbound(customer(), 'not for Sam');
    await inbound(c, 'follow-up');
    await assign(avery, thread.id, me.avery ?? '');
    const changes = await syncEntries(sam, { syncType: 'ISync', syncToken: start.syncInfo.syncToken });
    expect(changes.records.some((r) => r.threadId === other.thread.id)).toBe(false);
    expect(
      changes.records.find((r) => r.recordType === 'AliveMessage' && r.text === 'follow-up'),
    ).toBeDefined();
    expect(changes.records.find((r) => r.recordType === 'ThreadAssignedHint')).toMatchObject({
      previousAssignee: { extensionId: me.sam },
      assignee: { extensionId: me.avery },
    });
  });

  it('a thread deletion arrives as a ThreadDeletedHint with DeletedMessage records', async () => {
    const start = await syncEntries(avery, { scope: 'Accessible' });
    const { thread, message } = await inbound(customer(), 'delete this');
    await sam.platform().delete(`${MTH}/${thread.id}`);
    const changes = await syncEntries(avery, { syncType: 'ISync', syncToken: start.syncInfo.syncToken });
    const types = changes.records
      .filter((r) => r.threadId === thread.id)
      .map((r) => `${r.recordType}:${r.id}`);
    expect(types).toContain(`DeletedMessage:${message.id}`);
    expect(types.some((x) => x.startsWith('ThreadDeletedHint:'))).toBe(true);
  });

  it('refuses tokens it cannot use with a 400 naming syncToken', async () => {
    const threadsToken = (await syncThreads(avery)).syncInfo.syncToken;
    const entriesToken = (await syncEntries(avery)).syncInfo.syncToken;
    const check = async (sdk: SDK, url: string, query: Record<string, unknown>, code: string) =>
      expect((await errorOf(sdk.platform().get(url, query))).body).toMatchObject({
        errors: [{ errorCode: code, parameterName: 'syncToken' }],
      });
    await check(avery, `${MTH}/sync`, { syncType: 'ISync', syncToken: 'garbage' }, 'CMN-101');
    await check(avery, `${MTH}/sync`, { syncType: 'ISync', syncToken: `${threadsToken}x` }, 'CMN-101');
    await check(avery, `${MTH}/sync`, { syncType: 'ISync', syncToken: entriesToken }, 'CMN-101');
    await check(jordan, `${MTH}/sync`, { syncType: 'ISync', syncToken: threadsToken }, 'CMN-101');
    await check(avery, `${MTH}/entries/sync`, { syncType: 'ISync' }, 'CMN-100');
  });

  it('expires tokens after 7 days on the emulator clock; the 72 h expiry shows as a hint without initiator', async () => {
    const start = await syncEntries(avery, { scope: 'Accessible' });
    const { thread } = await inbound(customer(), 'going quiet');
    await t.control('clock', { advanceSeconds: 73 * 3600 });
    const changes = await syncEntries(avery, { syncType: 'ISync', syncToken: start.syncInfo.syncToken });
    const resolved = changes.records.find(
      (r) => r.threadId === thread.id && r.recordType === 'ThreadResolvedHint',
    );
    expect(resolved).toBeDefined();
    expect(resolved?.initiator).toBeUndefined();

    await t.control('clock', { advanceSeconds: 7 * 24 * 3600 });
    // A week on, the refresh token has lapsed too: sign in again, as a user would.
    avery = await signedIn(t, 'Avery');
    expect(
      (
        await errorOf(
          avery
            .platform()
            .get(`${MTH}/entries/sync`, { syncType: 'ISync', syncToken: start.syncInfo.syncToken }),
        )
      ).body,
    ).toMatchObject({ errors: [{ errorCode: 'MSG-411', parameterName: 'syncToken' }] });
  });

  it('refuses tokens issued before a reset', async () => {
    const token = (await syncThreads(avery)).syncInfo.syncToken;
    await t.control('reset', {});
    expect(
      (await errorOf(avery.platform().get(`${MTH}/sync`, { syncType: 'ISync', syncToken: token }))).body,
    ).toMatchObject({ errors: [{ errorCode: 'MSG-411' }] });
    const fresh = await syncThreads(avery);
    expect(fresh.records.length).toBeGreaterThan(10);
  });
});
