// The official client's keep-alive and session recovery against the real emulator (docs/emulator.md "Push").
import type { SDK } from '@ringcentral/sdk';
import { Events } from '@rc-ex/ws';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { startTestEmulator, waitUntil, type TestEmulator } from '../conformance/emulator-fixture.ts';
import { isEntriesEvent, listen, type Listener } from '../conformance/push-listener.ts';
import { signInWithJwt, twoHandlersOfOneNumber, type EmulatorUser } from '../conformance/sdk-session.ts';

let emu: TestEmulator;
let user: EmulatorUser;
let sdk: SDK;
let push: Listener;
let sharedNumber: string;

beforeEach(async () => {
  emu = await startTestEmulator();
  const pair = twoHandlersOfOneNumber(emu.credentials);
  user = pair.first;
  sharedNumber = pair.sharedNumber;
  sdk = await signInWithJwt(emu.url, emu.credentials, user);
  push = await listen(sdk);
});

afterEach(async () => {
  await push?.stop();
  await emu?.close();
});

const inbound = (from: string, text: string) =>
  emu.control<{ thread: { lastModifiedTime: string } }>('inbound', { from, to: sharedNumber, text });

/** Every frame the client receives on its current and future sockets, parsed. */
function frames(listener: Listener): Array<[Record<string, unknown>, unknown]> {
  const seen: Array<[Record<string, unknown>, unknown]> = [];
  const tap = (ws: { addEventListener(type: 'message', cb: (e: { data: unknown }) => void): void }) =>
    ws.addEventListener('message', (event) => seen.push(JSON.parse(String(event.data))));
  tap(listener.wse.ws);
  listener.wse.eventEmitter.on(Events.newWebSocketObject, tap);
  return seen;
}

async function dropSocketsUntilClosed(): Promise<void> {
  await emu.control('faults', { dropSockets: true });
  await waitUntil(() => push.wse.ws.readyState === push.wse.ws.CLOSED, 'the client to see its socket die');
}

describe('keep-alive', () => {
  it('waits 60 s by default before a Heartbeat, and round-trips one quickly once lowered', async () => {
    expect(push.wse.options.autoRecover?.pingServerInterval).toBe(60_000);
    const seen = frames(push);
    // The option is read when the timer is re-armed by the next incoming message; the server's answer to a
    // Heartbeat re-arms it again, so heartbeats keep flowing at the lowered interval.
    push.wse.options.autoRecover!.pingServerInterval = 150;
    await inbound('+15550199801', 'wake the timer');
    await waitUntil(
      () => seen.filter(([meta]) => meta.type === 'Heartbeat').length >= 3,
      'three Heartbeat answers from the server',
    );
    const heartbeat = seen.find(([meta]) => meta.type === 'Heartbeat')?.[0];
    expect(heartbeat).toMatchObject({ type: 'Heartbeat', status: 200, messageId: expect.any(String) });
    expect(push.wse.ws.readyState).toBe(push.wse.ws.OPEN);
  });
});

describe('session recovery with wsc', () => {
  it('recovers after a dropped socket with its cached ws token and replays what it missed', async () => {
    // Both official clients reconnect with the ws token they cached (for 80 % of expires_in) and the wsc token.
    const cachedWsToken = push.wse.wsToken?.ws_access_token;
    const subscriptionId = push.wsSub.subscriptionInfo?.id;
    const wscToken = push.wse.wsc?.token;
    const recovered = new Promise((resolve) =>
      push.wse.eventEmitter.once(Events.autoRecoverSuccess, resolve),
    );

    await dropSocketsUntilClosed();
    const missed = await inbound('+15550199802', 'sent while you were away');
    await emu.control('faults', { dropSockets: false });

    await recovered;
    expect(push.wse.connectionDetails.recoveryState).toBe('Successful');
    expect(push.wse.wsc?.token).toBe(wscToken);
    expect(push.wse.wsToken?.ws_access_token).toBe(cachedWsToken);
    const replayed = await push.next(
      (e) => isEntriesEvent(e) && e.body.lastModifiedTime === missed.thread.lastModifiedTime,
      'the missed notification',
    );
    // Recovered, not re-created: the same subscription keeps delivering.
    expect(replayed.subscriptionId).toBe(subscriptionId);
    expect(push.wsSub.subscriptionInfo?.id).toBe(subscriptionId);
    const after = await inbound('+15550199803', 'after recovery');
    await push.next((e) => e.body.lastModifiedTime === after.thread.lastModifiedTime, 'a live notification');
  });

  it('fails recovery after the 180 s recovery timeout and re-subscribes', async () => {
    const firstSubscription = push.wsSub.subscriptionInfo?.id;
    const failed = new Promise((resolve) => push.wse.eventEmitter.once(Events.autoRecoverFailed, resolve));

    await dropSocketsUntilClosed();
    await emu.control('clock', { advanceSeconds: 181 });
    await emu.control('faults', { dropSockets: false });

    await failed;
    expect(push.wse.connectionDetails).toMatchObject({
      recoveryState: 'Failed',
      recoveryErrorCode: 'WSG-1001',
    });
    await waitUntil(() => push.wsSub.subscriptionInfo?.id !== firstSubscription, 'a new subscription');
    const fresh = await inbound('+15550199804', 'after a failed recovery');
    const event = await push.next(
      (e) => e.body.lastModifiedTime === fresh.thread.lastModifiedTime,
      'a notification on the new subscription',
    );
    expect(event.subscriptionId).toBe(push.wsSub.subscriptionInfo?.id);
  });
});
