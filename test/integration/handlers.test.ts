import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { fakeBrowser } from 'wxt/testing';
import { createHandlers, handleRequest, type Handlers } from '../../lib/background/handlers';
import type { RequestName } from '../../lib/messaging';
import { Outbox } from '../../lib/outbox/outbox';
import type { RcClient } from '../../lib/rc/client';
import { authStatus } from '../../lib/storage';
import { openStore, type Store } from '../../lib/sync/db';
import { readEntries } from '../../lib/sync/read';
import { SyncEngine } from '../../lib/sync/engine';
import { loadHistory, loadResolved } from '../../lib/sync/history';
import { agentOf } from '../../lib/auth/agent';
import { ChipPush } from '../../lib/background/chip-push';
import { signedInJwtClient, startTestEmulator, type TestEmulator } from './auth-helpers';

const QUEUE = '+15559870100';
const notHere = () => Promise.reject(new Error('the session is not part of this test'));
// A 1×1 PNG.
const PNG =
  'iVBORw0KGgoAAAANSUhEUgAAAAEAAAABCAYAAAAfFcSJAAAADUlEQVR42mP8z8BQDwAEhQGAhKmMIQAAAABJRU5ErkJggg==';

let t: TestEmulator;
let client: RcClient;
let db: Store;
let engine: SyncEngine;
let handlers: Handlers;
let n = 0;
const self = { extensionId: 'test-extension-id', extensionOrigin: 'chrome-extension://test-extension-id' };
const page = { id: self.extensionId, url: `${self.extensionOrigin}/sidepanel.html` };

const ask = <N extends RequestName>(name: N, data: unknown) =>
  handleRequest(handlers, name, data, page, self);

beforeAll(async () => {
  t = await startTestEmulator();
});
afterAll(() => t.close());

beforeEach(async () => {
  fakeBrowser.reset();
  client = await signedInJwtClient(t, 'Avery');
  db = await openStore(`handlers-it-${++n}`);
  engine = new SyncEngine({ client, db, debounceMs: 0 });
  const avery = t.user('Avery');
  await authStatus.setValue({
    state: 'signedIn',
    user: { extensionId: avery.extensionId, accountId: avery.accountId, name: avery.name, server: t.url },
  });
  handlers = createHandlers({
    getClient: async () => client,
    db: async () => db,
    outbox: new Outbox({
      db: async () => db,
      rc: async () => client,
      agent: async () => agentOf(await authStatus.getValue()),
      applyLocalMessage: (m) => engine.applyLocalMessage(m),
      onChange: () => undefined,
    }),
    sync: {
      syncNow: () => engine.syncNow(),
      applyLocalThread: (th) => engine.applyLocalThread(th),
      loadHistory: (threadId) => loadHistory(client, db, engine, threadId),
      loadResolved: (page) => loadResolved(client, engine, page),
    },
    session: { signIn: notHere, signInJwt: notHere, signOut: notHere },
    refreshCapabilities: async () => undefined,
    // No CRM tab is open in these tests: chip pushes go nowhere.
    chips: new ChipPush(
      async () => db,
      async () => undefined,
    ),
    crm: {
      crmConnectSalesforce: notHere,
      crmConnectHubSpot: notHere,
      crmDisconnect: notHere,
      crmChooseRecord: notHere,
      crmCreateRecord: notHere,
      crmLogNow: notHere,
    },
    onReadsChanged: () => undefined,
  });
});

async function inboundThread(customer: string, text = 'Hi, can someone help?') {
  await t.control('inbound', { from: customer, to: QUEUE, text });
  await engine.syncNow();
  const thread = (await db.getAll('threads')).find(
    (th) => th.guestParty?.phoneNumber === customer && th.status === 'Open',
  );
  if (!thread) throw new Error('thread not synced');
  return thread;
}

describe('handlers against the emulator', () => {
  it('assign, add a note and resolve: RingCentral changes and the store follows at once', async () => {
    const thread = await inboundThread('+15553020001');
    expect(thread.assignee ?? null).toBeNull();
    const me = t.user('Avery').extensionId;

    await ask('assign', { threadId: thread.id, extensionId: me });
    expect((await db.get('threads', thread.id))?.assignee?.extensionId).toBe(me);

    await ask('addNote', { threadId: thread.id, text: 'Called back, waiting for documents' });
    const state = await t.control<{ accounts: Array<{ notes: Array<{ threadId: string; text?: string }> }> }>(
      'state',
    );
    expect(state.accounts.flatMap((a) => a.notes).filter((x) => x.threadId === thread.id)).toEqual([
      expect.objectContaining({ text: 'Called back, waiting for documents' }),
    ]);

    await ask('resolve', { threadId: thread.id });
    expect((await db.get('threads', thread.id))?.status).toBe('Resolved');
    // Resolving twice is refused with words for the agent.
    await expect(ask('resolve', { threadId: thread.id })).rejects.toMatchObject({
      name: 'ProtocolError',
      code: 'threadResolved',
    });
  });

  it('fetchAttachment returns the MMS content as a data URL, and only from the RingCentral server', async () => {
    const customer = '+15553020002';
    await t.control('inbound', {
      from: customer,
      to: QUEUE,
      text: 'Here is the form',
      attachments: [{ contentType: 'image/png', filename: 'form.png', base64: PNG }],
    });
    await engine.syncNow();
    const thread = (await db.getAll('threads')).find((th) => th.guestParty?.phoneNumber === customer)!;
    const entries = await readEntries(db, thread.id);
    const withFile = entries.find((e) => e.recordType === 'AliveMessage' && e.attachments?.length);
    const uri = withFile && 'attachments' in withFile ? withFile.attachments![0]!.contentUri : '';
    expect(uri).toMatch(/^http:\/\/127\.0\.0\.1:/);
    const reply = await ask('fetchAttachment', { uri });
    expect(reply).toEqual({ dataUrl: `data:image/png;base64,${PNG}`, contentType: 'image/png' });

    await expect(ask('fetchAttachment', { uri: 'https://attacker.example/steal' })).rejects.toMatchObject({
      code: 'forbidden',
    });
  });

  it('a request RingCentral refuses comes back as a coded error with words for the agent', async () => {
    await expect(ask('assign', { threadId: 'no-such-thread', extensionId: null })).rejects.toMatchObject({
      code: 'notFound',
      message: 'That item no longer exists in RingCentral.',
    });
  });
});
