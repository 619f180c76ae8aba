// Benchmark: ISync latency of the emulator against a large store. Loads 10,000 threads / 100,000 messages
// straight into the state (not over HTTP), applies N changes (N = 1, 10, 100), then times ISync requests over
// loopback HTTP (p50/p95) for both sync endpoints, and reports process memory. The same run against a
// 1,000-thread store shows ISync time follows the number of changes, not the store size.
// Run alone: `npx tsx bench/emulator-isync.ts`, or through `npm run bench -- emulator-isync`.
import { pathToFileURL } from 'node:url';
import { startEmulator, type RunningEmulator } from '../emulator/server.ts';
import { ACCOUNT_A, IDS, NUMBERS } from '../emulator/seed/index.ts';
import { buildSeedState } from '../emulator/seed/index.ts';
import type { EmulatorState, MessageRec, ThreadRec } from '../emulator/state.ts';
import { receiveInbound } from '../emulator/threads/message-ops.ts';

const SAMPLES = 60;
let customerCount = 0;
const ADVISORS = [IDS.avery, IDS.jordan, IDS.sam, IDS.taylor];

/** A state with `threads` Open queue threads, ten messages each, all within the last two days. */
function bigState(threads: number): EmulatorState {
  const now = Date.now();
  const state = buildSeedState({ now, conversations: false, putMedia: () => undefined });
  const data = state.data[ACCOUNT_A];
  if (!data) throw new Error('no account A');
  for (let i = 0; i < threads; i++) {
    const id = `79${String(i).padStart(8, '0')}`;
    const start = now - 47 * 3600_000 + i * 10;
    const thread: ThreadRec = {
      id,
      ownerId: IDS.queue,
      ownerPhone: NUMBERS.queue,
      guestPhone: `+1555${String(2_000_000 + i).padStart(7, '0')}`,
      status: 'Open',
      availability: 'Alive',
      assigneeId: i % 5 === 4 ? null : (ADVISORS[i % 4] ?? null),
      label: 'latest message',
      creationTime: start,
      lastModifiedTime: start + 9_000,
      lastActivityTime: start + 9_000,
    };
    data.threads.push(thread);
    for (let m = 0; m < 10; m++) {
      const inbound = m % 2 === 0;
      const message: MessageRec = {
        id: `${id}${m}`,
        threadId: id,
        direction: inbound ? 'Inbound' : 'Outbound',
        messageStatus: inbound ? 'Received' : 'Delivered',
        text: `Message ${m} of thread ${i}: a realistic length of text for an SMS conversation.`,
        ...(inbound ? {} : { authorId: thread.assigneeId }),
        availability: 'Alive',
        creationTime: start + m * 1000,
        lastModifiedTime: start + m * 1000,
      };
      data.messages.push(message);
    }
  }
  state.counter.next = 1_000_000;
  return state;
}

async function bearer(emu: RunningEmulator): Promise<string> {
  const state = emu.world().state;
  const user = state.accounts[0]?.users.find((u) => u.id === IDS.avery);
  const basic = Buffer.from(`${state.apps.privateClientId}:${state.apps.privateClientSecret}`).toString(
    'base64',
  );
  const res = await fetch(`${emu.url}/restapi/oauth/token`, {
    method: 'POST',
    headers: { authorization: `Basic ${basic}`, 'content-type': 'application/x-www-form-urlencoded' },
    body: new URLSearchParams({
      grant_type: 'urn:ietf:params:oauth:grant-type:jwt-bearer',
      assertion: user?.jwt ?? '',
    }),
  });
  return `Bearer ${((await res.json()) as { access_token: string }).access_token}`;
}

const percentile = (sorted: number[], p: number) =>
  sorted[Math.min(sorted.length - 1, Math.floor((p / 100) * sorted.length))] ?? 0;
const round = (n: number) => Math.round(n * 1000) / 1000;

async function timed(url: string, auth: string): Promise<{ ms: number; records: number }> {
  const started = performance.now();
  const res = await fetch(url, { headers: { authorization: auth } });
  const body = (await res.json()) as { records?: unknown[] };
  if (!res.ok) throw new Error(`${res.status} ${JSON.stringify(body)}`);
  return { ms: performance.now() - started, records: body.records?.length ?? 0 };
}

async function syncToken(emu: RunningEmulator, auth: string, path: string): Promise<string> {
  const res = await fetch(`${emu.url}/restapi/v1.0/account/~/message-threads/${path}`, {
    headers: { authorization: auth },
  });
  return ((await res.json()) as { syncInfo: { syncToken: string } }).syncInfo.syncToken;
}

interface Measured {
  p50: number;
  p95: number;
  records: number;
}

async function measureIsync(
  emu: RunningEmulator,
  auth: string,
  changes: number,
): Promise<{ threads: Measured; entries: Measured }> {
  const threadsToken = await syncToken(emu, auth, 'sync');
  const entriesToken = await syncToken(emu, auth, 'entries/sync?scope=Accessible');
  // Each change is a text from a new customer: a new thread, so one threads record and two entries records.
  for (let i = 0; i < changes; i++) {
    customerCount += 1;
    receiveInbound(emu.core, {
      from: `+1555${String(3_000_000 + customerCount).padStart(7, '0')}`,
      to: NUMBERS.queue,
      text: `change ${i}`,
    });
  }
  const sample = async (path: string, token: string): Promise<Measured> => {
    const times: number[] = [];
    let records = 0;
    for (let i = 0; i < SAMPLES; i++) {
      const result = await timed(
        `${emu.url}/restapi/v1.0/account/~/message-threads/${path}?syncType=ISync&syncToken=${encodeURIComponent(token)}`,
        auth,
      );
      times.push(result.ms);
      records = result.records;
    }
    times.sort((a, b) => a - b);
    return { p50: round(percentile(times, 50)), p95: round(percentile(times, 95)), records };
  };
  return { threads: await sample('sync', threadsToken), entries: await sample('entries/sync', entriesToken) };
}

async function benchStore(threads: number, changeCounts: number[]) {
  const emu = await startEmulator({
    port: 0,
    state: bigState(threads),
    // Limits off on purpose: this measures the server's cost of hundreds of ISyncs a minute from one user,
    // which a real user's Medium budget (40/min) would turn into a measurement of the 429 penalty instead.
    rateLimits: false,
    carrierDelays: { sentMs: 1e9, deliveredMs: 2e9 },
  });
  try {
    const auth = await bearer(emu);
    for (let i = 0; i < 20; i++) await timed(`${emu.url}/restapi/v1.0/account/~/extension/~`, auth);
    globalThis.gc?.();
    const memory = process.memoryUsage();
    await timed(`${emu.url}/restapi/v1.0/account/~/message-threads/sync`, auth);
    const fsync = await timed(`${emu.url}/restapi/v1.0/account/~/message-threads/sync`, auth);
    const results: Record<number, { threads: Measured; entries: Measured }> = {};
    for (const n of changeCounts) results[n] = await measureIsync(emu, auth, n);
    return { memory, fsync, results };
  } finally {
    await emu.close();
  }
}

export async function run(): Promise<Record<string, number>> {
  const out: Record<string, number> = {};
  const rssBefore = process.memoryUsage().rss;
  const large = await benchStore(10_000, [1, 10, 100]);
  out['store 10k threads / 100k messages: rss MB'] = round(large.memory.rss / 2 ** 20);
  out['store 10k threads / 100k messages: heap used MB'] = round(large.memory.heapUsed / 2 ** 20);
  out['store 10k: rss growth over empty process MB'] = round((large.memory.rss - rssBefore) / 2 ** 20);
  out['store 10k: threads FSync ms (warm, 10k records)'] = round(large.fsync.ms);
  for (const [n, r] of Object.entries(large.results)) {
    out[`store 10k, ${n} changes: threads ISync p50 ms`] = r.threads.p50;
    out[`store 10k, ${n} changes: threads ISync p95 ms`] = r.threads.p95;
    out[`store 10k, ${n} changes: entries ISync p50 ms`] = r.entries.p50;
    out[`store 10k, ${n} changes: entries ISync p95 ms`] = r.entries.p95;
    out[`store 10k, ${n} changes: entries ISync records`] = r.entries.records;
  }
  const small = await benchStore(1_000, [100]);
  const smallRun = small.results[100];
  if (smallRun) {
    out['store 1k, 100 changes: threads ISync p50 ms'] = smallRun.threads.p50;
    out['store 1k, 100 changes: entries ISync p50 ms'] = smallRun.entries.p50;
    out['store 1k, 100 changes: entries ISync p95 ms'] = smallRun.entries.p95;
  }
  return out;
}

if (process.argv[1] && import.meta.url === pathToFileURL(process.argv[1]).href) {
  const results = await run();
  const width = Math.max(...Object.keys(results).map((k) => k.length));
  console.log(`${'measure'.padEnd(width)}  value`);
  console.log(`${'-'.repeat(width)}  -----`);
  for (const [key, value] of Object.entries(results)) console.log(`${key.padEnd(width)}  ${value}`);
}
