// The production profile: deleting a message and sending attachments answer 403 CMN-109 "Feature not available."
// and change nothing, while text sends and every other operation work as in the default profile.
import type { SDK } from '@ringcentral/sdk';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import {
  bearerOf,
  errorOf,
  getJson,
  MTH,
  postJson,
  signedIn,
  startTestEmulator,
  type TestEmulator,
} from './test-support.ts';

const QUEUE = '+15559870100';
let prod: TestEmulator;
let avery: SDK;

interface Message {
  id: string;
  availability: string;
}

async function assignedThread(t: TestEmulator, sdk: SDK, customer: string): Promise<string> {
  const { thread } = await t.control<{ thread: { id: string } }>('inbound', {
    from: customer,
    to: QUEUE,
    text: 'hello',
  });
  await postJson(sdk, `${MTH}/${thread.id}/assign`, {
    assignee: { extensionId: t.user('Avery').extensionId },
  });
  return thread.id;
}

function mms(customer: string): FormData {
  const form = new FormData();
  const metadata = { from: { phoneNumber: QUEUE }, to: [{ phoneNumber: customer }], text: 'See attached' };
  form.append('metadata', new Blob([JSON.stringify(metadata)], { type: 'application/json' }));
  form.append('attachments', new Blob([new Uint8Array([1, 2, 3])], { type: 'image/png' }), 'a.png');
  return form;
}

beforeAll(async () => {
  prod = await startTestEmulator({ profile: 'production' });
  avery = await signedIn(prod, 'Avery');
});
afterAll(() => prod.stop());

describe('production profile', () => {
  it('refuses to delete a message with 403 CMN-109 and keeps it', async () => {
    const threadId = await assignedThread(prod, avery, '+15550177001');
    const sent = await postJson<Message>(avery, `${MTH}/messages`, {
      from: { phoneNumber: QUEUE },
      to: [{ phoneNumber: '+15550177001' }],
      text: 'text still works',
    });
    const refused = await errorOf(avery.platform().delete(`${MTH}/messages`, { ids: [sent.id] }));
    expect(refused).toEqual({
      status: 403,
      body: { errors: [{ errorCode: 'CMN-109', message: 'Feature not available.' }] },
    });
    const { records } = await getJson<{ records: Message[] }>(avery, `${MTH}/messages`, {
      threadIds: [threadId],
    });
    expect(records.find((m) => m.id === sent.id)?.availability).toBe('Alive');
  });

  it('refuses attachments with 403 CMN-109 and sends nothing', async () => {
    const threadId = await assignedThread(prod, avery, '+15550177002');
    const res = await fetch(`${prod.url}${MTH}/messages`, {
      method: 'POST',
      headers: { authorization: await bearerOf(avery) },
      body: mms('+15550177002'),
    });
    expect(res.status).toBe(403);
    expect(await res.json()).toEqual({
      errors: [{ errorCode: 'CMN-109', message: 'Feature not available.' }],
    });
    const { records } = await getJson<{ records: { direction: string }[] }>(avery, `${MTH}/messages`, {
      threadIds: [threadId],
    });
    expect(records.filter((m) => m.direction === 'Outbound')).toEqual([]);
  });
});

describe('default profile', () => {
  it('deletes messages and sends attachments', async () => {
    const t = await startTestEmulator();
    try {
      const sdk = await signedIn(t, 'Avery');
      await assignedThread(t, sdk, '+15550177003');
      const res = await fetch(`${t.url}${MTH}/messages`, {
        method: 'POST',
        headers: { authorization: await bearerOf(sdk) },
        body: mms('+15550177003'),
      });
      expect(res.status).toBe(201);
      const { id } = (await res.json()) as Message;
      expect((await sdk.platform().delete(`${MTH}/messages`, { ids: [id] })).status).toBe(204);
    } finally {
      await t.stop();
    }
  });
});
