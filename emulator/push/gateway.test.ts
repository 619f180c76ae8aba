import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { ALICE, BOB, startHarness, THREAD_FILTERS, type Harness } from './gateway-harness.ts';
import { WsgTestClient, type Frame } from './wsg-test-client.ts';

let h: Harness;
beforeEach(async () => {
  h = await startHarness();
});
afterEach(async () => {
  await h.stop();
});

const body = (frame: Frame) => frame.body as Record<string, unknown>;

async function subscribe(client: WsgTestClient, filters = THREAD_FILTERS): Promise<Frame> {
  return client.request('POST', '/restapi/v1.0/subscription', {
    eventFilters: filters,
    deliveryMode: { transportType: 'WebSocket' },
  });
}

describe('handshake', () => {
  it('sends ConnectionDetails first, with a wsc and the documented limits', async () => {
    const client = await h.connect(ALICE);
    const first = client.frames[0] as Frame;
    expect(first.meta).toMatchObject({ type: 'ConnectionDetails', status: 200, wsc: { sequence: 1 } });
    expect(typeof (first.meta.wsc as { token: string }).token).toBe('string');
    expect(typeof (first.meta.headers as Record<string, string>).RCRequestId).toBe('string');
    expect(first.body).toEqual({
      creationTime: new Date(h.clock.now).toISOString(),
      maxConnectionsPerSession: 50,
      recoveryBufferSize: 100,
      recoveryTimeout: 180,
      idleTimeout: 1800,
      absoluteTimeout: 86400,
      maxActiveRequests: 10,
    });
    expect(h.gateway.connections()).toBe(1);
  });

  it('accepts a ws token again within its TTL and answers an unknown one with an Error frame', async () => {
    const token = h.mintToken(ALICE);
    const first = new WsgTestClient(`ws://127.0.0.1:${h.port}/ws?access_token=${token}`);
    await first.waitFor((f) => f.meta.type === 'ConnectionDetails');
    const reused = new WsgTestClient(`ws://127.0.0.1:${h.port}/ws?access_token=${token}`);
    expect((await reused.waitFor(() => true)).meta.type).toBe('ConnectionDetails');
    const unknown = new WsgTestClient(`ws://127.0.0.1:${h.port}/ws?access_token=not-a-token`);
    const error = await unknown.waitFor(() => true);
    expect(error.meta.type).toBe('Error');
    expect(body(error).errorCode).toBe('WSG-401');
    expect(await unknown.closed).toBe(1008);
    first.close();
    reused.close();
  });

  it('refuses a connection without access_token the same way', async () => {
    const client = new WsgTestClient(`ws://127.0.0.1:${h.port}/ws`);
    const error = await client.waitFor(() => true);
    expect(error.meta.type).toBe('Error');
    expect(await client.closed).toBe(1008);
  });

  it('does not upgrade other paths', async () => {
    const client = new WsgTestClient(`ws://127.0.0.1:${h.port}/elsewhere?access_token=x`);
    expect(await client.closed).toBe(1006);
    expect(client.frames).toHaveLength(0);
  });
});

describe('heartbeat and bad frames', () => {
  it('answers a Heartbeat with a Heartbeat carrying the same messageId', async () => {
    const client = await h.connect(ALICE);
    client.send({ type: 'Heartbeat', messageId: 'hb-1' });
    const answer = await client.waitFor((f) => f.meta.type === 'Heartbeat');
    expect(answer.meta).toMatchObject({ type: 'Heartbeat', messageId: 'hb-1', status: 200 });
  });

  it('survives non-JSON, wrong shapes and binary frames, answering Error frames', async () => {
    const client = await h.connect(ALICE);
    client.sendRaw('not json');
    client.sendRaw('{"type":"Heartbeat"}');
    client.sendRaw(Buffer.from([1, 2, 3]));
    client.send({ type: 'Bogus', messageId: 'b-1' });
    await client.until(() => client.frames.filter((f) => f.meta.type === 'Error').length === 4);
    const errors = client.frames.filter((f) => f.meta.type === 'Error');
    expect(errors.map((f) => body(f).errorCode)).toEqual(['WSG-100', 'WSG-100', 'WSG-100', 'WSG-100']);
    expect(errors[3]?.meta.messageId).toBe('b-1');
    client.send({ type: 'ClientRequest', messageId: 'no-path' });
    const badRequest = await client.waitFor((f) => f.meta.messageId === 'no-path');
    expect(badRequest.meta).toMatchObject({ type: 'ClientRequest', status: 400 });
    client.send({ type: 'Heartbeat', messageId: 'still-alive' });
    await client.waitFor((f) => f.meta.messageId === 'still-alive');
    expect(client.closeCode).toBeUndefined();
  });
});

describe('subscription requests over the socket', () => {
  it('creates a subscription with ~ expanded and the SubscriptionInfo fields', async () => {
    const client = await h.connect(ALICE);
    const answer = await subscribe(client);
    expect(answer.meta).toMatchObject({ type: 'ClientRequest', status: 200 });
    const info = body(answer);
    expect(info).toMatchObject({
      eventFilters: [
        '/restapi/v1.0/account/400100/message-threads/sync',
        '/restapi/v1.0/account/400100/message-threads/entries/sync',
      ],
      disabledFilters: [],
      expiresIn: 900,
      status: 'Active',
      creationTime: new Date(h.clock.now).toISOString(),
      expirationTime: new Date(h.clock.now + 900_000).toISOString(),
      deliveryMode: { transportType: 'WebSocket' },
    });
    expect(info.uri).toBe(`http://127.0.0.1:${h.port}/restapi/v1.0/subscription/${String(info.id)}`);
  });

  it('accepts the real account id and a trailing slash on the path', async () => {
    const client = await h.connect(ALICE);
    const answer = await client.request('POST', '/restapi/v1.0/subscription/', {
      eventFilters: ['/restapi/v1.0/account/400100/message-threads/entries/sync'],
      deliveryMode: { transportType: 'WebSocket' },
    });
    expect(answer.meta.status).toBe(200);
    expect(body(answer).eventFilters).toEqual(['/restapi/v1.0/account/400100/message-threads/entries/sync']);
  });

  it('rejects unknown filters with 400 SUB-508 and other accounts with 403 SUB-406', async () => {
    const client = await h.connect(ALICE);
    const unknown = await subscribe(client, [
      THREAD_FILTERS[0] as string,
      '/restapi/v1.0/account/~/no-such-events',
    ]);
    expect(unknown.meta.status).toBe(400);
    expect(body(unknown)).toMatchObject({
      errorCode: 'SUB-508',
      errors: [{ errorCode: 'SUB-508', message: expect.stringContaining('no-such-events') }],
    });
    const undelivered = await subscribe(client, [
      THREAD_FILTERS[0] as string,
      '/restapi/v1.0/account/~/extension/~/message-store',
    ]);
    expect(undelivered.meta.status).toBe(200);
    expect(body(undelivered).disabledFilters).toEqual([
      expect.objectContaining({ filter: '/restapi/v1.0/account/~/extension/~/message-store' }),
    ]);
    const foreign = await subscribe(client, ['/restapi/v1.0/account/999/message-threads/sync']);
    expect(foreign.meta.status).toBe(403);
    expect(body(foreign).errors).toEqual([expect.objectContaining({ errorCode: 'SUB-406' })]);
  });

  it('rejects a body without eventFilters or with another transport', async () => {
    const client = await h.connect(ALICE);
    const noFilters = await client.request('POST', '/restapi/v1.0/subscription', {
      deliveryMode: { transportType: 'WebSocket' },
    });
    expect(noFilters.meta.status).toBe(400);
    const webhook = await client.request('POST', '/restapi/v1.0/subscription', {
      eventFilters: THREAD_FILTERS,
      deliveryMode: { transportType: 'WebHook', address: 'https://example.invalid' },
    });
    expect(webhook.meta.status).toBe(400);
    expect(body(webhook).errors).toEqual([
      expect.objectContaining({ errorCode: 'CMN-101', parameterName: 'deliveryMode.transportType' }),
    ]);
  });

  it('reads, lists, updates, renews and deletes the one subscription', async () => {
    const client = await h.connect(ALICE);
    const id = String(body(await subscribe(client)).id);
    const read = await client.request('GET', `/restapi/v1.0/subscription/${id}`);
    expect(read.meta.status).toBe(200);
    expect(body(read).id).toBe(id);
    const list = await client.request('GET', '/restapi/v1.0/subscription');
    expect((body(list).records as unknown[]).length).toBe(1);
    const updated = await client.request('PUT', `/restapi/v1.0/subscription/${id}`, {
      eventFilters: [THREAD_FILTERS[1]],
    });
    expect(body(updated).eventFilters).toEqual(['/restapi/v1.0/account/400100/message-threads/entries/sync']);
    h.clock.now += 60_000;
    const renewed = await client.request('POST', `/restapi/v1.0/subscription/${id}/renew`);
    expect(body(renewed).expirationTime).toBe(new Date(h.clock.now + 900_000).toISOString());
    const deleted = await client.request('DELETE', `/restapi/v1.0/subscription/${id}`);
    expect(deleted.meta.status).toBe(204);
    expect(deleted.body).toBeUndefined();
    const gone = await client.request('GET', `/restapi/v1.0/subscription/${id}`);
    expect(gone.meta.status).toBe(404);
    expect(body(gone).errors).toEqual([expect.objectContaining({ errorCode: 'CMN-102' })]);
  });

  it('replaces the first subscription when a second is created', async () => {
    const client = await h.connect(ALICE);
    const firstId = String(body(await subscribe(client)).id);
    const secondId = String(body(await subscribe(client, [THREAD_FILTERS[0] as string])).id);
    expect(secondId).not.toBe(firstId);
    expect((await client.request('GET', `/restapi/v1.0/subscription/${firstId}`)).meta.status).toBe(404);
    h.emit({
      accountId: ALICE.accountId,
      filter: 'threads',
      extensionIds: [ALICE.extensionId],
      lastModifiedTime: 't',
    });
    const note = await client.waitFor((f) => f.meta.type === 'ServerNotification');
    expect(body(note).subscriptionId).toBe(secondId);
  });

  it('answers unknown paths and methods with 404 CMN-120', async () => {
    const client = await h.connect(ALICE);
    const answer = await client.request('GET', '/restapi/v1.0/account/~/extension/~');
    expect(answer.meta.status).toBe(404);
    expect(body(answer).errors).toEqual([{ errorCode: 'CMN-120', message: 'Invalid URI' }]);
    expect((await client.request('PATCH', '/restapi/v1.0/subscription')).meta.status).toBe(404);
  });

  it('passes subscription requests through the rate limit with their throttling group', async () => {
    const client = await h.connect(ALICE);
    h.rateLimit.verdict = { status: 429, retryAfter: 42 };
    const answer = await subscribe(client);
    expect(answer.meta.status).toBe(429);
    expect((answer.meta.headers as Record<string, string>)['Retry-After']).toBe('42');
    expect(body(answer).errors).toEqual([expect.objectContaining({ errorCode: 'CMN-301' })]);
  });
});

describe('notifications', () => {
  it('delivers the envelope to subscribed recipients only, with increasing wsc sequences', async () => {
    const alice = await h.connect(ALICE);
    const bob = await h.connect(BOB);
    const aliceSub = String(body(await subscribe(alice)).id);
    await subscribe(bob, [THREAD_FILTERS[1] as string]);
    h.clock.now += 1000;
    h.emit({
      accountId: '400100',
      filter: 'threads',
      extensionIds: [ALICE.extensionId, BOB.extensionId],
      lastModifiedTime: '2026-03-02T10:00:01.000Z',
    });
    h.emit({
      accountId: '400100',
      filter: 'entries',
      extensionIds: [ALICE.extensionId],
      lastModifiedTime: 'x',
    });
    await alice.until(() => alice.frames.filter((f) => f.meta.type === 'ServerNotification').length === 2);
    const [threads, entries] = alice.frames.filter((f) => f.meta.type === 'ServerNotification') as [
      Frame,
      Frame,
    ];
    expect(threads.body).toEqual({
      uuid: threads.meta.messageId,
      event: '/restapi/v1.0/account/400100/message-threads/sync',
      timestamp: new Date(h.clock.now).toISOString(),
      subscriptionId: aliceSub,
      ownerId: ALICE.extensionId,
      body: { lastModifiedTime: '2026-03-02T10:00:01.000Z' },
    });
    expect(body(entries).event).toBe('/restapi/v1.0/account/400100/message-threads/entries/sync');
    expect((threads.meta.wsc as { sequence: number }).sequence).toBe(2);
    expect((entries.meta.wsc as { sequence: number }).sequence).toBe(3);
    // Bob subscribed to entries only and was not a recipient of the entries event.
    bob.send({ type: 'Heartbeat', messageId: 'sync' });
    await bob.waitFor((f) => f.meta.messageId === 'sync');
    expect(bob.frames.filter((f) => f.meta.type === 'ServerNotification')).toHaveLength(0);
  });

  it('ignores malformed events and events for other accounts', async () => {
    const alice = await h.connect(ALICE);
    await subscribe(alice);
    h.emit({ accountId: '999', filter: 'threads', extensionIds: [ALICE.extensionId], lastModifiedTime: 't' });
    h.emit({ nonsense: true } as never);
    alice.send({ type: 'Heartbeat', messageId: 'sync' });
    await alice.waitFor((f) => f.meta.messageId === 'sync');
    expect(alice.frames.filter((f) => f.meta.type === 'ServerNotification')).toHaveLength(0);
  });
});
