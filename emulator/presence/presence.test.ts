// Presence through the real emulator with code we did not write: @ringcentral/sdk and @rc-ex/core read it,
// @ringcentral/subscriptions receives the account-wide and per-extension presence filters.
import RingCentral from '@rc-ex/core';
import type { SDK } from '@ringcentral/sdk';
import { Subscriptions } from '@ringcentral/subscriptions';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { resolvePresenceFilter } from './filters.ts';
import { errorOf, getJson, signedIn, startTestEmulator, type TestEmulator } from '../test-support.ts';

interface Envelope {
  event: string;
  ownerId: string;
  subscriptionId: string;
  body: Record<string, unknown>;
}

let t: TestEmulator;
let avery: SDK;
let jordan: SDK;

beforeAll(async () => {
  // Default realism: rate limits on, as in production.
  t = await startTestEmulator({ rateLimits: true });
  avery = await signedIn(t, 'Avery');
  jordan = await signedIn(t, 'Jordan');
});

afterAll(async () => {
  await t?.stop();
});

async function listen(sdk: SDK, filters: string[]) {
  const subscription = new Subscriptions({ sdk }).createSubscription();
  const envelopes: Envelope[] = [];
  subscription.on(subscription.events.notification, (e: Envelope) => envelopes.push(e));
  subscription.setEventFilters(filters);
  const wsSub = await subscription.register();
  const wse = wsSub.wse as unknown as { revoke(): Promise<void> };
  return { envelopes, info: wsSub.subscriptionInfo, stop: () => wse.revoke() };
}

const waitFor = async <T>(read: () => T | undefined, what: string): Promise<T> => {
  const end = Date.now() + 5000;
  for (;;) {
    const value = read();
    if (value !== undefined) return value;
    if (Date.now() > end) throw new Error(`timed out waiting for ${what}`);
    await new Promise((r) => setTimeout(r, 10));
  }
};

describe('GET …/extension/{id}/presence', () => {
  it('answers every seeded state with the aggregated presenceStatus', async () => {
    const states = Object.fromEntries(
      await Promise.all(
        ['Avery', 'Jordan', 'Sam', 'Taylor', 'Morgan'].map(async (name) => {
          const body = await getJson(
            avery,
            `/restapi/v1.0/account/~/extension/${t.user(name).extensionId}/presence`,
          );
          return [name, body] as const;
        }),
      ),
    );
    expect(states.Avery).toMatchObject({
      presenceStatus: 'Available',
      userStatus: 'Available',
      dndStatus: 'TakeAllCalls',
      telephonyStatus: 'NoCall',
      meetingStatus: 'Disconnected',
      allowSeeMyPresence: true,
      extension: {
        id: Number(t.user('Avery').extensionId),
        extensionNumber: t.user('Avery').extensionNumber,
      },
    });
    expect(states.Jordan).toMatchObject({ presenceStatus: 'Busy', telephonyStatus: 'CallConnected' });
    expect(states.Sam).toMatchObject({ presenceStatus: 'Busy', dndStatus: 'DoNotAcceptAnyCalls' });
    expect(states.Taylor).toMatchObject({ presenceStatus: 'Offline', userStatus: 'Offline' });
    expect(states.Morgan).toMatchObject({ presenceStatus: 'Busy', meetingStatus: 'Connected' });
  });

  it('resolves ~ to the caller, answers queues as Offline without user fields, 404 for strangers', async () => {
    const me = await getJson(jordan, '/restapi/v1.0/account/~/extension/~/presence');
    expect(me.uri).toBe(
      `${t.url}/restapi/v1.0/account/${t.user('Jordan').accountId}/extension/${t.user('Jordan').extensionId}/presence`,
    );
    const queueId = t.user('Avery').handles.find((h) => h.name === 'Financial Advising Queue')?.id;
    const queue = await getJson(avery, `/restapi/v1.0/account/~/extension/${queueId}/presence`);
    expect(queue.presenceStatus).toBe('Offline');
    expect(queue).not.toHaveProperty('userStatus');
    expect(queue).not.toHaveProperty('dndStatus');
    const missing = await errorOf(
      avery.platform().get('/restapi/v1.0/account/~/extension/999999999/presence'),
    );
    expect(missing.status).toBe(404);
  });

  it('is in the Light group; the account list is Heavy and paged', async () => {
    const one = await avery.platform().get(`/restapi/v1.0/account/~/extension/~/presence`);
    expect(one.headers.get('x-rate-limit-group')).toBe('light');
    const page = await avery.platform().get('/restapi/v1.0/account/~/presence', { perPage: 2 });
    expect(page.headers.get('x-rate-limit-group')).toBe('heavy');
    const body = (await page.json()) as {
      records: { extension: { id: number } }[];
      paging: { totalPages: number };
    };
    expect(body.records).toHaveLength(2);
    expect(body.paging.totalPages).toBeGreaterThan(1);
    const all = await getJson<{ records: { extension: { id: number }; presenceStatus: string }[] }>(
      avery,
      '/restapi/v1.0/account/~/presence',
    );
    const taylor = all.records.find((r) => String(r.extension.id) === t.user('Taylor').extensionId);
    expect(taylor?.presenceStatus).toBe('Offline');
  });

  it('reads the same through @rc-ex/core', async () => {
    const rc = new RingCentral({
      server: t.url,
      clientId: t.creds.privateApp.clientId,
      clientSecret: t.creds.privateApp.clientSecret,
    });
    // Avery's token, not a sign-in of its own: the Auth group (5 a minute) is kept for the push tests' wstokens.
    rc.token = (await avery.platform().auth().data()) as typeof rc.token;
    const sam = await rc.restapi().account().extension(t.user('Sam').extensionId).presence().get();
    expect(sam.dndStatus).toBe('DoNotAcceptAnyCalls');
    const list = await rc.restapi().account().presence().get({ perPage: 100 });
    expect(list.records?.length).toBeGreaterThanOrEqual(6);
  });
});

describe('presence push filters', () => {
  it('delivers a change to the account filter and to the per-extension filter, sequence growing', async () => {
    const taylorId = t.user('Taylor').extensionId;
    const accountId = t.user('Avery').accountId;
    const account = await listen(avery, ['/restapi/v1.0/account/~/presence']);
    const single = await listen(jordan, [
      `/restapi/v1.0/account/~/extension/${taylorId}/presence`,
      '/restapi/v1.0/account/~/message-threads/sync',
    ]);
    try {
      expect(account.info?.eventFilters).toEqual([`/restapi/v1.0/account/${accountId}/presence`]);
      expect(single.info?.eventFilters).toEqual([
        `/restapi/v1.0/account/${accountId}/extension/${taylorId}/presence`,
        `/restapi/v1.0/account/${accountId}/message-threads/sync`,
      ]);
      const before = await getJson<{ sequence?: number }>(
        avery,
        `/restapi/v1.0/account/~/extension/${taylorId}/presence`,
      );
      expect(before).not.toHaveProperty('sequence');

      await t.control('presence', { extensionId: taylorId, userStatus: 'Available' });
      const first = await waitFor(
        () => account.envelopes.find((e) => e.body.extensionId === taylorId),
        'account event',
      );
      expect(first.event).toBe(`/restapi/v1.0/account/${accountId}/presence`);
      expect(first.ownerId).toBe(t.user('Avery').extensionId);
      expect(first.body).toMatchObject({
        extensionId: taylorId,
        presenceStatus: 'Available',
        userStatus: 'Available',
        dndStatus: 'TakeAllCalls',
        telephonyStatus: 'NoCall',
        meetingStatus: 'Disconnected',
      });
      const viaExtension = await waitFor(() => single.envelopes[0], 'extension event');
      expect(viaExtension.event).toBe(`/restapi/v1.0/account/${accountId}/extension/${taylorId}/presence`);

      await t.control('presence', { extensionId: taylorId, dndStatus: 'DoNotAcceptAnyCalls' });
      const second = await waitFor(
        () => account.envelopes.filter((e) => e.body.extensionId === taylorId)[1],
        'second',
      );
      expect(second.body.presenceStatus).toBe('Busy');
      expect(Number(second.body.sequence)).toBeGreaterThan(Number(first.body.sequence));

      // A change of someone else reaches the account filter only.
      await t.control('presence', { extensionId: t.user('Sam').extensionId, dndStatus: 'TakeAllCalls' });
      await waitFor(
        () => account.envelopes.find((e) => e.body.extensionId === t.user('Sam').extensionId),
        'Sam on the account filter',
      );
      expect(single.envelopes.every((e) => e.body.extensionId === taylorId)).toBe(true);
    } finally {
      await account.stop();
      await single.stop();
    }
  });

  it('refuses a bad control body and an unknown user, and a reset restores the seed', async () => {
    const bad = await fetch(`${t.url}/__emulator/presence`, {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: JSON.stringify({ extensionId: t.user('Avery').extensionId, userStatus: 'Sleeping' }),
    });
    expect(bad.status).toBe(400);
    const unknown = await fetch(`${t.url}/__emulator/presence`, {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: JSON.stringify({ extensionId: '123', userStatus: 'Busy' }),
    });
    expect(unknown.status).toBe(404);
    await t.control('presence', { extensionId: t.user('Avery').extensionId, userStatus: 'Busy' });
    await t.control('reset', {});
    const sdk = await signedIn(t, 'Avery');
    const after = await getJson(sdk, '/restapi/v1.0/account/~/extension/~/presence');
    expect(after.presenceStatus).toBe('Available');
  });
});

describe('resolvePresenceFilter', () => {
  const me = { accountId: '850000001', extensionId: '850000101' };
  it('expands ~, keeps the documented query flags, refuses other accounts and unknown flags', () => {
    expect(
      resolvePresenceFilter('/restapi/v1.0/account/~/extension/~/presence?detailedTelephonyState=true', me),
    ).toEqual({
      ok: true,
      expanded: '/restapi/v1.0/account/850000001/extension/850000101/presence?detailedTelephonyState=true',
    });
    expect(resolvePresenceFilter('/restapi/v1.0/account/~/presence', me)).toEqual({
      ok: true,
      expanded: '/restapi/v1.0/account/850000001/presence',
    });
    expect(resolvePresenceFilter('/restapi/v1.0/account/999/presence', me)).toEqual({
      ok: false,
      reason: 'foreign-account',
    });
    expect(resolvePresenceFilter('/restapi/v1.0/account/~/presence?colour=red', me)).toEqual({
      ok: false,
      reason: 'invalid',
    });
    expect(resolvePresenceFilter('/restapi/v1.0/account/~/message-store', me)).toBeUndefined();
  });
});
