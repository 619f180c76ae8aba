// Message Threads rules (docs/emulator.md "Thread rules") end to end over HTTP with the official SDK: the financial-advising
// scenario of the product brief, assignment and MSG-427, resolve without reopen, delete, the 72 h expiry,
// notes, lists with filters and paging, and bad input.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { SDK } from '@ringcentral/sdk';
import {
  errorOf,
  firstErrorCode,
  getJson,
  MTH,
  postJson,
  signedIn,
  startTestEmulator,
  type TestEmulator,
} from './test-support.ts';

const QUEUE = '+15559870100';
const IVR = '+15559870300';
let t: TestEmulator;
let avery: SDK, jordan: SDK, sam: SDK, taylor: SDK, riley: SDK, morgan: SDK;
const ids: Record<string, string> = {};

interface Thread {
  id: string;
  status: string;
  statusReason?: string;
  availability: string;
  assignee?: { extensionId: string; name: string };
  owner: { extensionId: string; extensionType: string; name: string };
  ownerParty: { phoneNumber: string };
  guestParty: { phoneNumber: string };
  label?: string;
}
interface Message {
  id: string;
  threadId: string;
  direction: string;
  messageStatus: string;
  text: string;
  author?: { extensionId: string };
}

let customerSeq = 0;
const newCustomer = () => `+1555019${String(1000 + customerSeq++).padStart(4, '0')}`;

const inbound = (from: string, text: string, to = QUEUE) =>
  t.control<{ thread: Thread; message: Message }>('inbound', { from, to, text });
const send = (sdk: SDK, to: string, text: string, extra: Record<string, unknown> = {}) =>
  postJson<Message>(sdk, `${MTH}/messages`, {
    from: { phoneNumber: QUEUE },
    to: [{ phoneNumber: to }],
    text,
    ...extra,
  });
const thread = (sdk: SDK, id: string) => getJson<Thread>(sdk, `${MTH}/${id}`);
const assign = (sdk: SDK, id: string, extensionId: string | null) =>
  postJson<Thread>(sdk, `${MTH}/${id}/assign`, { assignee: extensionId ? { extensionId } : null });

beforeAll(async () => {
  t = await startTestEmulator();
  const sdks = await Promise.all(
    ['Avery', 'Jordan', 'Sam', 'Taylor', 'Riley', 'Morgan'].map((name) => signedIn(t, name)),
  );
  [avery, jordan, sam, taylor, riley, morgan] = sdks as [SDK, SDK, SDK, SDK, SDK, SDK];
  for (const n of ['Avery', 'Jordan', 'Sam', 'Taylor', 'Riley', 'Morgan']) ids[n] = t.user(n).extensionId;
});
afterAll(() => t.stop());

describe('the financial advising team on a shared call-queue number', () => {
  it('a customer text opens an unassigned thread every advisor sees, and nobody may reply until it is assigned', async () => {
    const customer = newCustomer();
    const { thread: created, message } = await inbound(customer, 'Hello, can someone review my portfolio?');
    expect(created).toMatchObject({
      status: 'Open',
      availability: 'Alive',
      owner: { extensionId: '850000201', extensionType: 'Department', name: 'Financial Advising Queue' },
      ownerParty: { phoneNumber: QUEUE },
      guestParty: { phoneNumber: customer },
      label: 'Hello, can someone review my portfolio?',
    });
    expect(created.assignee).toBeUndefined();
    expect(message).toMatchObject({ direction: 'Inbound', messageStatus: 'Received' });
    expect(message.author).toBeUndefined();

    for (const sdk of [avery, jordan, sam, taylor])
      expect((await thread(sdk, created.id)).id).toBe(created.id);
    expect((await errorOf(riley.platform().get(`${MTH}/${created.id}`))).status).toBe(403);

    const refused = await errorOf(send(jordan, customer, 'Hi!'));
    expect(refused.status).toBe(403);
    expect(refused.body).toEqual({
      errors: [
        {
          errorCode: 'MSG-427',
          message: `The thread is not assigned to extension [${ids.Jordan}] at the moment.`,
          extensionId: ids.Jordan,
        },
      ],
    });
  });

  it('any handler assigns; only the assignee replies; reassigning and unassigning work; non-recipients cannot be assignees', async () => {
    const customer = newCustomer();
    const { thread: created } = await inbound(customer, 'Question about fees');
    const assigned = await assign(jordan, created.id, ids.Avery ?? '');
    expect(assigned.assignee).toEqual({ extensionId: ids.Avery, name: 'Avery Chen', extensionType: 'User' });

    expect(firstErrorCode((await errorOf(send(jordan, customer, 'Let me check'))).body)).toBe('MSG-427');
    const reply = await send(avery, customer, 'Our fee schedule is attached in email.', {
      threadId: created.id,
    });
    expect(reply).toMatchObject({
      threadId: created.id,
      direction: 'Outbound',
      messageStatus: 'Queued',
      author: { extensionId: ids.Avery, name: 'Avery Chen' },
    });
    const routed = await send(avery, customer, 'Anything else?');
    expect(routed.threadId).toBe(created.id);

    const bad = await errorOf(assign(avery, created.id, ids.Riley ?? ''));
    expect(bad.status).toBe(400);
    expect(bad.body).toMatchObject({
      errors: [{ errorCode: 'CMN-101', parameterName: 'assignee.extensionId' }],
    });

    const reassigned = await assign(taylor, created.id, ids.Sam ?? '');
    expect(reassigned.assignee?.extensionId).toBe(ids.Sam);
    expect(firstErrorCode((await errorOf(send(avery, customer, 'x'))).body)).toBe('MSG-427');
    expect((await send(sam, customer, 'Sam here, taking over.')).threadId).toBe(created.id);

    const unassigned = await assign(sam, created.id, null);
    expect(unassigned.assignee).toBeUndefined();
    expect(firstErrorCode((await errorOf(send(sam, customer, 'x'))).body)).toBe('MSG-427');
  });

  it('a licence-less handler cannot become the assignee; Riley (no resource) cannot assign', async () => {
    const { thread: branch } = await inbound(newCustomer(), 'Boston office hours?', IVR);
    expect(branch.owner).toMatchObject({
      extensionId: '850000300',
      extensionType: 'Site',
      name: 'Boston Branch',
    });
    expect((await errorOf(assign(morgan, branch.id, ids.Morgan ?? ''))).status).toBe(400);
    expect((await assign(morgan, branch.id, ids.Taylor ?? '')).assignee?.extensionId).toBe(ids.Taylor);
    expect((await errorOf(assign(riley, branch.id, ids.Sam ?? ''))).status).toBe(403);
    expect((await errorOf(assign(avery, branch.id, ids.Sam ?? ''))).status).toBe(403);
  });

  it('a new outbound message to a customer without an Open thread creates one assigned to the sender', async () => {
    const customer = newCustomer();
    const first = await send(taylor, customer, 'Hi, this is Taylor from Harbor & Pine: your review is due.');
    const created = await thread(taylor, first.threadId);
    expect(created).toMatchObject({ status: 'Open', assignee: { extensionId: ids.Taylor } });
    expect(firstErrorCode((await errorOf(send(avery, customer, 'me too'))).body)).toBe('MSG-427');
  });

  it('resolving clears the assignee; resolved threads never reopen and the next message starts a new thread', async () => {
    const customer = newCustomer();
    const { thread: created } = await inbound(customer, 'Please close my account');
    await assign(avery, created.id, ids.Avery ?? '');
    const resolved = await postJson<Thread>(jordan, `${MTH}/${created.id}/resolve`);
    expect(resolved).toMatchObject({
      id: created.id,
      status: 'Resolved',
      statusReason: 'Manual',
      availability: 'Alive',
    });
    expect(resolved.assignee).toBeUndefined();

    const again = await errorOf(postJson(avery, `${MTH}/${created.id}/resolve`));
    expect(again).toMatchObject({ status: 403, body: { errors: [{ errorCode: 'MSG-428' }] } });
    expect((await errorOf(assign(avery, created.id, ids.Avery ?? ''))).status).toBe(403);
    const withId = await errorOf(send(avery, customer, 'x', { threadId: created.id }));
    expect(withId.body).toMatchObject({ errors: [{ parameterName: 'threadId' }] });

    const { thread: next } = await inbound(customer, 'Actually, one more thing');
    expect(next.id).not.toBe(created.id);
    expect(next.assignee).toBeUndefined();
    // The new Open thread is unassigned, so even the previous assignee must take it before replying.
    expect(firstErrorCode((await errorOf(send(avery, customer, 'hi'))).body)).toBe('MSG-427');
  });

  it('deleting soft-deletes the thread and its messages; the pair gets a new thread afterwards', async () => {
    const customer = newCustomer();
    const { thread: created, message } = await inbound(customer, 'wrong number');
    await assign(sam, created.id, ids.Sam ?? '');
    const res = await taylor.platform().delete(`${MTH}/${created.id}`);
    expect(res.status).toBe(204);
    const deleted = await thread(avery, created.id);
    expect(deleted).toMatchObject({ availability: 'Deleted', status: 'Open' });
    expect(deleted.assignee).toBeUndefined();
    const alive = await getJson<{ records: Message[] }>(avery, `${MTH}/messages`, {
      threadIds: [created.id],
    });
    expect(alive.records).toEqual([]);
    const gone = await getJson<{ records: { id: string; availability: string }[] }>(
      avery,
      `${MTH}/messages`,
      { threadIds: [created.id], availability: ['Deleted'] },
    );
    expect(gone.records).toEqual([expect.objectContaining({ id: message.id, availability: 'Deleted' })]);
    expect((await avery.platform().delete(`${MTH}/${created.id}`)).status).toBe(204);
    const { thread: next } = await inbound(customer, 'hello again');
    expect(next.id).not.toBe(created.id);
  });

  it('resolves threads after 72 h without inbound or outbound activity, on the emulator clock', async () => {
    const customer = newCustomer();
    const { thread: created } = await inbound(customer, 'Checking in');
    await assign(avery, created.id, ids.Avery ?? '');
    await t.control('clock', { advanceSeconds: 71 * 3600 });
    await postJson(avery, `${MTH}/notes`, { threadId: created.id, text: 'Notes are not activity' });
    expect((await thread(avery, created.id)).status).toBe('Open');
    await t.control('clock', { advanceSeconds: 3600 + 1 });
    const expired = await thread(avery, created.id);
    expect(expired).toMatchObject({ status: 'Resolved', statusReason: 'ThreadExpired' });
    expect(expired.assignee).toBeUndefined();
  });
});

describe('notes', () => {
  it('any handler adds notes on Open threads; only the author edits or deletes them', async () => {
    const { thread: created } = await inbound(newCustomer(), 'Need help with my IRA');
    const note = await postJson<{ id: string; text: string; author: { extensionId: string } }>(
      jordan,
      `${MTH}/notes`,
      { threadId: created.id, text: 'Long-time client.' },
    );
    expect(note).toMatchObject({
      threadId: created.id,
      availability: 'Alive',
      text: 'Long-time client.',
      author: { extensionId: ids.Jordan, name: 'Jordan Patel' },
    });
    expect(note.id).toMatch(/^[0-9a-f-]{36}$/);

    expect(
      (await errorOf(avery.platform().patch(`${MTH}/notes/${note.id}`, { text: 'hijack' }))).status,
    ).toBe(403);
    const edited = (await (
      await jordan.platform().patch(`${MTH}/notes/${note.id}`, { text: 'Client since 2009.' })
    ).json()) as { text: string };
    expect(edited.text).toBe('Client since 2009.');
    expect((await errorOf(avery.platform().delete(`${MTH}/notes`, { ids: [note.id] }))).status).toBe(403);
    const second = await postJson<{ id: string }>(jordan, `${MTH}/notes`, {
      threadId: created.id,
      text: 'second',
    });
    expect((await jordan.platform().delete(`${MTH}/notes`, { ids: [second.id] })).status).toBe(204);

    const notes = await getJson<{ records: { id: string }[] }>(avery, `${MTH}/notes`, {
      threadIds: [created.id],
    });
    expect(notes.records.map((n) => n.id)).toEqual([note.id]);
    const withDeleted = await getJson<{ records: unknown[] }>(avery, `${MTH}/notes`, {
      threadIds: [created.id],
      availability: ['Alive', 'Deleted'],
    });
    expect(withDeleted.records).toHaveLength(2);

    await postJson(avery, `${MTH}/${created.id}/resolve`);
    expect(
      (await errorOf(postJson(jordan, `${MTH}/notes`, { threadId: created.id, text: 'late' }))).status,
    ).toBe(403);
    expect(
      (await errorOf(jordan.platform().patch(`${MTH}/notes/${note.id}`, { text: 'late' }))).body,
    ).toMatchObject({ errors: [{ errorCode: 'MSG-428' }] });
    const hidden = await getJson<{ records: unknown[] }>(riley, `${MTH}/notes`, { threadIds: [created.id] });
    expect(hidden.records).toEqual([]);
  });
});

describe('lists', () => {
  it('filters threads (AND across filters, OR within one) and pages them in creation order', async () => {
    await inbound(newCustomer(), 'Is this the main office?', '+15559870000');
    const all = await getJson<{ records: Thread[]; paging: Record<string, number> }>(avery, MTH, {
      perPage: 1000,
    });
    const times = all.records.map((r) => (r as unknown as { creationTime: string }).creationTime);
    expect([...times].sort()).toEqual(times);
    expect(all.records.every((r) => r.availability === 'Alive')).toBe(true);
    expect(all.paging).toMatchObject({
      page: 1,
      perPage: 1000,
      pageStart: 0,
      totalPages: 1,
      totalElements: all.records.length,
    });

    const open = await getJson<{ records: Thread[] }>(avery, MTH, {
      threadStatus: 'Open',
      ownerExtensionIds: ['850000200'],
      perPage: 1000,
    });
    expect(open.records.length).toBeGreaterThan(0);
    expect(open.records.every((r) => r.status === 'Open' && r.owner.extensionId === '850000200')).toBe(true);
    const both = await getJson<{ records: Thread[] }>(avery, MTH, {
      ownerExtensionIds: ['850000200', '850000201'],
      perPage: 1000,
    });
    expect(both.records).toHaveLength(all.records.length);
    const withDeleted = await getJson<{ records: Thread[] }>(avery, MTH, {
      availability: ['Alive', 'Deleted'],
      perPage: 1000,
    });
    expect(withDeleted.records.length).toBeGreaterThan(all.records.length);

    const page2 = await getJson<{ records: Thread[]; paging: Record<string, number> }>(avery, MTH, {
      page: 2,
      perPage: 5,
    });
    expect(page2.records.map((r) => r.id)).toEqual(all.records.slice(5, 10).map((r) => r.id));
    expect(page2.paging).toMatchObject({
      page: 2,
      perPage: 5,
      pageStart: 5,
      pageEnd: 9,
      totalElements: all.records.length,
    });
    const clamped = await getJson<{ paging: { perPage: number } }>(avery, MTH, { perPage: 5000 });
    expect(clamped.paging.perPage).toBe(1000);
    const beyond = await getJson<{ records: unknown[]; paging: Record<string, number> }>(avery, MTH, {
      page: 1000,
    });
    expect(beyond.records).toEqual([]);
    expect(beyond.paging.pageStart).toBeUndefined();

    const guest = all.records[0]?.guestParty.phoneNumber ?? '';
    const byGuest = await getJson<{ records: Thread[] }>(avery, MTH, { guestPhoneNumber: guest });
    expect(byGuest.records.every((r) => r.guestParty.phoneNumber === guest)).toBe(true);

    const nothing = await getJson<{ records: unknown[] }>(riley, MTH);
    expect(nothing.records).toEqual([]);
  });

  it('filters by creation time only when both bounds are given', async () => {
    const from = new Date(Date.now() - 3600_000 * 24 * 30).toISOString();
    const to = new Date(Date.now() + 3600_000 * 24 * 365).toISOString();
    const ranged = await getJson<{ records: unknown[] }>(avery, MTH, {
      creationTimeFrom: from,
      creationTimeTo: to,
      perPage: 1000,
    });
    expect(ranged.records.length).toBeGreaterThan(0);
    const none = await getJson<{ records: unknown[] }>(avery, MTH, {
      creationTimeFrom: to,
      creationTimeTo: to,
    });
    expect(none.records).toEqual([]);
    expect((await errorOf(avery.platform().get(MTH, { creationTimeFrom: from }))).body).toMatchObject({
      errors: [{ errorCode: 'CMN-100', parameterName: 'creationTimeTo' }],
    });
  });

  it('lists messages by thread and id, in creation order, and ignores unknown parameters', async () => {
    const customer = newCustomer();
    const { thread: created, message } = await inbound(customer, 'one');
    await inbound(customer, 'two');
    const list = await getJson<{ records: Message[] }>(sam, `${MTH}/messages`, {
      threadIds: [created.id],
      recordCount: 250,
      messageType: 'SMS',
      pageNumber: 3,
    });
    expect(list.records.map((m) => m.text)).toEqual(['one', 'two']);
    expect(list.records[0]).not.toHaveProperty('recordType');
    const one = await getJson<{ records: Message[] }>(sam, `${MTH}/messages`, { messageIds: [message.id] });
    expect(one.records.map((m) => m.id)).toEqual([message.id]);
  });

  it('rejects invalid paging and filter values with parameter names', async () => {
    expect((await errorOf(avery.platform().get(MTH, { page: 0 }))).body).toMatchObject({
      errors: [{ errorCode: 'CMN-101', parameterName: 'page' }],
    });
    expect((await errorOf(avery.platform().get(MTH, { perPage: 'lots' }))).body).toMatchObject({
      errors: [{ parameterName: 'perPage' }],
    });
    expect((await errorOf(avery.platform().get(MTH, { threadStatus: 'Closed' }))).body).toMatchObject({
      errors: [{ parameterName: 'threadStatus' }],
    });
    expect((await errorOf(avery.platform().get(MTH, { guestPhoneNumber: '555-1234' }))).body).toMatchObject({
      errors: [{ parameterName: 'guestPhoneNumber' }],
    });
    const eleven = Array.from({ length: 11 }, (_, i) => String(i));
    expect(
      (await errorOf(avery.platform().get(`${MTH}/messages`, { threadIds: eleven }))).body,
    ).toMatchObject({ errors: [{ parameterName: 'threadIds' }] });
  });
});

describe('bad input', () => {
  it('answers RingCentral 400s for bodies and 404s for unknown ids, changing nothing', async () => {
    const customer = newCustomer();
    const cases: [unknown, string][] = [
      [{ from: { phoneNumber: QUEUE }, to: [{ phoneNumber: customer }], text: '' }, 'text'],
      [{ from: { phoneNumber: QUEUE }, to: [{ phoneNumber: customer }], text: 'x'.repeat(1001) }, 'text'],
      [{ from: { phoneNumber: QUEUE }, to: [], text: 'hi' }, 'to'],
      [
        {
          from: { phoneNumber: QUEUE },
          to: [{ phoneNumber: customer }, { phoneNumber: newCustomer() }],
          text: 'hi',
        },
        'to',
      ],
      [
        { from: { phoneNumber: '+15559870101' }, to: [{ phoneNumber: customer }], text: 'hi' },
        'from.phoneNumber',
      ],
      [{ from: { phoneNumber: 'QUEUE' }, to: [{ phoneNumber: customer }], text: 'hi' }, 'from.phoneNumber'],
    ];
    for (const [body, parameterName] of cases) {
      const failure = await errorOf(avery.platform().post(`${MTH}/messages`, body));
      expect(failure.status).toBe(400);
      expect(failure.body).toMatchObject({ errors: [{ parameterName }] });
    }
    const missing = await errorOf(
      avery.platform().post(`${MTH}/messages`, { to: [{ phoneNumber: customer }], text: 'hi' }),
    );
    expect(missing.body).toMatchObject({ errors: [{ errorCode: 'CMN-100', parameterName: 'from' }] });
    const emoji = '🙂'.repeat(1000);
    expect((await send(taylor, customer, emoji)).text).toBe(emoji);

    const raw = await fetch(`${t.url}${MTH.replace('~', '850000001')}/messages`, {
      method: 'POST',
      headers: {
        authorization: `Bearer ${(await avery.platform().auth().data()).access_token}`,
        'content-type': 'application/json',
      },
      body: '{"from": ',
    });
    expect(raw.status).toBe(400);
    expect(await raw.json()).toEqual({ errors: [{ errorCode: 'CMN-103', message: expect.any(String) }] });

    expect((await errorOf(avery.platform().get(`${MTH}/7300999999`))).body).toMatchObject({
      errors: [{ errorCode: 'CMN-102' }],
    });
    expect((await errorOf(avery.platform().post(`${MTH}/7300999999/resolve`))).status).toBe(404);
    expect((await errorOf(avery.platform().delete(`${MTH}/messages`, { ids: ['nope'] }))).status).toBe(404);
    expect((await errorOf(avery.platform().delete(`${MTH}/messages`, { ids: [] }))).status).toBe(400);
    expect((await errorOf(avery.platform().post(`${MTH}/x/assign`, {}))).body).toMatchObject({
      errors: [{ errorCode: 'CMN-100', parameterName: 'assignee' }],
    });

    const after = await t.control<{ accounts: { threads: Thread[]; messages: Message[] }[] }>('state');
    // Only the one valid (emoji) send left a trace for this customer: one thread holding one message.
    const theirs = after.accounts[0]?.threads.filter((th) => th.guestParty.phoneNumber === customer) ?? [];
    expect(theirs).toHaveLength(1);
    const messages = after.accounts[0]?.messages.filter((m) => m.threadId === theirs[0]?.id) ?? [];
    expect(messages.map((m) => m.text)).toEqual([emoji]);
  });

  it('deletes messages with a DELETE body', async () => {
    const { message } = await inbound(newCustomer(), 'delete me');
    expect((await avery.platform().delete(`${MTH}/messages`, { ids: [message.id] })).status).toBe(204);
    const list = await getJson<{ records: { availability: string }[] }>(avery, `${MTH}/messages`, {
      messageIds: [message.id],
      availability: ['Deleted'],
    });
    expect(list.records).toEqual([expect.objectContaining({ availability: 'Deleted' })]);
  });
});
