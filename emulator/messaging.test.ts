// MMS (multipart send, attachment download, limits), the carrier's status journey seen through the API and the
// live feed, and opt-out keywords per (shared number, customer).
import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import type { SDK } from '@ringcentral/sdk';
import { samplePng } from './seed/png.ts';
import {
  bearerOf,
  errorOf,
  eventually,
  getJson,
  MTH,
  openFeed,
  postJson,
  signedIn,
  startTestEmulator,
  type TestEmulator,
} from './test-support.ts';

const QUEUE = '+15559870100';
const MAIN = '+15559870000';
let t: TestEmulator;
let avery: SDK, riley: SDK;

interface Message {
  id: string;
  threadId: string;
  messageStatus: string;
  text?: string;
  direction: string;
  author?: unknown;
  attachments?: { id: string; contentType: string; filename?: string; size: number; contentUri: string }[];
}

let n = 0;
const customer = () => `+1555017${String(1000 + n++).padStart(4, '0')}`;
const messagesUrl = () => `${t.url}/restapi/v1.0/account/~/message-threads/messages`;

/** The thread for `to` assigned to Avery, ready for her to send on. */
async function threadFor(to: string, from = QUEUE): Promise<string> {
  const { thread } = await t.control<{ thread: { id: string } }>('inbound', {
    from: to,
    to: from,
    text: 'hello',
  });
  await postJson(avery, `${MTH}/${thread.id}/assign`, {
    assignee: { extensionId: t.user('Avery').extensionId },
  });
  return thread.id;
}

function mmsForm(
  to: string,
  files: { bytes: Uint8Array; type: string; name: string }[],
  metadata?: string,
): FormData {
  const form = new FormData();
  form.append(
    'metadata',
    new Blob(
      [
        metadata ??
          JSON.stringify({
            from: { phoneNumber: QUEUE },
            to: [{ phoneNumber: to }],
            text: 'Please see attached',
          }),
      ],
      { type: 'application/json' },
    ),
  );
  for (const f of files)
    form.append('attachments', new Blob([new Uint8Array(f.bytes)], { type: f.type }), f.name);
  return form;
}

const statusOf = async (id: string) =>
  (await getJson<{ records: Message[] }>(avery, `${MTH}/messages`, { messageIds: [id] })).records[0]
    ?.messageStatus;

beforeAll(async () => {
  t = await startTestEmulator({ carrierDelays: { sentMs: 60, deliveredMs: 150 } });
  [avery, riley] = await Promise.all([signedIn(t, 'Avery'), signedIn(t, 'Riley')]);
});
afterAll(() => t.stop());
// Avery makes more Medium requests across these tests than RingCentral allows one user a minute; an agent would
// be made to wait, so each test starts a minute later on the emulator clock (limits stay on).
beforeEach(async () => {
  await t.control('clock', { advanceSeconds: 61 });
});

describe('MMS', () => {
  it('sends multipart with attachments and serves their content with the bearer token', async () => {
    const to = customer();
    await threadFor(to);
    const png = samplePng(32, 32, 7);
    const pdf = new TextEncoder().encode('%PDF-1.4\n% fictional\n');
    const res = await fetch(messagesUrl(), {
      method: 'POST',
      headers: { authorization: await bearerOf(avery) },
      body: mmsForm(to, [
        { bytes: png, type: 'image/png', name: 'chart.png' },
        { bytes: pdf, type: 'application/pdf', name: 'plan.pdf' },
      ]),
    });
    expect(res.status).toBe(201);
    const message = (await res.json()) as Message;
    expect(message.attachments).toEqual([
      {
        id: expect.any(String),
        contentType: 'image/png',
        filename: 'chart.png',
        size: png.byteLength,
        contentUri: expect.stringContaining(
          `${t.url}/restapi/v1.0/account/850000001/message-threads/messages/${message.id}/content/`,
        ),
      },
      expect.objectContaining({ contentType: 'application/pdf', filename: 'plan.pdf', size: pdf.byteLength }),
    ]);
    const uri = message.attachments?.[0]?.contentUri ?? '';

    const inline = await fetch(uri, { headers: { authorization: await bearerOf(avery) } });
    expect(inline.status).toBe(200);
    expect(inline.headers.get('content-type')).toBe('image/png');
    expect(inline.headers.get('content-disposition')).toBe('inline; filename="chart.png"');
    expect(new Uint8Array(await inline.arrayBuffer())).toEqual(png);

    const download = await fetch(`${uri}?contentDisposition=Attachment&contentDispositionFilename=mine.png`, {
      headers: { authorization: await bearerOf(avery) },
    });
    expect(download.headers.get('content-disposition')).toBe('attachment; filename="mine.png"');

    expect((await fetch(uri)).status).toBe(401);
    expect((await fetch(uri, { headers: { authorization: await bearerOf(riley) } })).status).toBe(403);
    const unknown = await fetch(uri.replace(/\/content\/\d+$/, '/content/999'), {
      headers: { authorization: await bearerOf(avery) },
    });
    expect(unknown.status).toBe(404);
    // The message exists, so the 404 names the attachment, not the message.
    expect(await unknown.json()).toMatchObject({
      errors: [{ errorCode: 'CMN-102', message: expect.stringContaining('[attachmentId]') }],
    });
  });

  it('enforces the attachment and body limits and validates the parts', async () => {
    const to = customer();
    await threadFor(to);
    const post = async (body: FormData) =>
      fetch(messagesUrl(), { method: 'POST', headers: { authorization: await bearerOf(avery) }, body });
    const big = await post(
      mmsForm(to, [{ bytes: new Uint8Array(1.5 * 1024 * 1024 + 1), type: 'image/jpeg', name: 'big.jpg' }]),
    );
    expect(big.status).toBe(400);
    expect(await big.json()).toMatchObject({
      errors: [{ errorCode: 'MSG-337', parameterName: 'attachments' }],
    });

    const huge = await post(
      mmsForm(
        to,
        Array.from({ length: 8 }, (_, i) => ({
          bytes: new Uint8Array(1.4 * 1024 * 1024),
          type: 'image/jpeg',
          name: `${i}.jpg`,
        })),
      ),
    );
    expect(huge.status).toBe(413);
    expect(await huge.json()).toMatchObject({
      errors: [{ errorCode: expect.any(String), message: expect.any(String) }],
    });

    const text = await post(mmsForm(to, [{ bytes: new Uint8Array(3), type: 'text/plain', name: 'a.txt' }]));
    expect(await text.json()).toMatchObject({ errors: [{ parameterName: 'attachments' }] });
    const badJson = await post(mmsForm(to, [], '{nope'));
    expect(await badJson.json()).toMatchObject({ errors: [{ errorCode: 'CMN-103' }] });
    const noMeta = new FormData();
    noMeta.append('attachments', new Blob([new Uint8Array(3)], { type: 'image/png' }), 'x.png');
    expect(await (await post(noMeta)).json()).toMatchObject({ errors: [{ parameterName: 'metadata' }] });

    const list = await getJson<{ records: Message[] }>(avery, `${MTH}/messages`, {
      threadIds: [
        (await t.control<{ thread: { id: string } }>('inbound', { from: to, to: QUEUE, text: 'still here' }))
          .thread.id,
      ],
    });
    expect(list.records.filter((m) => m.direction === 'Outbound')).toEqual([]);
  });
});

describe('carrier', () => {
  it('moves an outbound message Queued → Sent → Delivered, visible in the API and the live feed', async () => {
    const feed = await openFeed(t.url);
    const to = customer();
    await threadFor(to);
    const sent = await postJson<Message>(avery, `${MTH}/messages`, {
      from: { phoneNumber: QUEUE },
      to: [{ phoneNumber: to }],
      text: 'Your statement is ready.',
    });
    expect(sent.messageStatus).toBe('Queued');
    await eventually(
      () => statusOf(sent.id),
      (s) => s === 'Delivered',
    );
    const statuses = () =>
      feed.events
        .filter((e) => e.type === 'message' && (e.data.message as Message).id === sent.id)
        .map((e) => (e.data.message as Message).messageStatus);
    await eventually(statuses, (s) => s.length === 3);
    expect(statuses()).toEqual(['Queued', 'Sent', 'Delivered']);
    expect(feed.events.some((e) => e.type === 'thread-event' && e.data.filter === 'entries')).toBe(true);
    feed.close();
  });

  it('opts a customer out of a shared number on STOP-like keywords, replies, and fails later sends there only', async () => {
    const to = customer();
    const threadId = await threadFor(to);
    await t.control('inbound', { from: to, to: QUEUE, text: '  unsubscribe ' });
    const thread = await getJson<{ records: Message[] }>(avery, `${MTH}/messages`, { threadIds: [threadId] });
    const reply = thread.records.at(-1);
    expect(reply).toMatchObject({ direction: 'Outbound', text: expect.stringContaining('unsubscribed') });
    expect(reply?.author).toBeUndefined();
    await eventually(
      () => statusOf(reply?.id ?? ''),
      (s) => s === 'Delivered',
    );
    const state = await t.control<{ accounts: { optOuts: { sharedNumber: string; customer: string }[] }[] }>(
      'state',
    );
    expect(state.accounts[0]?.optOuts).toContainEqual({ sharedNumber: QUEUE, customer: to });

    const blocked = await postJson<Message>(avery, `${MTH}/messages`, {
      from: { phoneNumber: QUEUE },
      to: [{ phoneNumber: to }],
      text: 'Are you there?',
    });
    expect(blocked.messageStatus).toBe('Queued');
    await eventually(
      () => statusOf(blocked.id),
      (s) => s === 'SendingFailed',
    );

    await threadFor(to, MAIN);
    const other = await postJson<Message>(avery, `${MTH}/messages`, {
      from: { phoneNumber: MAIN },
      to: [{ phoneNumber: to }],
      text: 'From the main line',
    });
    await eventually(
      () => statusOf(other.id),
      (s) => s === 'Delivered',
    );

    await t.control('inbound', { from: to, to: QUEUE, text: 'Start' });
    const again = await postJson<Message>(avery, `${MTH}/messages`, {
      from: { phoneNumber: QUEUE },
      to: [{ phoneNumber: to }],
      text: 'Welcome back',
    });
    await eventually(
      () => statusOf(again.id),
      (s) => s === 'Delivered',
    );
  });

  it('answers HELP, treats every opt-out keyword alike and ignores keywords inside sentences', async () => {
    for (const word of ['STOP', 'stopall', 'Cancel', 'END', 'quit', 'REVOKE', 'optout']) {
      const to = customer();
      await t.control('inbound', { from: to, to: QUEUE, text: word });
      const state = await t.control<{ accounts: { optOuts: { customer: string }[] }[] }>('state');
      expect(state.accounts[0]?.optOuts.map((o) => o.customer)).toContain(to);
    }
    const helped = customer();
    const { thread } = await t.control<{ thread: { id: string } }>('inbound', {
      from: helped,
      to: QUEUE,
      text: 'help',
    });
    const sentence = customer();
    const { thread: chatty } = await t.control<{ thread: { id: string } }>('inbound', {
      from: sentence,
      to: QUEUE,
      text: 'please stop calling me at work',
    });
    const helpReplies = await getJson<{ records: Message[] }>(avery, `${MTH}/messages`, {
      threadIds: [thread.id, chatty.id],
    });
    expect(helpReplies.records.filter((m) => m.direction === 'Outbound')).toEqual([
      expect.objectContaining({ threadId: thread.id, text: expect.stringContaining('Reply STOP') }),
    ]);
    const state = await t.control<{ accounts: { optOuts: { customer: string }[] }[] }>('state');
    expect(state.accounts[0]?.optOuts.map((o) => o.customer)).not.toContain(sentence);
    expect(state.accounts[0]?.optOuts.map((o) => o.customer)).not.toContain(helped);
    expect((await errorOf(avery.platform().get(`${MTH}/messages`, { threadIds: ['a', 'a'] }))).status).toBe(
      400,
    );
  });
});
