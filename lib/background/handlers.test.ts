import { beforeEach, describe, expect, it, vi } from 'vitest';
import { browser } from 'wxt/browser';
import { fakeBrowser } from 'wxt/testing';
import { setupBadge } from '../badge';
import { Outbox } from '../outbox/outbox';
import { thread as buildThread } from '../../test/support/threads';
import { protocolFailureOf } from '../messaging';
import { authStatus, capabilities, contactBook, crmSettings, panelFocus } from '../storage';
import { STORE_CHANNEL } from '../sync/changes';
import { openStore, type Store } from '../sync/db';
import { subscribedTabs } from './chip-subscribers';
import { ChipPush } from './chip-push';
import { setupMessaging } from './handlers';

const PAGE = { id: 'test-extension-id', url: 'chrome-extension://test-extension-id/sidepanel.html' };
const CRM = {
  id: 'test-extension-id',
  url: 'https://crm.example.com/contacts/1',
  tab: { id: 7, windowId: 1 },
};
let n = 0;

const thread = buildThread('t1', {
  ownerParty: { phoneNumber: '+15550000001' },
  guest: '+15551230000',
  assignee: { extensionId: '101', name: 'Me' },
});

/** Sends a message the way @webext-core/messaging does, with the sender the browser would set. */
async function call(type: string, data: unknown, sender: object) {
  const [reply] = await fakeBrowser.runtime.onMessage.trigger(
    { id: 1, type, data, timestamp: Date.now() },
    sender,
  );
  const { res, err } = reply as { res?: unknown; err?: unknown };
  // The error as the sending page reads it: only what survived the messaging library's serialisation.
  return { res, err: err === undefined ? undefined : protocolFailureOf(err) };
}

describe('background handlers', () => {
  let db: Store;
  let remove: () => void;
  let badge: ReturnType<typeof setupBadge>;
  const pushed: Array<{ tabId: number; states: unknown }> = [];
  const synced: string[] = [];

  beforeEach(async () => {
    fakeBrowser.reset();
    db = await openStore(`handlers-test-${++n}`);
    await db.put('threads', thread);
    await authStatus.setValue({
      state: 'signedIn',
      user: { extensionId: '101', accountId: '1', name: 'Me', server: 'https://rc.test' },
    });
    const outbox = new Outbox({
      db: async () => db,
      rc: async () => ({ request: async () => undefined as never }),
      agent: async () => undefined,
      applyLocalMessage: async () => undefined,
      onChange: () => undefined,
    });
    const offline = () => Promise.reject(new Error('no RingCentral in this test'));
    remove?.();
    remove = setupMessaging({
      getClient: offline,
      db: async () => db,
      outbox,
      sync: {
        syncNow: async () => void synced.push('sync'),
        applyLocalThread: offline,
        loadHistory: offline,
        loadResolved: offline,
      },
      session: { signIn: offline, signInJwt: offline, signOut: offline },
      refreshCapabilities: async () => undefined,
      chips: new ChipPush(
        async () => db,
        async (tabId, states) => void pushed.push({ tabId, states }),
      ),
      crm: {
        crmConnectSalesforce: offline,
        crmConnectHubSpot: offline,
        crmDisconnect: offline,
        crmChooseRecord: offline,
        crmCreateRecord: offline,
        crmLogNow: offline,
      },
      onReadsChanged: () => void badge.refresh(),
    });
  });

  it('refuses a content script asking for a page-only request', async () => {
    const reply = await call('assign', { threadId: 't1', extensionId: '101' }, CRM);
    expect(reply.err?.code).toBe('forbidden');
  });

  it('tells a content script whether chips run on its page, judged by the address the browser set', async () => {
    const SALESFORCE = { ...CRM, url: 'https://acme.lightning.force.com/lightning/r/Contact/003/view' };
    expect((await call('pageSettings', {}, SALESFORCE)).res).toEqual({ enabled: true });
    await crmSettings.setValue({ disabledAdapters: ['salesforce'], customOrigins: [] });
    // Only whether it runs: the page learns nothing else of the settings.
    expect((await call('pageSettings', {}, SALESFORCE)).res).toEqual({ enabled: false });
    expect((await call('pageSettings', {}, CRM)).res).toEqual({ enabled: true });
    // What the page claims does not count: the schema takes no fields, the sender's address decides.
    expect((await call('pageSettings', { url: CRM.url }, SALESFORCE)).res).toEqual({ enabled: false });
    expect((await call('pageSettings', 'salesforce', SALESFORCE)).err?.code).toBe('invalidRequest');
    expect((await call('pageSettings', {}, { ...SALESFORCE, id: 'other-extension' })).err?.code).toBe(
      'forbidden',
    );
    expect((await call('pageSettings', {}, { id: 'test-extension-id' })).err?.code).toBe('forbidden');
  });

  it('refuses senders that are not this extension, whatever they claim', async () => {
    const reply = await call('getStatus', {}, { ...PAGE, id: 'other-extension' });
    expect(reply.err?.code).toBe('forbidden');
    const noUrl = await call('getStatus', {}, { id: 'test-extension-id' });
    expect(noUrl.err?.code).toBe('forbidden');
  });

  it('refuses an invalid payload before doing anything', async () => {
    const reply = await call('send', { from: '+15550000001', to: 'not a number', text: 'hi' }, PAGE);
    expect(reply.err).toEqual({ code: 'invalidRequest', message: 'not an E.164 phone number (to)' });
    expect(await db.getAll('outbox')).toEqual([]);
  });

  it('answers chip states to a content script and remembers its tab', async () => {
    const reply = await call(
      'threadStates',
      { phones: ['+15551230000', '+15559999999'], names: { '+15551230000': 'Ada Lovelace' } },
      CRM,
    );
    // The page's own hint comes back labelled with its site, as every page hint is shown.
    expect(reply.res).toEqual({
      '+15551230000': { kind: 'mine', unread: false, customer: 'Ada Lovelace (from crm.example.com)' },
      '+15559999999': { kind: 'none', unread: false },
    });
    expect(subscribedTabs()).toContainEqual({ tabId: 7, phones: ['+15551230000', '+15559999999'] });
    expect(await contactBook.getValue()).toEqual({
      '+15551230000': {
        hints: { 'https://crm.example.com': { name: 'Ada Lovelace', at: expect.any(Number) } },
      },
    });
  });

  it('refuses names for numbers the request does not ask about, and keeps none while signed out', async () => {
    const foreign = await call(
      'threadStates',
      { phones: ['+15551230000'], names: { '+15557777777': 'Mallory' } },
      CRM,
    );
    expect(foreign.err).toMatchObject({
      code: 'invalidRequest',
      message: expect.stringMatching(/\(names\)$/),
    });
    await authStatus.setValue({ state: 'signedOut' });
    await call('threadStates', { phones: ['+15551230000'], names: { '+15551230000': 'Ada' } }, CRM);
    expect(await contactBook.getValue()).toEqual({});
  });

  it('lets a page name through openThread only a number its tab asked about', async () => {
    const g = globalThis as { chrome?: unknown };
    g.chrome = { sidePanel: { open: async () => undefined } };
    await call(
      'openThread',
      { phone: '+15552220000', name: 'Invented' },
      { ...CRM, tab: { id: 99, windowId: 1 } },
    );
    expect(await contactBook.getValue()).toEqual({});
    await call('threadStates', { phones: ['+15552220000'] }, { ...CRM, tab: { id: 99, windowId: 1 } });
    await call(
      'openThread',
      { phone: '+15552220000', name: 'Shown' },
      { ...CRM, tab: { id: 99, windowId: 1 } },
    );
    delete g.chrome;
    expect((await contactBook.getValue())['+15552220000']?.hints?.['https://crm.example.com']?.name).toBe(
      'Shown',
    );
  });

  it('an agent-set name wins over page hints and can be cleared back to them', async () => {
    await call('threadStates', { phones: ['+15551230000'], names: { '+15551230000': 'Page Name' } }, CRM);
    await call('setContactName', { phone: '+15551230000', name: 'Ada Agent' }, PAGE);
    expect((await contactBook.getValue())['+15551230000']?.agent?.name).toBe('Ada Agent');
    expect((await call('setContactName', { phone: '+15551230000', name: 'x' }, CRM)).err?.code).toBe(
      'forbidden',
    );
    await call('setContactName', { phone: '+15551230000', name: null }, PAGE);
    const entry = (await contactBook.getValue())['+15551230000'];
    expect(entry?.agent).toBeUndefined();
    expect(entry?.hints?.['https://crm.example.com']?.name).toBe('Page Name');
  });

  it('openThread opens the panel for the tab and focuses the open thread, or the number', async () => {
    const opened: unknown[] = [];
    const g = globalThis as { chrome?: unknown };
    g.chrome = { sidePanel: { open: async (o: unknown) => void opened.push(o) } };
    await call('openThread', { phone: '+15551230000', name: 'Ada' }, CRM);
    delete g.chrome;
    expect(opened).toEqual([{ tabId: 7, windowId: 1 }]);
    expect(await panelFocus.getValue()).toMatchObject({ threadId: 't1' });
    await capabilities.setValue({
      me: { extensionId: '101' },
      feature: { available: true },
      resources: [
        { id: 'q1', name: 'Support', type: 'Department', sharedNumbers: ['+15550000001'], handlers: [] },
      ],
      fetchedAt: 0,
    });
    await call('openThread', { phone: '+15557777777' }, CRM);
    const focus = await panelFocus.getValue();
    expect(focus).toMatchObject({ phone: '+15557777777', sharedNumber: '+15550000001' });
    expect(focus?.threadId).toBeUndefined();
  });

  it('markRead only moves forward, announces the read and refreshes the badge', async () => {
    await db.put('summaries', {
      threadId: 't1',
      lastInboundAt: '2026-01-01T12:00:00.000Z',
      optedOut: false,
    });
    badge = setupBadge({ db: async () => db });
    expect((await badge.refresh())?.title).toMatch(/1 mine · 1 unread/);
    const heard: unknown[] = [];
    const listener = new BroadcastChannel(STORE_CHANNEL);
    listener.onmessage = (e: MessageEvent) => heard.push(e.data);

    await call('markRead', { threadId: 't1', time: '2026-01-02T00:00:00.000Z' }, PAGE);
    await vi.waitFor(async () => expect(await browser.action.getTitle({})).toMatch(/1 mine · 0 unread/));
    await vi.waitFor(() => expect(heard).toEqual([{ kind: 'reads', threadIds: ['t1'] }]));

    await call('markRead', { threadId: 't1', time: '2026-01-01T00:00:00.000Z' }, PAGE);
    expect(await db.get('reads', 't1')).toBe('2026-01-02T00:00:00.000Z');
    await new Promise((r) => setTimeout(r, 20));
    expect(heard).toHaveLength(1);
    listener.close();
  });

  it('a read mark pushes the changed chip to the CRM tab showing it, and only that chip', async () => {
    await db.put('summaries', { threadId: 't1', lastInboundAt: '2026-01-01T12:00:00.000Z', optedOut: false });
    const first = await call('threadStates', { phones: ['+15551230000', '+15559999999'] }, CRM);
    expect(first.res).toMatchObject({ '+15551230000': { kind: 'mine', unread: true } });
    pushed.length = 0;
    await call('markRead', { threadId: 't1', time: '2026-01-02T00:00:00.000Z' }, PAGE);
    await vi.waitFor(() =>
      expect(pushed).toEqual([{ tabId: 7, states: { '+15551230000': { kind: 'mine', unread: false } } }]),
    );
  });

  it('refuses attachments off the server and maps failures to coded errors', async () => {
    const reply = await call('assign', { threadId: 't1', extensionId: null }, PAGE);
    expect(reply.err?.code).toBe('offline');
    const sent = await call('send', { from: '+15550000001', to: '+15551230000', text: 'hi' }, PAGE);
    expect(sent.res).toMatchObject({ localId: expect.any(String) });
    expect(await db.getAll('outbox')).toHaveLength(1);
  });
});
