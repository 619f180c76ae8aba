// What RingCentral's captured responses and guide show, as the emulator answers it (docs/emulator.md): UUID thread
// ids and digit-string message ids, a 24 h default window on the messages list, a configurable thread TTL whose
// expiry needs no request, and attachment names in any script.
import type { SDK } from '@ringcentral/sdk';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import {
  bearerOf,
  getJson,
  MTH,
  openFeed,
  signedIn,
  startTestEmulator,
  type TestEmulator,
} from './test-support.ts';

const QUEUE = '+15559870100';
const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/;
let t: TestEmulator;
let avery: SDK;
let n = 0;
const customer = () => `+1555018${String(1000 + n++).padStart(4, '0')}`;

interface Thread {
  id: string;
  status: string;
  statusReason?: string;
}
interface Message {
  id: string;
  threadId: string;
  attachments?: { contentUri: string; filename?: string }[];
}

const inbound = (from: string, text: string, attachments?: unknown[]) =>
  t.control<{ thread: Thread; message: Message }>('inbound', {
    from,
    to: QUEUE,
    text,
    ...(attachments ? { attachments } : {}),
  });

beforeAll(async () => {
  t = await startTestEmulator({ threadTtlHours: 2 });
  avery = await signedIn(t, 'Avery');
});
afterAll(() => t.stop());

describe('ids', () => {
  it('gives threads UUIDs and messages digit strings, seeded ones included', async () => {
    const { thread, message } = await inbound(customer(), 'hello');
    expect(thread.id).toMatch(UUID);
    expect(message.id).toMatch(/^\d+$/);
    const page = await getJson<{ records: Thread[] }>(avery, MTH, { perPage: 100 });
    expect(page.records.length).toBeGreaterThan(5);
    for (const seeded of page.records) expect(seeded.id).toMatch(UUID);
  });
});

describe('messages list', () => {
  it('covers the last 24 hours when no time window is given', async () => {
    const from = customer();
    const { message: old } = await inbound(from, 'two days ago');
    await t.control('clock', { advanceSeconds: 25 * 3600 });
    const { message: fresh } = await inbound(from, 'today');
    const threadIds = [old.threadId, fresh.threadId];
    const ids = async (query: Record<string, unknown>) =>
      (await getJson<{ records: Message[] }>(avery, `${MTH}/messages`, query)).records.map((m) => m.id);
    const unwindowed = await ids({ threadIds });
    expect(unwindowed).toContain(fresh.id);
    expect(unwindowed).not.toContain(old.id);
    const now = Date.parse((await t.control<{ now: string }>('clock')).now);
    const windowed = await ids({
      threadIds,
      creationTimeFrom: new Date(now - 30 * 86_400_000).toISOString(),
      creationTimeTo: new Date(now).toISOString(),
    });
    expect(windowed).toEqual(expect.arrayContaining([old.id, fresh.id]));
  });
});

describe('thread TTL', () => {
  it('expires an Open thread after the configured TTL on the emulator clock, without any request', async () => {
    const { thread } = await inbound(customer(), 'expire me in 2 h');
    const feed = await openFeed(t.url);
    try {
      // Move the clock through the emulator object, not the control API: no request reaches the server.
      t.emu.clock.advance(2 * 3600 * 1000 + 1000);
      const deadline = Date.now() + 5000;
      while (
        !feed.events.some(
          (e) => e.type === 'thread' && (e.data.thread as Thread | undefined)?.id === thread.id,
        ) &&
        Date.now() < deadline
      ) {
        await new Promise((r) => setTimeout(r, 50));
      }
    } finally {
      feed.close();
    }
    const after = await getJson<Thread>(avery, `${MTH}/${thread.id}`);
    expect(after).toMatchObject({ status: 'Resolved', statusReason: 'ThreadExpired' });
  });
});

describe('attachment names', () => {
  it.each([
    ['Cyrillic', 'отчёт за март.pdf', 'application/pdf'],
    ['Japanese', '写真.png', 'image/png'],
  ])('serves a %s filename with an RFC 5987 filename*', async (_script, filename, contentType) => {
    const { message } = await inbound(customer(), 'see attached', [
      { contentType, filename, base64: Buffer.from('fictional bytes').toString('base64') },
    ]);
    const uri = message.attachments?.[0]?.contentUri ?? '';
    const res = await fetch(`${uri}?contentDisposition=Attachment`, {
      headers: { authorization: await bearerOf(avery) },
    });
    expect(res.status).toBe(200);
    const header = res.headers.get('content-disposition') ?? '';
    expect(header).toMatch(/^attachment; filename="[\x20-\x7e]+"; filename\*=UTF-8''/);
    expect(decodeURIComponent(header.split("filename*=UTF-8''")[1] ?? '')).toBe(filename);
    expect(Buffer.from(await res.arrayBuffer()).toString()).toBe('fictional bytes');
  });

  it('refuses an inbound attachment whose content type is not a MIME type', async () => {
    const res = await fetch(`${t.url}/__emulator/inbound`, {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: JSON.stringify({
        from: customer(),
        to: QUEUE,
        attachments: [{ contentType: 'text/html\r\nX-Evil: 1', base64: 'AA==' }],
      }),
    });
    expect(res.status).toBe(400);
  });
});
