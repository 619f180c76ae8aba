// RingCentral's other official client, ringcentral-extensible (@rc-ex/core + @rc-ex/ws), against the emulator on
// its default limits: sign-in, the thread lifecycle, FSync then ISync, push on both thread filters, and a dropped
// socket that @rc-ex/ws recovers with its cached ws token and the wsc session (docs/emulator.md "Push").
import RingCentral from '@rc-ex/core';
import WebSocketExtension, { Events } from '@rc-ex/ws';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startTestEmulator, waitUntil, type TestEmulator } from '../conformance/emulator-fixture.ts';
import { THREAD_FILTERS } from '../conformance/push-listener.ts';
import { twoHandlersOfOneNumber, type EmulatorUser } from '../conformance/sdk-session.ts';

const MTH = '/restapi/v1.0/account/~/message-threads';

interface Notification {
  event: string;
  body: { lastModifiedTime: string };
}
interface SyncPage<T> {
  records: T[];
  syncInfo: { syncToken: string };
}
interface Thread {
  id: string;
  status: string;
  lastModifiedTime: string;
  assignee?: { extensionId: string };
  guestParty?: { phoneNumber: string };
}

let emu: TestEmulator;
let user: EmulatorUser;
let sharedNumber: string;
let rc: RingCentral;
let wse: WebSocketExtension;
const received: Notification[] = [];

beforeAll(async () => {
  emu = await startTestEmulator();
  const pair = twoHandlersOfOneNumber(emu.credentials);
  user = pair.first;
  sharedNumber = pair.sharedNumber;
  rc = new RingCentral({
    server: emu.url,
    clientId: emu.credentials.privateApp.clientId,
    clientSecret: emu.credentials.privateApp.clientSecret,
  });
  await rc.authorize({ jwt: user.jwt });
  wse = new WebSocketExtension();
  await rc.installExtension(wse);
  await wse.subscribe(THREAD_FILTERS, (event) => void received.push(event as Notification));
});

afterAll(async () => {
  await wse?.revoke();
  await rc?.revoke();
  await emu?.close();
});

const inbound = (from: string, text: string) =>
  emu.control<{ thread: Thread; message: { id: string } }>('inbound', { from, to: sharedNumber, text });
const pushed = (what: string, match: (n: Notification) => boolean, since = 0) =>
  waitUntil(() => received.slice(since).find(match), what);
const isThreads = (n: Notification) => n.event.endsWith('/message-threads/sync');
const isEntries = (n: Notification) => n.event.endsWith('/message-threads/entries/sync');

describe('@rc-ex/core + @rc-ex/ws', () => {
  it('follows a thread from the first text to resolve, by push, FSync and ISync', async () => {
    const fsync = (await rc.get<SyncPage<Thread>>(`${MTH}/sync`, { syncType: 'FSync' })).data;
    const entriesFsync = (
      await rc.get<SyncPage<unknown>>(`${MTH}/entries/sync`, { syncType: 'FSync', scope: 'Accessible' })
    ).data;

    const customer = '+15550188001';
    const { thread } = await inbound(customer, 'Is my account open on Saturday?');
    const first = await pushed('a threads event for the new thread', isThreads);
    expect(first.body.lastModifiedTime).toBe(thread.lastModifiedTime);
    await pushed('an entries event for its message', isEntries);

    const isync = (
      await rc.get<SyncPage<Thread>>(`${MTH}/sync`, {
        syncType: 'ISync',
        syncToken: fsync.syncInfo.syncToken,
      })
    ).data;
    expect(isync.records.map((t) => t.id)).toContain(thread.id);

    await rc.post(`${MTH}/${thread.id}/assign`, { assignee: { extensionId: user.extensionId } });
    const sent = (
      await rc.post<{ id: string; direction: string }>(`${MTH}/messages`, {
        from: { phoneNumber: sharedNumber },
        to: [{ phoneNumber: customer }],
        text: 'Yes, 9 to 1.',
      })
    ).data;
    expect(sent).toMatchObject({ direction: 'Outbound', id: expect.stringMatching(/^\d+$/) });
    await rc.post(`${MTH}/notes`, { threadId: thread.id, text: 'Told them the Saturday hours.' });
    const resolved = (await rc.post<Thread>(`${MTH}/${thread.id}/resolve`)).data;
    expect(resolved.status).toBe('Resolved');

    const entries = (
      await rc.get<SyncPage<{ recordType: string; threadId?: string }>>(`${MTH}/entries/sync`, {
        syncType: 'ISync',
        syncToken: entriesFsync.syncInfo.syncToken,
        scope: 'Accessible',
      })
    ).data;
    const kinds = new Set(entries.records.filter((r) => r.threadId === thread.id).map((r) => r.recordType));
    expect([...kinds]).toEqual(expect.arrayContaining(['AliveMessage', 'AliveNote']));
  });

  it('recovers a dropped socket with its cached ws token and wsc, and replays what it missed', async () => {
    const wsToken = wse.wsToken?.ws_access_token;
    const wsc = wse.wsc?.token;
    const subscriptionId = wse.subscription?.subscriptionInfo?.id;
    const recovered = new Promise<void>((resolve) =>
      wse.eventEmitter.once(Events.autoRecoverSuccess, () => resolve()),
    );

    await emu.control('faults', { dropSockets: true });
    await waitUntil(() => wse.ws.readyState === wse.ws.CLOSED, 'the socket to drop');
    const dropped = Date.now();
    const since = received.length;
    const { thread } = await inbound('+15550188002', 'sent while the socket was down');
    await emu.control('faults', { dropSockets: false });

    await recovered;
    const replayed = await pushed(
      'the notification sent while disconnected',
      (n) => n.body.lastModifiedTime === thread.lastModifiedTime,
      since,
    );
    console.info(`@rc-ex/ws recovery after a dropped socket: ${Date.now() - dropped} ms`);
    expect(replayed).toBeTruthy();
    expect(wse.connectionDetails.recoveryState).toBe('Successful');
    expect(wse.wsToken?.ws_access_token).toBe(wsToken);
    expect(wse.wsc?.token).toBe(wsc);
    expect(wse.subscription?.subscriptionInfo?.id).toBe(subscriptionId);
  });
});
