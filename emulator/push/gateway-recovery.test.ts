import { afterEach, describe, expect, it } from 'vitest';
import { ALICE, BOB, startHarness, THREAD_FILTERS, type Harness } from './gateway-harness.ts';
import type { ThreadEvent } from './types.ts';
import { WsgTestClient, type Frame } from './wsg-test-client.ts';

let h: Harness;
afterEach(async () => {
  await h.stop();
});

const details = (client: WsgTestClient) => client.frames[0] as Frame;
const wscOf = (frame: Frame) => frame.meta.wsc as { token: string; sequence: number };
const bodyOf = (frame: Frame) => frame.body as Record<string, unknown>;
const notifications = (client: WsgTestClient) =>
  client.frames.filter((f) => f.meta.type === 'ServerNotification');
const aliceEvent = (lastModifiedTime: string): ThreadEvent => ({
  accountId: ALICE.accountId,
  filter: 'entries',
  extensionIds: [ALICE.extensionId],
  lastModifiedTime,
});

async function subscribedAlice(): Promise<{ client: WsgTestClient; token: string; subscriptionId: string }> {
  const client = await h.connect(ALICE);
  const answer = await client.request('POST', '/restapi/v1.0/subscription', {
    eventFilters: THREAD_FILTERS,
    deliveryMode: { transportType: 'WebSocket' },
  });
  return { client, token: wscOf(details(client)).token, subscriptionId: String(bodyOf(answer).id) };
}

describe('session recovery with wsc', () => {
  it('recovers after an abrupt drop and replays what was missed, in order', async () => {
    h = await startHarness();
    const { client, token, subscriptionId } = await subscribedAlice();
    h.emit(aliceEvent('before-drop'));
    await client.waitFor((f) => f.meta.type === 'ServerNotification');
    h.gateway.dropAll();
    expect(await client.closed).toBe(1006);
    await client.until(() => h.gateway.connections() === 0);
    h.emit(aliceEvent('missed-1'));
    h.emit(aliceEvent('missed-2'));
    h.clock.now += 170_000;

    const back = await h.connect(ALICE, token);
    expect(details(back).meta.type).toBe('ConnectionDetails');
    expect(bodyOf(details(back)).recoveryState).toBe('Successful');
    expect(wscOf(details(back)).token).toBe(token);
    await back.until(() => notifications(back).length === 2);
    const replayed = notifications(back).map((f) => bodyOf(f));
    expect(replayed.map((b) => (b.body as { lastModifiedTime: string }).lastModifiedTime)).toEqual([
      'missed-1',
      'missed-2',
    ]);
    expect(replayed.every((b) => b.subscriptionId === subscriptionId)).toBe(true);
    // The subscription survived: new events arrive without subscribing again.
    h.emit(aliceEvent('after'));
    await back.until(() => notifications(back).length === 3);
    const sequences = notifications(back).map((f) => wscOf(f).sequence);
    expect(sequences[2]).toBeGreaterThan(wscOf(details(back)).sequence);
  });

  it('keeps only the last recoveryBufferSize notifications', async () => {
    h = await startHarness();
    const { client, token } = await subscribedAlice();
    h.gateway.dropAll();
    await client.closed;
    for (let i = 0; i < 130; i += 1) h.emit(aliceEvent(`e${i}`));
    const back = await h.connect(ALICE, token);
    await back.until(() => notifications(back).length === 100);
    const first = bodyOf(notifications(back)[0] as Frame).body as { lastModifiedTime: string };
    expect(first.lastModifiedTime).toBe('e30');
  });

  it('fails recovery after recoveryTimeout and starts a fresh session', async () => {
    h = await startHarness();
    const { client, token } = await subscribedAlice();
    h.gateway.dropAll();
    await client.closed;
    await client.until(() => h.gateway.connections() === 0);
    h.clock.now += 181_000;
    const back = await h.connect(ALICE, token);
    expect(bodyOf(details(back))).toMatchObject({ recoveryState: 'Failed', recoveryErrorCode: 'WSG-1001' });
    expect(wscOf(details(back))).toEqual({ token: expect.any(String), sequence: 1 });
    expect(wscOf(details(back)).token).not.toBe(token);
    // The failed session's subscription is gone with it.
    h.emit(aliceEvent('x'));
    back.send({ type: 'Heartbeat', messageId: 'sync' });
    await back.waitFor((f) => f.meta.messageId === 'sync');
    expect(notifications(back)).toHaveLength(0);
  });

  it('fails recovery of a session without subscription (WSG-1005) or of another user (WSG-1003)', async () => {
    h = await startHarness();
    const bare = await h.connect(ALICE);
    const bareToken = wscOf(details(bare)).token;
    bare.close();
    await bare.closed;
    const again = await h.connect(ALICE, bareToken);
    expect(bodyOf(details(again))).toMatchObject({ recoveryState: 'Failed', recoveryErrorCode: 'WSG-1005' });

    const { client, token } = await subscribedAlice();
    client.close();
    await client.closed;
    const bob = await h.connect(BOB, token);
    expect(bodyOf(details(bob))).toMatchObject({ recoveryState: 'Failed', recoveryErrorCode: 'WSG-1003' });
    const alice = await h.connect(ALICE, token);
    expect(bodyOf(details(alice)).recoveryState).toBe('Successful');
  });

  it('answers a malformed wsc with Error WSG-400 and closes', async () => {
    h = await startHarness();
    const client = await h.connect(ALICE, 'not-a-token');
    expect(details(client).meta.type).toBe('Error');
    expect(bodyOf(details(client)).errorCode).toBe('WSG-400');
    expect(await client.closed).toBe(1008);
  });

  it('takes over when the client recovers before the old socket is noticed dead', async () => {
    h = await startHarness();
    const { client, token } = await subscribedAlice();
    const back = await h.connect(ALICE, token);
    expect(bodyOf(details(back)).recoveryState).toBe('Successful');
    expect(await client.closed).toBe(1006);
    h.emit(aliceEvent('to-new-socket'));
    await back.until(() => notifications(back).length === 1);
    expect(h.gateway.connections()).toBe(1);
  });
});

describe('timeouts, pings and faults', () => {
  it('closes an idle connection with WSG-902 on the emulator clock', async () => {
    h = await startHarness();
    const client = await h.connect(ALICE);
    h.clock.now += 1_800_001;
    const error = await client.waitFor((f) => f.meta.type === 'Error');
    expect(bodyOf(error)).toEqual({ errorCode: 'WSG-902', message: 'Idle timeout expired' });
    expect(await client.closed).toBe(1000);
  });

  it('closes after the absolute timeout even when the client stays active', async () => {
    h = await startHarness();
    const client = await h.connect(ALICE);
    // 25-minute steps: never idle for 30 minutes, but past 24 hours after 58 steps.
    for (let step = 0; step < 57; step += 1) {
      h.clock.now += 1_500_000;
      client.send({ type: 'Heartbeat', messageId: `hb-${step}` });
      await client.waitFor((f) => f.meta.messageId === `hb-${step}`);
    }
    expect(client.frames.some((f) => f.meta.type === 'Error')).toBe(false);
    h.clock.now += 1_500_000;
    client.send({ type: 'Heartbeat', messageId: 'last' });
    const error = await client.waitFor((f) => f.meta.type === 'Error');
    expect(bodyOf(error)).toEqual({ errorCode: 'WSG-903', message: 'Absolute timeout expired' });
    expect(await client.closed).toBe(1000);
  });

  it('pings and drops a client that never pongs', async () => {
    h = await startHarness({ pingIntervalMs: 60, pongTimeoutMs: 150 });
    const polite = await h.connect(ALICE);
    const silent = await h.connect(BOB, undefined, { autoPong: false });
    expect(await silent.closed).toBe(1006);
    expect(silent.pings).toBeGreaterThanOrEqual(1);
    await polite.until(() => polite.pings >= 4);
    expect(polite.closeCode).toBeUndefined();
  });

  it('drops sockets abruptly while the dropSockets fault is on, and refuses new ones', async () => {
    h = await startHarness();
    const client = await h.connect(ALICE);
    h.faults.dropSockets = true;
    expect(await client.closed).toBe(1006);
    expect(client.frames.filter((f) => f.meta.type === 'Error')).toHaveLength(0);
    const refused = new WsgTestClient(`ws://127.0.0.1:${h.port}/ws?access_token=${h.mintToken(BOB)}`);
    expect(await refused.closed).toBe(1006);
    expect(refused.frames).toHaveLength(0);
    h.faults.dropSockets = false;
    const later = await h.connect(BOB);
    expect(details(later).meta.type).toBe('ConnectionDetails');
  });

  it('close() says goodbye with 1001 and stops accepting', async () => {
    h = await startHarness();
    const client = await h.connect(ALICE);
    await h.gateway.close();
    expect(await client.closed).toBe(1001);
    expect(h.gateway.connections()).toBe(0);
  });
});
