// Push events (docs/emulator.md "Events"): which ThreadEvents the core emits for each kind of change, and one end-to-end
// round trip through the WebSocket gateway with @ringcentral/subscriptions.
import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import type { SDK } from '@ringcentral/sdk';
import { Subscriptions } from '@ringcentral/subscriptions';
import type { ThreadEvent } from './push/types.ts';
import { eventually, MTH, postJson, signedIn, startTestEmulator, type TestEmulator } from './test-support.ts';

const QUEUE = '+15559870100';
const ADVISORS = ['850000101', '850000102', '850000103', '850000104'];
const [AVERY, JORDAN] = ADVISORS as [string, string];
let t: TestEmulator;
let avery: SDK;
let seen: ThreadEvent[] = [];

let n = 0;
const customer = () => `+1555016${String(1000 + n++).padStart(4, '0')}`;
const inbound = (from: string, text: string) =>
  t.control<{ thread: { id: string } }>('inbound', { from, to: QUEUE, text });
const summary = () => seen.map((e) => `${e.filter}:${[...e.extensionIds].sort().join(',')}`);

beforeAll(async () => {
  t = await startTestEmulator({ carrierDelays: { sentMs: 30, deliveredMs: 60 } });
  avery = await signedIn(t, 'Avery');
  t.emu.events.on('thread-event', (e: ThreadEvent) => seen.push(e));
});
beforeEach(() => {
  seen = [];
});
afterAll(() => t.stop());

describe('who hears about what', () => {
  it('inbound on an unassigned thread: both filters, every handler; on an assigned thread: entries, assignee only', async () => {
    const c = customer();
    const { thread } = await inbound(c, 'hello');
    expect(summary()).toEqual([`threads:${ADVISORS.join(',')}`, `entries:${ADVISORS.join(',')}`]);
    expect(seen[0]).toMatchObject({ accountId: '850000001', lastModifiedTime: expect.stringMatching(/Z$/) });
    await postJson(avery, `${MTH}/${thread.id}/assign`, { assignee: { extensionId: JORDAN } });
    expect(summary().at(-1)).toBe(`threads:${ADVISORS.join(',')}`);
    seen = [];
    await inbound(c, 'are you there?');
    expect(summary()).toEqual([`entries:${JORDAN}`]);
  });

  it('outbound: a new thread notifies the sender on both filters; replies and carrier updates on entries', async () => {
    const c = customer();
    await postJson(avery, `${MTH}/messages`, {
      from: { phoneNumber: QUEUE },
      to: [{ phoneNumber: c }],
      text: 'hi',
    });
    expect(summary()).toEqual([`threads:${AVERY}`, `entries:${AVERY}`]);
    await postJson(avery, `${MTH}/messages`, {
      from: { phoneNumber: QUEUE },
      to: [{ phoneNumber: c }],
      text: 'again',
    });
    // Two sends, then Sent and Delivered for each: seven events, only the first on the threads filter.
    await eventually(
      () => seen.length,
      (count) => count >= 7,
    );
    expect(summary()).toEqual([`threads:${AVERY}`, ...Array.from({ length: 6 }, () => `entries:${AVERY}`)]);
  });

  it('resolve and the 72 h expiry notify every handler on the threads filter, delete nobody; notes on entries', async () => {
    const a = await inbound(customer(), 'resolve me');
    const b = await inbound(customer(), 'delete me');
    const c = await inbound(customer(), 'expire me');
    seen = [];
    await postJson(avery, `${MTH}/notes`, { threadId: a.thread.id, text: 'note' });
    expect(summary()).toEqual([`entries:${ADVISORS.join(',')}`]);
    seen = [];
    await postJson(avery, `${MTH}/${a.thread.id}/resolve`);
    await avery.platform().delete(`${MTH}/${b.thread.id}`);
    expect(summary()).toEqual([`threads:${ADVISORS.join(',')}`]);
    seen = [];
    await t.control('clock', { advanceSeconds: 72 * 3600 + 60 });
    // Seeded threads of the main site and the branch expire too, each to its own resource's handlers.
    expect(new Set(summary())).toEqual(
      new Set([
        `threads:${ADVISORS.join(',')}`,
        'threads:850000101,850000102',
        'threads:850000103,850000104,850000106',
      ]),
    );
    expect(c.thread.id).toBeTruthy();
  });
});

describe('through the WebSocket gateway', () => {
  it('delivers a thread-filter notification to a subscribed advisor', async () => {
    const fresh = await signedIn(t, 'Sam');
    const subscriptions = new Subscriptions({ sdk: fresh });
    const subscription = subscriptions.createSubscription();
    const received: { event: string; body: { lastModifiedTime: string } }[] = [];
    subscription.on(
      subscription.events.notification,
      (event: { event: string; body: { lastModifiedTime: string } }) => received.push(event),
    );
    const ws = await subscription
      .setEventFilters([
        '/restapi/v1.0/account/~/message-threads/sync',
        '/restapi/v1.0/account/~/message-threads/entries/sync',
      ])
      .register();
    try {
      await inbound(customer(), 'push me');
      await eventually(
        () => received.length,
        (count) => count >= 2,
      );
      expect(received.map((r) => r.event).sort()).toEqual([
        '/restapi/v1.0/account/850000001/message-threads/entries/sync',
        '/restapi/v1.0/account/850000001/message-threads/sync',
      ]);
      expect(received[0]?.body.lastModifiedTime).toMatch(/Z$/);
    } finally {
      // revoke() exists on the extension but not on the interface its subscription exposes.
      await (ws.wse as unknown as { revoke(): Promise<void> }).revoke();
    }
  });
});
