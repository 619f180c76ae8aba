// Push through the real emulator with the official client: envelopes and the recipients table (docs/emulator.md "Events").
import type { SDK } from '@ringcentral/sdk';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startTestEmulator, type TestEmulator } from '../conformance/emulator-fixture.ts';
import { isEntriesEvent, isThreadsEvent, listen, type Listener } from '../conformance/push-listener.ts';
import { signInWithJwt, twoHandlersOfOneNumber, type EmulatorUser } from '../conformance/sdk-session.ts';

interface InboundResult {
  accountId: string;
  thread: { id: string; lastModifiedTime: string };
}

let emu: TestEmulator;
let alice: { user: EmulatorUser; sdk: SDK; push: Listener };
let bob: { user: EmulatorUser; sdk: SDK; push: Listener };
let sharedNumber: string;
let customerCounter = 0;

/** Customer numbers outside the seeded range, so every test starts a thread of its own. */
const newCustomer = () => `+1555019${String(9000 + (customerCounter += 1)).padStart(4, '0')}`;

const inbound = (from: string, text: string) =>
  emu.control<InboundResult>('inbound', { from, to: sharedNumber, text });

/** Waits until the listener has the entries event of a change with this lastModifiedTime. */
const arrived = (who: typeof alice, lastModifiedTime: string) =>
  who.push.next(
    (e) => isEntriesEvent(e) && e.body.lastModifiedTime === lastModifiedTime,
    `event at ${lastModifiedTime}`,
  );

beforeAll(async () => {
  emu = await startTestEmulator();
  const pair = twoHandlersOfOneNumber(emu.credentials);
  sharedNumber = pair.sharedNumber;
  const join = async (user: EmulatorUser) => {
    const sdk = await signInWithJwt(emu.url, emu.credentials, user);
    return { user, sdk, push: await listen(sdk) };
  };
  alice = await join(pair.first);
  bob = await join(pair.second);
});

afterAll(async () => {
  await alice?.push.stop();
  await bob?.push.stop();
  await emu?.close();
});

describe('push notifications from the emulator', () => {
  it('registers with both thread filters expanded to the real account id', () => {
    const info = alice.push.wsSub.subscriptionInfo;
    const accountId = alice.user.accountId;
    expect(info?.eventFilters).toEqual([
      `/restapi/v1.0/account/${accountId}/message-threads/sync`,
      `/restapi/v1.0/account/${accountId}/message-threads/entries/sync`,
    ]);
    expect(info?.deliveryMode?.transportType).toBe('WebSocket');
    expect(info?.status).toBe('Active');
    expect(emu.running.gateway?.connections()).toBe(2);
  });

  it('delivers a customer text on a new, unassigned thread to every handler, both filters', async () => {
    const sinceA = alice.push.envelopes.length;
    const sinceB = bob.push.envelopes.length;
    const { thread } = await inbound(newCustomer(), 'Hello, is anyone there?');
    for (const [who, since] of [
      [alice, sinceA],
      [bob, sinceB],
    ] as const) {
      const threads = await who.push.next(isThreadsEvent, 'threads event', since);
      const entries = await who.push.next(isEntriesEvent, 'entries event', since);
      const accountId = who.user.accountId;
      expect(threads).toEqual({
        uuid: expect.any(String),
        event: `/restapi/v1.0/account/${accountId}/message-threads/sync`,
        timestamp: expect.stringMatching(/^\d{4}-\d\d-\d\dT\d\d:\d\d:\d\d\.\d{3}Z$/),
        subscriptionId: who.push.wsSub.subscriptionInfo?.id,
        ownerId: who.user.extensionId,
        body: { lastModifiedTime: thread.lastModifiedTime },
      });
      expect(entries.event).toBe(`/restapi/v1.0/account/${accountId}/message-threads/entries/sync`);
      expect(entries.body.lastModifiedTime).toBe(thread.lastModifiedTime);
    }
  });

  it('tells both handlers about an assignment (threads only), then only the assignee about new texts', async () => {
    const customer = newCustomer();
    const { thread } = await inbound(customer, 'Can someone help with my account?');
    await arrived(bob, thread.lastModifiedTime);
    await arrived(alice, thread.lastModifiedTime);
    const sinceA = alice.push.envelopes.length;
    const sinceB = bob.push.envelopes.length;

    const response = await alice.sdk
      .platform()
      .post(`/restapi/v1.0/account/~/message-threads/${thread.id}/assign`, {
        assignee: { extensionId: alice.user.extensionId },
      });
    const assigned = (await response.json()) as { lastModifiedTime: string };
    const reply = await inbound(customer, 'Thanks Alice!');
    // Events reach each socket in order, so once this later one is in, nothing earlier is still on its way.
    const sentinel = await inbound(newCustomer(), 'Different customer');
    await arrived(alice, sentinel.thread.lastModifiedTime);
    await arrived(bob, sentinel.thread.lastModifiedTime);

    const seen = (who: typeof alice, since: number) =>
      who.push.envelopes
        .slice(since)
        .map((e) => [isThreadsEvent(e) ? 'threads' : 'entries', e.body.lastModifiedTime]);
    const s = sentinel.thread.lastModifiedTime;
    expect(seen(alice, sinceA)).toEqual([
      ['threads', assigned.lastModifiedTime],
      ['entries', reply.thread.lastModifiedTime],
      ['threads', s],
      ['entries', s],
    ]);
    expect(seen(bob, sinceB)).toEqual([
      ['threads', assigned.lastModifiedTime],
      ['threads', s],
      ['entries', s],
    ]);
  });

  it('tells every handler when a thread is resolved', async () => {
    const { thread } = await inbound(newCustomer(), 'Quick question');
    await arrived(bob, thread.lastModifiedTime);
    const sinceB = bob.push.envelopes.length;
    const response = await alice.sdk
      .platform()
      .post(`/restapi/v1.0/account/~/message-threads/${thread.id}/resolve`);
    const resolved = (await response.json()) as { status: string; lastModifiedTime: string };
    expect(resolved.status).toBe('Resolved');
    const event = await bob.push.next(isThreadsEvent, 'Bob: resolve', sinceB);
    expect(event.body.lastModifiedTime).toBe(resolved.lastModifiedTime);
  });
});
