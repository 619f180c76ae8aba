import { describe, expect, it } from 'vitest';
import type { RequestOptions } from '../rc/client';
import { RcError } from '../rc/errors';
import type { ThreadMessage } from '../rc/schemas';
import { openStore, type OutboxItem } from '../sync/db';
import { agentKey as ownerKey } from '../auth/agent';
import {
  afterFailure,
  backoffMs,
  claimFor,
  classify,
  CONFIRM_HELD,
  CONFIRM_HELD_AFTER_MS,
  findSentMatch,
  OTHER_AGENT,
  pauseForSessionEnd,
} from './machine';
import { Outbox } from './outbox';

const ME = '101';
const MINE = ownerKey(ME, 'https://rc.example');
/** A moment after the test items were written (createdAt 1_000_000). */
const SOON = 1_000_000 + 60_000;
let dbCount = 0;

function message(over: Partial<ThreadMessage> = {}): ThreadMessage {
  return {
    id: `m${Math.random()}`,
    threadId: 't1',
    availability: 'Alive',
    creationTime: new Date(1_000_000).toISOString(),
    lastModifiedTime: new Date(1_000_000).toISOString(),
    direction: 'Outbound',
    text: 'hello',
    author: { extensionId: ME },
    ...over,
  };
}

const item = (over: Partial<OutboxItem> = {}): OutboxItem => ({
  localId: 'l1',
  threadId: 't1',
  from: '+15550000001',
  to: '+15551230000',
  text: 'hello',
  createdAt: 1_000_000,
  state: 'queued',
  attempts: 1,
  ...over,
});

describe('outbox decisions', () => {
  it('classifies failures', () => {
    expect(classify(new RcError('MSG-427', 'x', { status: 403 }))).toBe('permanent');
    expect(classify(new RcError('CMN-101', 'x', { status: 400 }))).toBe('permanent');
    expect(classify(new RcError('network', 'x'))).toBe('uncertain');
    expect(classify(new RcError('timeout', 'x'))).toBe('uncertain');
    expect(classify(new RcError('CMN-201', 'x', { status: 503 }))).toBe('uncertain');
    expect(classify(new RcError('CMN-301', 'x', { status: 429 }))).toBe('retry');
    expect(classify(new RcError('signedOut', 'x', { status: 401 }))).toBe('paused');
  });

  it('backs off exponentially with jitter, capped', () => {
    expect(backoffMs(1, 0)).toBe(500);
    expect(backoffMs(1, 1)).toBe(1000);
    expect(backoffMs(4, 0.5)).toBe(6000);
    expect(backoffMs(30, 1)).toBe(300_000);
  });

  it('MSG-427 fails the item for good with the text kept; 429 waits at least Retry-After', () => {
    const failed = afterFailure(item(), new RcError('MSG-427', 'not assigned', { status: 403 }), 0, 0.5);
    expect(failed).toMatchObject({
      state: 'failed',
      text: 'hello',
      error: { code: 'notAssignee', permanent: true },
    });
    const limited = afterFailure(
      item(),
      new RcError('CMN-301', 'x', { status: 429, retryAfterMs: 30_000 }),
      0,
      0,
    );
    expect(limited).toMatchObject({ state: 'retrying', nextAttemptAt: 30_000 });
    expect(limited.uncertain).toBeFalsy();
    const net = afterFailure(item(), new RcError('network', 'x'), 0, 0);
    expect(net).toMatchObject({ state: 'retrying', uncertain: true, error: { code: 'offline' } });
  });

  it('matches only my outbound message with the same text, created after the item, not already claimed', () => {
    const mine = message({ id: 'a', creationTime: new Date(1_000_500).toISOString() });
    const old = message({ id: 'b', creationTime: new Date(1_000_000 - 10 * 60_000).toISOString() });
    const other = message({ id: 'c', author: { extensionId: '999' } });
    const inbound = message({ id: 'd', direction: 'Inbound', author: undefined });
    const differentText = message({ id: 'e', text: 'bye' });
    const all = [old, other, inbound, differentText, mine];
    expect(findSentMatch(item(), all, ME, new Set())?.id).toBe('a');
    expect(findSentMatch(item(), all, ME, new Set(['a']))).toBeUndefined();
  });

  it("holds another agent's items as failed for good, and gives them back to their owner", () => {
    const a = ownerKey('101', 'https://rc.example');
    const b = ownerKey('202', 'https://rc.example');
    expect(ownerKey('101', 'https://other.example')).not.toBe(a);
    const held = claimFor(item({ owner: a, state: 'retrying', nextAttemptAt: 5 }), b, SOON);
    expect(held).toMatchObject({ state: 'failed', nextAttemptAt: undefined, error: OTHER_AGENT });
    expect(held?.error?.permanent).toBe(true);
    expect(claimFor(held!, b, SOON)).toBeUndefined();
    expect(claimFor(held!, a, SOON)).toMatchObject({ state: 'queued', error: undefined, text: 'hello' });
    // An interrupted send may have gone out: its owner looks on the server before sending again.
    expect(claimFor(item({ owner: a, state: 'sending' }), b, SOON)).toMatchObject({ uncertain: true });
    // Mine, someone else's refusal, and items from before owners were recorded are left alone.
    expect(claimFor(item({ owner: a }), a, SOON)).toBeUndefined();
    const refused = item({
      owner: a,
      state: 'failed',
      error: { code: 'optedOut', message: 'x', permanent: true },
    });
    expect(claimFor(refused, a, SOON)).toBeUndefined();
    expect(claimFor(item(), b, SOON)).toBeUndefined();
  });
});

describe('held replies', () => {
  const a = ownerKey('101', 'https://rc.example');
  const b = ownerKey('202', 'https://rc.example');
  const at = (waited: number) => 1_000_000 + waited;

  it('hold every unsent reply when the session ends; failed ones stay as they are', () => {
    for (const state of ['queued', 'retrying', 'sending'] as const) {
      expect(pauseForSessionEnd(item({ owner: a, state, nextAttemptAt: 9 }))).toMatchObject({
        state: 'queued',
        nextAttemptAt: undefined,
        uncertain: state === 'sending',
        error: { code: 'signedOut', permanent: false },
      });
    }
    const paused = pauseForSessionEnd(item({ owner: a }))!;
    expect(pauseForSessionEnd(paused)).toBeUndefined();
    expect(pauseForSessionEnd(item({ owner: a, state: 'failed', error: OTHER_AGENT }))).toBeUndefined();
  });

  it(`go out when their agent is back within ${CONFIRM_HELD_AFTER_MS / 60_000} minutes, else wait for them to confirm`, () => {
    const paused = pauseForSessionEnd(item({ owner: a }))!;
    const heldForOther = claimFor(paused, b, at(1000))!;
    expect(heldForOther).toMatchObject({ state: 'failed', error: OTHER_AGENT });
    for (const held of [paused, heldForOther]) {
      expect(claimFor(held, a, at(CONFIRM_HELD_AFTER_MS))).toMatchObject({
        state: 'queued',
        error: undefined,
      });
      expect(claimFor(held, a, at(CONFIRM_HELD_AFTER_MS + 1))).toMatchObject({
        state: 'failed',
        error: CONFIRM_HELD,
        text: 'hello',
      });
      // Only its owner releases it; another agent keeps it held.
      expect(claimFor(held, b, at(CONFIRM_HELD_AFTER_MS + 1)) ?? held).toMatchObject({ error: OTHER_AGENT });
    }
    // Waiting to be confirmed is not held any more: it stays until the agent decides.
    const asking = claimFor(paused, a, at(CONFIRM_HELD_AFTER_MS + 1))!;
    expect(claimFor(asking, a, at(CONFIRM_HELD_AFTER_MS * 10))).toBeUndefined();
    // A reply that was never held (a slow network in the same session) is not asked about.
    expect(
      claimFor(item({ owner: a, state: 'retrying' }), a, at(CONFIRM_HELD_AFTER_MS * 10)),
    ).toBeUndefined();
  });
});

/** A RingCentral stand-in that answers send and list calls from a script, and records what was sent. */
function scriptedRc(script: Array<'ok' | 'lost' | 'net' | '500' | '427' | '429'>) {
  const server: ThreadMessage[] = [];
  let now = 1_000_000;
  const calls: string[] = [];
  const rc = {
    async request<T>(method: string, path: string, o: RequestOptions<T> = {}): Promise<T> {
      calls.push(`${method} ${path}`);
      if (method === 'GET' && path.endsWith('/messages')) {
        return o.schema!.parse({ records: server, paging: { perPage: 1000 } });
      }
      const step = script.shift() ?? 'ok';
      const body = o.body as { text: string; threadId?: string };
      const stored = message({
        id: `srv${server.length}`,
        text: body.text,
        creationTime: new Date(now).toISOString(),
      });
      if (step === 'ok' || step === 'lost' || step === '500') server.push(stored);
      if (step === 'ok') return o.schema!.parse(stored);
      if (step === 'lost' || step === 'net') throw new RcError('network', 'fetch failed');
      if (step === '500') throw new RcError('CMN-201', 'oops', { status: 500 });
      if (step === '427') throw new RcError('MSG-427', 'The thread is not assigned', { status: 403 });
      throw new RcError('CMN-301', 'slow down', { status: 429, retryAfterMs: 2000 });
    },
  };
  return { rc, server, calls, tick: (ms: number) => (now += ms), time: () => now };
}

async function outboxWith(script: Parameters<typeof scriptedRc>[0], me: () => string | undefined = () => ME) {
  const s = scriptedRc(script);
  const db = await openStore(`outbox-test-${++dbCount}`);
  const applied: ThreadMessage[] = [];
  const outbox = new Outbox({
    db: async () => db,
    rc: async () => s.rc,
    agent: async () => {
      const id = me();
      return id
        ? { extensionId: id, server: 'https://rc.example', key: ownerKey(id, 'https://rc.example') }
        : undefined;
    },
    applyLocalMessage: (m) => void applied.push(m),
    onChange: () => undefined,
    now: s.time,
    random: () => 0.5,
    sleep: async (ms) => void s.tick(ms),
  });
  return { ...s, db, outbox, applied };
}

describe('Outbox', () => {
  it('writes the item before sending, sends it, removes it and applies the message', async () => {
    const o = await outboxWith(['ok']);
    const id = await o.outbox.enqueue({
      threadId: 't1',
      from: '+15550000001',
      to: '+15551230000',
      text: 'hi',
    });
    expect(id).toMatch(/-/);
    await o.outbox.kick();
    expect(o.server.map((m) => m.text)).toEqual(['hi']);
    expect(await o.db.getAll('outbox')).toEqual([]);
    expect(o.applied.map((m) => m.text)).toEqual(['hi']);
  });

  it('after lost replies and 500s that did reach the server, each message exists exactly once', async () => {
    const o = await outboxWith(['lost', 'net', '500', 'ok', '429', 'lost', 'ok']);
    for (const text of ['one', 'two', 'three', 'four']) {
      await o.outbox.enqueue({ threadId: 't1', from: '+15550000001', to: '+15551230000', text });
    }
    await o.outbox.kick();
    expect(o.server.map((m) => m.text)).toEqual(['one', 'two', 'three', 'four']);
    expect(await o.db.getAll('outbox')).toEqual([]);
  });

  it('keeps a refused send as failed with its text, and sends the next one', async () => {
    const o = await outboxWith(['427', 'ok']);
    const failedId = await o.outbox.enqueue({ threadId: 't1', from: '+15550000001', to: '+1555', text: 'a' });
    await o.outbox.enqueue({ threadId: 't1', from: '+15550000001', to: '+15551230000', text: 'b' });
    await o.outbox.kick();
    const [failed] = await o.db.getAll('outbox');
    expect(failed).toMatchObject({
      localId: failedId,
      state: 'failed',
      text: 'a',
      error: { code: 'notAssignee' },
    });
    expect(o.server.map((m) => m.text)).toEqual(['b']);
    await o.outbox.retry(failedId, MINE, 'a, edited');
    await o.outbox.kick();
    expect(o.server.map((m) => m.text)).toEqual(['b', 'a, edited']);
    await o.outbox.discard('none', MINE);
  });

  it('resumes an item left "sending" by a stopped worker without sending it twice', async () => {
    const o = await outboxWith([]);
    o.server.push(message({ id: 'already', text: 'hello', creationTime: new Date(1_000_100).toISOString() }));
    await o.db.put('outbox', item({ state: 'sending' }));
    await o.outbox.kick();
    expect(o.server).toHaveLength(1);
    expect(await o.db.getAll('outbox')).toEqual([]);
    expect(o.applied.map((m) => m.id)).toEqual(['already']);
  });
});

describe('Outbox owners', () => {
  it('records who queued an item; another agent does not send it, its owner does after signing back in', async () => {
    let who: string | undefined = ME;
    const o = await outboxWith(['427'], () => who);
    const refused = await o.outbox.enqueue({ threadId: 't1', from: '+15550000001', to: '+1555', text: 'x' });
    await o.outbox.kick();
    const owner = `${ME}@https://rc.example`;
    expect(await o.db.get('outbox', refused)).toMatchObject({ owner, state: 'failed' });
    await o.outbox.discard(refused, MINE);

    // Left by the previous agent, who signed out before it went out.
    await o.db.put('outbox', item({ localId: 'a1', owner, state: 'queued', attempts: 0, text: 'a' }));
    who = '202';
    await o.outbox.enqueue({ threadId: 't1', from: '+15550000001', to: '+15551230000', text: 'b' });
    await o.outbox.kick();
    expect(o.server.map((m) => m.text)).toEqual(['b']);
    expect(await o.db.get('outbox', 'a1')).toMatchObject({
      state: 'failed',
      text: 'a',
      error: { message: 'Queued by another agent — sign in as them to send, or discard', permanent: true },
    });
    // Retrying as the wrong agent does not send it either.
    await o.outbox.retry('a1', MINE);
    await o.outbox.kick();
    expect(o.server.map((m) => m.text)).toEqual(['b']);

    who = ME;
    await o.outbox.kick();
    expect(o.server.map((m) => m.text)).toEqual(['b', 'a']);
    expect(await o.db.getAll('outbox')).toEqual([]);
  });
});

describe('Outbox: replies held across a session end', () => {
  const send = (o: Awaited<ReturnType<typeof outboxWith>>, text: string) =>
    o.outbox.enqueue({ threadId: 't1', from: '+15550000001', to: '+15551230000', text });

  it('a reply held for minutes waits for its agent to confirm, then goes out once; a short wait does not ask', async () => {
    let who: string | undefined = ME;
    // The first send finds the session gone (refresh refused): the reply is paused, not sent.
    const o = await outboxWith([], () => who);
    const rc = o.rc.request.bind(o.rc);
    let sessionLost = true;
    o.rc.request = async (method, path, opts) => {
      if (sessionLost && method === 'POST')
        throw new RcError('signedOut', 'Session expired', { status: 401 });
      return rc(method, path, opts);
    };
    const long = await send(o, 'long wait');
    await o.outbox.kick();
    who = undefined;
    await o.outbox.holdForSessionEnd();
    expect(await o.db.get('outbox', long)).toMatchObject({ state: 'queued', error: { code: 'signedOut' } });

    // Another agent works here for a while; the held reply stays held and unsent.
    who = '202';
    o.tick(CONFIRM_HELD_AFTER_MS + 1);
    await o.outbox.kick();
    expect(await o.db.get('outbox', long)).toMatchObject({ error: OTHER_AGENT });

    // Its agent is back: asked, not sent.
    sessionLost = false;
    who = ME;
    await o.outbox.kick();
    expect(await o.db.get('outbox', long)).toMatchObject({ state: 'failed', error: CONFIRM_HELD });
    expect(o.server).toEqual([]);
    await o.outbox.retry(long, MINE);
    await o.outbox.kick();
    expect(o.server.map((m) => m.text)).toEqual(['long wait']);

    // A reply held briefly (signed out and straight back in) goes out without asking.
    const short = await send(o, 'short wait');
    who = undefined;
    await o.outbox.holdForSessionEnd();
    o.tick(60_000);
    who = ME;
    await o.outbox.kick();
    expect(await o.db.get('outbox', short)).toBeUndefined();
    expect(o.server.map((m) => m.text)).toEqual(['long wait', 'short wait']);
  });
});

describe('Outbox: a session that ends while a reply is being sent', () => {
  it('keeps the reply held for its agent when the send then fails, to be looked for on the server first', async () => {
    let who: string | undefined = ME;
    const o = await outboxWith(['net'], () => who);
    const rc = o.rc.request.bind(o.rc);
    let release!: () => void;
    const inFlight = new Promise<void>((r) => (release = r));
    let sending!: () => void;
    const started = new Promise<void>((r) => (sending = r));
    o.rc.request = async (method, path, opts) => {
      if (method === 'POST') {
        sending();
        await inFlight;
      }
      return rc(method, path, opts);
    };
    const id = await o.outbox.enqueue({
      threadId: 't1',
      from: '+15550000001',
      to: '+15551230000',
      text: 'hi',
    });
    const run = o.outbox.kick();
    await started;
    // The session ends with the request in flight; then the request fails (the connection dropped).
    who = undefined;
    await o.outbox.holdForSessionEnd();
    release();
    await run;
    expect(await o.db.get('outbox', id)).toMatchObject({
      state: 'queued',
      uncertain: true,
      error: { code: 'signedOut' },
    });
  });
});

describe('Outbox and opt-outs', () => {
  it('fails a send to a customer who opted out of that number, without sending', async () => {
    const o = await outboxWith([]);
    await o.db.put(
      'meta',
      { '+15550000001>+15551230000': { out: true, at: '2026-01-01T00:00:00.000Z' } },
      'optOuts',
    );
    const id = await o.outbox.enqueue({
      threadId: 't1',
      from: '+15550000001',
      to: '+15551230000',
      text: 'hi',
    });
    await o.outbox.kick();
    expect(await o.db.get('outbox', id)).toMatchObject({
      state: 'failed',
      error: { code: 'optedOut', permanent: true },
    });
    expect(o.server).toEqual([]);
  });
});
