// The test-control API and persistence: credentials, inbound, clock, reset, state; state and sign-ins survive
// a restart (written atomically), --reset goes back to the deterministic seed, unfinished sends complete.
import { readdir, rm, writeFile } from 'node:fs/promises';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startEmulator } from './server.ts';
import {
  bearerOf,
  eventually,
  getJson,
  MTH,
  postJson,
  signedIn,
  startTestEmulator,
  type Credentials,
  type TestEmulator,
} from './test-support.ts';

const QUEUE = '+15559870100';
let t: TestEmulator;

interface StateView {
  accounts: {
    id: string;
    threads: {
      id: string;
      status: string;
      statusReason?: string;
      availability: string;
      assignee?: { extensionId: string };
      guestParty: { phoneNumber: string };
    }[];
    messages: { id: string; text?: string; messageStatus: string; attachments?: unknown[] }[];
    notes: { id: string; text: string }[];
    optOuts: unknown[];
  }[];
}

beforeAll(async () => {
  t = await startTestEmulator();
});
afterAll(async () => {
  await t.stop();
  for (const suffix of ['-persist', '-broken'])
    await rm(t.dataDir + suffix, { recursive: true, force: true });
});

describe('test-control API', () => {
  it('hands out credentials for every seeded user and app', () => {
    const creds: Credentials = t.creds;
    expect(creds.publicClientId).toMatch(/\w+/);
    expect(creds.privateApp).toEqual({ clientId: expect.any(String), clientSecret: expect.any(String) });
    const avery = t.user('Avery');
    expect(avery).toMatchObject({
      username: 'avery.chen@harborpine.example',
      extensionNumber: '101',
      password: 'Passw0rd!',
      accountId: '850000001',
    });
    expect(avery.jwt.split('.')).toHaveLength(3);
    expect(avery.handles).toEqual(
      expect.arrayContaining([
        {
          id: '850000201',
          name: 'Financial Advising Queue',
          type: 'Department',
          assignable: true,
          sharedNumbers: [QUEUE],
        },
        expect.objectContaining({ type: 'Site', sharedNumbers: ['+15559870000'] }),
      ]),
    );
    expect(t.user('Riley').handles).toEqual([]);
    expect(creds.customers.length).toBeGreaterThanOrEqual(40);
    expect(creds.customers.every((c) => /^\+(1555|447700900|61491570)/.test(c.phoneNumber))).toBe(true);
  });

  it('seeds threads in every state', async () => {
    const state = await t.control<
      StateView & {
        accounts: {
          threads: {
            status: string;
            statusReason?: string;
            availability: string;
            assignee?: { extensionId: string };
          }[];
          messages: { attachments?: unknown[] }[];
        }[];
      }
    >('state');
    const threads = state.accounts[0]?.threads ?? [];
    expect(threads.length).toBeGreaterThanOrEqual(40);
    const has = (pred: (th: (typeof threads)[number]) => boolean) => expect(threads.some(pred)).toBe(true);
    has((th) => th.status === 'Open' && !th.assignee);
    for (const ext of ['850000101', '850000102', '850000103', '850000104'])
      has((th) => th.status === 'Open' && th.assignee?.extensionId === ext);
    has((th) => th.statusReason === 'Manual');
    has((th) => th.statusReason === 'ThreadExpired');
    has((th) => th.availability === 'Deleted');
    expect(state.accounts[0]?.notes.length).toBeGreaterThan(3);
    expect(state.accounts[0]?.messages.some((m) => m.attachments?.length)).toBe(true);
    expect(state.accounts[0]?.optOuts.length).toBe(1);
    expect(state.accounts[1]?.threads).toEqual([]);
  });

  it('takes customer texts and validates them', async () => {
    const made = await t.control<{ thread: { id: string }; message: { text: string } }>('inbound', {
      from: '+15550165001',
      to: QUEUE,
      text: 'hi',
    });
    expect(made.message.text).toBe('hi');
    const post = (body: unknown) =>
      fetch(`${t.url}/__emulator/inbound`, {
        method: 'POST',
        headers: { 'content-type': 'application/json' },
        body: JSON.stringify(body),
      });
    expect((await post({ from: '+15550165001', to: '+15550000000', text: 'x' })).status).toBe(404);
    expect((await post({ from: '555', to: QUEUE, text: 'x' })).status).toBe(400);
    const photo = await post({
      from: '+15550165002',
      to: QUEUE,
      text: 'pic',
      attachments: [
        { contentType: 'image/png', filename: 'p.png', base64: Buffer.from('png').toString('base64') },
      ],
    });
    expect(
      ((await photo.json()) as { message: { attachments: unknown[] } }).message.attachments,
    ).toHaveLength(1);
  });

  it('moves the clock forward only', async () => {
    const before = await t.control<{ now: string; offsetMs: number }>('clock');
    const after = await t.control<{ now: string; offsetMs: number }>('clock', { advanceSeconds: 3600 });
    expect(after.offsetMs - before.offsetMs).toBe(3_600_000);
    expect(Date.parse(after.now) - Date.parse(before.now)).toBeGreaterThanOrEqual(3_600_000);
    const back = await fetch(`${t.url}/__emulator/clock`, {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: '{"advanceSeconds":-5}',
    });
    expect(back.status).toBe(400);
  });

  it('resets to the seed', async () => {
    await t.control('reset', {});
    const seeded = await t.control<StateView>('state');
    await t.control('inbound', { from: '+15550165003', to: QUEUE, text: 'new' });
    await t.control('clock', { advanceSeconds: 60 });
    await t.control('reset', {});
    const reset = await t.control<StateView>('state');
    expect(reset.accounts[0]?.threads.map((th) => th.id)).toEqual(
      seeded.accounts[0]?.threads.map((th) => th.id),
    );
    expect((await t.control<{ offsetMs: number }>('clock')).offsetMs).toBe(0);
    const sameCreds = await t.control<Credentials>('credentials');
    expect(sameCreds.users[0]?.jwt).toBe(t.creds.users[0]?.jwt);
  });
});

describe('persistence', () => {
  it('keeps state, sign-ins, media and the clock across a restart, and finishes unfinished sends', async () => {
    const first = await startEmulator({
      port: 0,
      dataDir: t.dataDir + '-persist',
      reset: true,
      carrierDelays: { sentMs: 5_000, deliveredMs: 10_000 },
    });
    const creds = (await (await fetch(`${first.url}/__emulator/credentials`)).json()) as Credentials;
    const avery = await signedIn({ url: first.url, creds }, 'Avery');
    const { thread } = (await (
      await fetch(`${first.url}/__emulator/inbound`, {
        method: 'POST',
        headers: { 'content-type': 'application/json' },
        body: JSON.stringify({ from: '+15550166001', to: QUEUE, text: 'remember me' }),
      })
    ).json()) as { thread: { id: string } };
    await postJson(avery, `${MTH}/${thread.id}/assign`, { assignee: { extensionId: '850000101' } });
    const note = await postJson<{ id: string }>(avery, `${MTH}/notes`, { threadId: thread.id, text: 'kept' });
    const sent = await postJson<{ id: string; messageStatus: string }>(avery, `${MTH}/messages`, {
      from: { phoneNumber: QUEUE },
      to: [{ phoneNumber: '+15550166001' }],
      text: 'in flight',
    });
    expect(sent.messageStatus).toBe('Queued');
    await fetch(`${first.url}/__emulator/clock`, {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: '{"advanceSeconds":60}',
    });
    const bearer = await bearerOf(avery);
    await first.close();
    const files = await readdir(t.dataDir + '-persist');
    expect(files.filter((f) => f.endsWith('.tmp'))).toEqual([]);
    expect(files).toContain('state.json');

    const second = await startEmulator({
      port: 0,
      dataDir: t.dataDir + '-persist',
      carrierDelays: { sentMs: 20, deliveredMs: 40 },
    });
    try {
      const res = await fetch(`${second.url}${MTH}/${thread.id}`, { headers: { authorization: bearer } });
      expect(res.status).toBe(200);
      expect(await res.json()).toMatchObject({ assignee: { extensionId: '850000101' }, label: 'in flight' });
      const notes = (await (
        await fetch(`${second.url}${MTH}/notes?threadIds=${thread.id}`, {
          headers: { authorization: bearer },
        })
      ).json()) as { records: { id: string }[] };
      expect(notes.records.map((r) => r.id)).toEqual([note.id]);
      const clock = (await (await fetch(`${second.url}/__emulator/clock`)).json()) as { offsetMs: number };
      expect(clock.offsetMs).toBe(60_000);
      const status = async () =>
        (
          (await (
            await fetch(`${second.url}${MTH}/messages?messageIds=${sent.id}`, {
              headers: { authorization: bearer },
            })
          ).json()) as { records: { messageStatus: string }[] }
        ).records[0]?.messageStatus;
      await eventually(status, (s) => s === 'Delivered');
      const seededPhoto =
        (
          (await (await fetch(`${second.url}/__emulator/state`)).json()) as {
            accounts: { messages: { attachments?: { contentUri: string }[] }[] }[];
          }
        ).accounts[0]?.messages.find((m) => m.attachments)?.attachments?.[0]?.contentUri ?? '';
      const bytes = await fetch(seededPhoto.replace(/^http:\/\/[^/]+/, second.url), {
        headers: { authorization: bearer },
      });
      expect(bytes.status).toBe(200);
      expect(bytes.headers.get('content-type')).toBe('image/png');
    } finally {
      await second.close();
    }

    const third = await startEmulator({
      port: 0,
      dataDir: t.dataDir + '-persist',
      reset: true,
    });
    try {
      const state = (await (await fetch(`${third.url}/__emulator/state`)).json()) as StateView;
      expect(
        state.accounts[0]?.threads.some(
          (th) => th.id === thread.id && th.guestParty.phoneNumber === '+15550166001',
        ),
      ).toBe(false);
      expect(
        (await fetch(`${third.url}${MTH}/${thread.id}`, { headers: { authorization: bearer } })).status,
      ).toBe(401);
    } finally {
      await third.close();
    }
  });

  it('seeds deterministic ids and ignores an unreadable state file', async () => {
    const dir = t.dataDir + '-broken';
    const a = await startEmulator({ port: 0, dataDir: dir, reset: true });
    const idsA = (
      (await (await fetch(`${a.url}/__emulator/state`)).json()) as StateView
    ).accounts[0]?.threads.map((th) => th.id);
    await a.close();
    await writeFile(path.join(dir, 'state.json'), '{"version": 99');
    const b = await startEmulator({ port: 0, dataDir: dir });
    try {
      const idsB = (
        (await (await fetch(`${b.url}/__emulator/state`)).json()) as StateView
      ).accounts[0]?.threads.map((th) => th.id);
      expect(idsB).toEqual(idsA);
      const avery = await signedIn(
        { url: b.url, creds: (await (await fetch(`${b.url}/__emulator/credentials`)).json()) as Credentials },
        'Avery',
      );
      expect((await getJson(avery, '/restapi/v1.0/account/~/extension/~')).name).toBe('Avery Chen');
    } finally {
      await b.close();
    }
  });
});
