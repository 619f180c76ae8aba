import { agentKey } from '../../lib/auth/agent';
import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { fakeBrowser } from 'wxt/testing';
import { Outbox } from '../../lib/outbox/outbox';
import { RateBudget } from '../../lib/rc/budget';
import { createRcClient, type RcClient } from '../../lib/rc/client';
import type { ThreadMessage } from '../../lib/rc/schemas';
import { createMemoryTokenStore } from '../../lib/rc/token-store';
import { openStore, type Store } from '../../lib/sync/db';
import { SyncEngine } from '../../lib/sync/engine';
import { startTestEmulator, type TestEmulator } from './auth-helpers';

const QUEUE = '+15559870100';
const PNG =
  'iVBORw0KGgoAAAANSUhEUgAAAAEAAAABCAYAAAAfFcSJAAAADUlEQVR42mP8z8BQDwAEhQGAhKmMIQAAAABJRU5ErkJggg==';
let t: TestEmulator;
let dbs = 0;
let customers = 0;
/** A customer number no other test has texted. */
const newCustomer = () => `+1555301${String(++customers).padStart(4, '0')}`;

beforeAll(async () => {
  t = await startTestEmulator();
});
afterAll(() => t.close());
beforeEach(() => fakeBrowser.reset());

interface Truth {
  accounts: Array<{
    id: string;
    threads: Array<{ id: string; guestParty?: { phoneNumber: string } }>;
    messages: Array<{ id: string; threadId: string; text?: string; direction: string }>;
  }>;
}

async function sentTexts(customer: string): Promise<string[]> {
  const state = await t.control<Truth>('state');
  const account = state.accounts.find((a) => a.id === t.user('Avery').accountId)!;
  const threadIds = new Set(
    account.threads.filter((th) => th.guestParty?.phoneNumber === customer).map((th) => th.id),
  );
  return account.messages
    .filter((m) => threadIds.has(m.threadId) && m.direction === 'Outbound')
    .map((m) => m.text ?? '');
}

/** A fetch that, with probability `lossRate`, lets a send reach the server and then loses the reply: the
 *  ambiguous failure that must not turn into a duplicate. */
function lossyFetch(lossRate: number): typeof fetch {
  return async (input, init) => {
    const req = input instanceof Request ? input : new Request(input, init);
    const res = await fetch(input, init);
    if (req.method === 'POST' && new URL(req.url).pathname.endsWith('/message-threads/messages')) {
      if (Math.random() < lossRate) {
        await res.body?.cancel();
        throw new TypeError('fetch failed: socket hang up');
      }
    }
    return res;
  };
}

function emulatorTime() {
  return {
    now: () => t.emu.clock.now(),
    sleep: async (ms: number) => {
      t.emu.clock.advance(ms);
      await new Promise((r) => setTimeout(r, 1));
    },
  };
}

async function agent(firstName: string, fetchImpl: typeof fetch = fetch) {
  const client = createRcClient({
    server: t.url,
    clientId: t.creds.privateApp.clientId,
    clientSecret: t.creds.privateApp.clientSecret,
    store: createMemoryTokenStore(),
    fetch: fetchImpl,
    // The emulator's default limits apply; the budget waits on the emulator's clock, so a penalty the retries
    // earn passes in virtual time instead of a real minute.
    budget: new RateBudget(emulatorTime()),
  });
  await client.login({ jwt: t.user(firstName).jwt });
  const db = await openStore(`outbox-it-${++dbs}`);
  const applied: ThreadMessage[] = [];
  const clock = { now: Date.now() };
  const outbox = new Outbox({
    db: async () => db,
    rc: async () => client,
    agent: async () => {
      const { extensionId } = t.user(firstName);
      return { extensionId, server: t.url, key: agentKey(extensionId, t.url) };
    },
    applyLocalMessage: (m) => void applied.push(m),
    onChange: () => undefined,
    // Backoff runs on a virtual clock, so the test exercises every retry without waiting minutes for them.
    now: () => clock.now,
    sleep: async (ms) => {
      clock.now += ms;
      await new Promise((r) => setTimeout(r, 1));
    },
  });
  return { client, db, outbox, applied };
}

async function send(outbox: Outbox, to: string, text: string, threadId?: string) {
  return outbox.enqueue({ from: QUEUE, to, text, ...(threadId ? { threadId } : {}) });
}

describe('outbox against the emulator', () => {
  it('sends, removes the item and hands the message to the store', async () => {
    const { db, outbox, applied } = await agent('Avery');
    const customer = newCustomer();
    await send(outbox, customer, 'Hello from the outbox');
    await outbox.kick();
    expect(await sentTexts(customer)).toEqual(['Hello from the outbox']);
    expect(await db.getAll('outbox')).toEqual([]);
    expect(applied).toHaveLength(1);
    expect(applied[0]).toMatchObject({ direction: 'Outbound', text: 'Hello from the outbox' });
  });

  it('sends an MMS as multipart: metadata + attachment', async () => {
    const { db, outbox } = await agent('Avery');
    const customer = newCustomer();
    const png = Uint8Array.from(atob(PNG), (c) => c.charCodeAt(0));
    await outbox.enqueue({
      from: QUEUE,
      to: customer,
      text: 'The signed form',
      attachments: [{ name: 'form.png', type: 'image/png', data: new Blob([png], { type: 'image/png' }) }],
    });
    await outbox.kick();
    expect(await db.getAll('outbox')).toEqual([]);
    const state = await t.control<{
      accounts: Array<{
        messages: Array<{ text?: string; attachments?: Array<{ contentType: string; size: number }> }>;
      }>;
    }>('state');
    const sent = state.accounts.flatMap((a) => a.messages).find((m) => m.text === 'The signed form');
    expect(sent?.attachments).toEqual([
      expect.objectContaining({ contentType: 'image/png', size: png.length }),
    ]);
  });

  it('with 503s, a burst of 429s and lost replies, 20 sends arrive exactly once and in order', async () => {
    const { db, outbox } = await agent('Avery', lossyFetch(0.3));
    const customer = newCustomer();
    await t.control('faults', { errorRate: 0.5, burst429: { count: 5, retryAfterSeconds: 1 } });
    try {
      const texts = Array.from({ length: 20 }, (_, i) => `Update ${i + 1} of 20`);
      for (const text of texts) await send(outbox, customer, text);
      await outbox.kick();
      expect(await db.getAll('outbox')).toEqual([]);
      expect(await sentTexts(customer)).toEqual(texts);
    } finally {
      await t.control('faults', { errorRate: 0, burst429: { count: 0 } });
    }
  });

  it('MSG-427 when another agent holds the thread: failed as notAssignee, text kept', async () => {
    const customer = newCustomer();
    const jordan = await agent('Jordan');
    await send(jordan.outbox, customer, 'Jordan here, I have this one');
    await jordan.outbox.kick();
    const avery = await agent('Avery');
    const localId = await send(avery.outbox, customer, 'Avery trying to reply');
    await avery.outbox.kick();
    expect(await avery.db.get('outbox', localId)).toMatchObject({
      state: 'failed',
      text: 'Avery trying to reply',
      error: { code: 'notAssignee', permanent: true },
    });
    expect(await sentTexts(customer)).toEqual(['Jordan here, I have this one']);
  });

  it('a customer who texted STOP: the send fails as optedOut and nothing is sent', async () => {
    const customer = newCustomer();
    await t.control('inbound', { from: customer, to: QUEUE, text: 'STOP' });
    const avery = await agent('Avery');
    await syncOnce(avery.client, avery.db);
    const localId = await send(avery.outbox, customer, 'Are you still there?');
    await avery.outbox.kick();
    expect(await avery.db.get('outbox', localId)).toMatchObject({
      state: 'failed',
      error: { code: 'optedOut', permanent: true },
    });
    // Only the carrier's automatic confirmation went out.
    expect((await sentTexts(customer)).filter((x) => x === 'Are you still there?')).toEqual([]);
  });
});

async function syncOnce(client: RcClient, db: Store) {
  const engine = new SyncEngine({ client, db });
  await engine.syncNow();
  engine.stop();
}
