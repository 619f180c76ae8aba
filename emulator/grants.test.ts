// Grants and subscription filters through RingCentral's official clients (@ringcentral/sdk and
// @ringcentral/subscriptions): the agent's call-queue grants, the grant push filter following a membership change
// (test-control API and bulk-assign), and filters accepted but not delivered, listed in disabledFilters.
import type { SDK } from '@ringcentral/sdk';
import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';
import { listen, THREAD_FILTERS, type Listener } from '../test/conformance/push-listener.ts';
import { errorOf, getJson, signedIn, startTestEmulator, type TestEmulator } from './test-support.ts';

const GRANT = '/restapi/v1.0/account/~/extension/~/grant';
const MESSAGE_STORE = '/restapi/v1.0/account/~/extension/~/message-store';
const OPT_OUTS = '/restapi/v1.0/account/~/a2p-sms/opt-outs';
let t: TestEmulator;
let avery: SDK;
let queueId: string;
const listeners: Listener[] = [];

interface GrantList {
  records: { extension: { id: string; type: string; name: string }; callQueueSmsRecipient: boolean }[];
}

beforeAll(async () => {
  t = await startTestEmulator();
  avery = await signedIn(t, 'Avery');
  queueId = t.user('Avery').handles.find((h) => h.type === 'Department')!.id;
});
afterEach(async () => {
  for (const l of listeners.splice(0)) await l.stop();
  await t.control('faults', { disabledFilters: [] });
});
afterAll(() => t.stop());

async function subscribe(sdk: SDK, filters: string[]): Promise<Listener> {
  const listener = await listen(sdk, filters);
  listeners.push(listener);
  return listener;
}

describe('grants', () => {
  it("lists the call queues whose SMS the agent receives, and refuses another agent's grants", async () => {
    const grants = await getJson<GrantList>(avery, GRANT);
    expect(grants.records).toEqual([
      expect.objectContaining({
        extension: expect.objectContaining({
          id: queueId,
          type: 'Department',
          name: 'Financial Advising Queue',
        }),
        callQueueSmsRecipient: true,
      }),
    ]);
    const other = await errorOf(
      avery.platform().get(`/restapi/v1.0/account/~/extension/${t.user('Jordan').extensionId}/grant`),
    );
    expect(other.status).toBe(403);
  });

  it('pushes a grant event when an admin changes the queue membership, and the list follows', async () => {
    const push = await subscribe(avery, [...THREAD_FILTERS, GRANT]);
    const averyId = t.user('Avery').extensionId;
    const grantEvent = (e: { event: string }) => e.event.endsWith(`/extension/${averyId}/grant`);

    await t.control('membership', { resourceId: queueId, extensionId: averyId, member: false });
    const removed = await push.next(grantEvent, 'the grant event for the removal');
    expect(removed.body).toEqual({ extensionId: averyId, eventType: 'Update' });
    expect((await getJson<GrantList>(avery, GRANT)).records).toEqual([]);

    const since = push.envelopes.length;
    await avery.platform().post(`/restapi/v1.0/account/~/extension/${queueId}/sms-recipients/bulk-assign`, {
      addedExtensionIds: [averyId],
    });
    await push.next(grantEvent, 'the grant event for bulk-assign', since);
    expect((await getJson<GrantList>(avery, GRANT)).records.map((g) => g.extension.id)).toEqual([queueId]);
  });

  it("refuses a subscription to another extension's grants", async () => {
    const jordan = t.user('Jordan').extensionId;
    await expect(listen(avery, [`/restapi/v1.0/account/~/extension/${jordan}/grant`])).rejects.toThrow();
  });
});

describe('disabledFilters', () => {
  it('accepts real filters the emulator does not deliver and lists them, instead of failing the subscription', async () => {
    const push = await subscribe(avery, [...THREAD_FILTERS, MESSAGE_STORE, OPT_OUTS]);
    const info = push.wsSub.subscriptionInfo!;
    expect(info.eventFilters).toHaveLength(2);
    expect(info.disabledFilters).toEqual([
      { filter: MESSAGE_STORE, reason: 'AccountLimitation', message: expect.any(String) },
      { filter: OPT_OUTS, reason: 'AccountLimitation', message: expect.any(String) },
    ]);
    // The thread filters still deliver.
    const to = t.user('Avery').handles.find((h) => h.type === 'Department')!.sharedNumbers[0]!;
    await t.control('inbound', { from: '+15550166001', to, text: 'still delivered' });
    await push.next((e) => e.event.endsWith('/message-threads/entries/sync'), 'an entries event');
  });

  it('lists a thread filter the test-control API switched off and delivers nothing on it', async () => {
    await t.control('faults', { disabledFilters: ['/restapi/v1.0/account/~/message-threads/entries/sync'] });
    const push = await subscribe(avery, THREAD_FILTERS);
    expect(push.wsSub.subscriptionInfo!.disabledFilters).toEqual([
      {
        filter: `/restapi/v1.0/account/${t.user('Avery').accountId}/message-threads/entries/sync`,
        reason: 'AccountLimitation',
        message: expect.any(String),
      },
    ]);
    const to = t.user('Avery').handles.find((h) => h.type === 'Department')!.sharedNumbers[0]!;
    await t.control('inbound', { from: '+15550166002', to, text: 'new thread' });
    await push.next((e) => e.event.endsWith('/message-threads/sync'), 'the threads event');
    expect(push.envelopes.filter((e) => e.event.endsWith('/entries/sync'))).toEqual([]);
  });

  it('still refuses filters that are not RingCentral filters at all', async () => {
    await expect(listen(avery, ['/restapi/v1.0/account/~/no-such-thing'])).rejects.toThrow();
  });
});
