// Background data-side benchmark against the real emulator, SDK and engine in Node (fake-indexeddb):
// push→store→badge-model latency, requests per hour idle and during a burst, FSync of 5,000 open threads and
// heap used by the store and engine. Run: npx tsx --expose-gc bench/background.ts
import './background-env';
import { pathToFileURL } from 'node:url';
import { badgeModel } from '../lib/badge/model';
import { PushChannel } from '../lib/push/channel';
import { createRcClient, type RcClient } from '../lib/rc/client';
import { createMemoryTokenStore } from '../lib/rc/token-store';
import { PERIOD_WITH_PUSH_MIN } from '../lib/sync/cadence';
import { readSnapshot } from '../lib/sync/read';
import {
  customer,
  engineRig,
  findTeam,
  startWorld,
  type EngineRig,
  type World,
} from '../test/integration/sync-harness';

const sleep = (ms: number) => new Promise((r) => setTimeout(r, ms));

function percentile(values: number[], p: number): number {
  const sorted = [...values].sort((a, b) => a - b);
  return sorted[Math.min(sorted.length - 1, Math.floor((p / 100) * sorted.length))] ?? NaN;
}

interface Counted {
  client: RcClient;
  requests(): number;
}

async function countedClient(world: World, user: { jwt: string }): Promise<Counted> {
  let n = 0;
  const client = createRcClient({
    server: world.url,
    clientId: world.credentials.clientId,
    clientSecret: world.credentials.clientSecret,
    store: createMemoryTokenStore(),
    fetch: (input, init) => {
      n++;
      return fetch(input, init);
    },
  });
  await client.login({ jwt: user.jwt });
  return { client, requests: () => n };
}

function withPush(rig: EngineRig, client: RcClient): PushChannel {
  return new PushChannel({
    sdk: client.sdk,
    budget: client.budget,
    onEvent: (kind) => void rig.engine.trigger(kind),
    onResync: () => undefined,
  });
}

/** Time from POST inbound to the message committed and the badge model recomputed from the store. */
async function pushLatency(
  world: World,
  rig: EngineRig,
  me: string,
  shared: string,
  samples: number,
  gapMs: number,
) {
  const times: number[] = [];
  for (let i = 0; i < samples; i++) {
    const text = `latency ${i} ${Date.now()}`;
    const t0 = performance.now();
    const seen = rig.waitForChange((c) => c.writes.newMessages.some((m) => m.text === text), 30_000);
    await world.control('inbound', { from: customer(4000 + i), to: shared, text });
    await seen;
    const { threads, summaries, reads } = await readSnapshot(rig.db);
    badgeModel(threads, summaries, reads, me, null);
    times.push(performance.now() - t0);
    await sleep(gapMs);
  }
  return times;
}

export async function run(): Promise<Record<string, number>> {
  const out: Record<string, number> = {};
  const world = await startWorld();
  try {
    const team = await findTeam(world, 1);
    const agent = team.agents[0]!;

    // 1. Push → store → badge model, isolated pushes (spaced beyond the scheduler's refill).
    const a = await countedClient(world, agent);
    const rig = await engineRig(a.client);
    await rig.engine.syncNow();
    const push = withPush(rig, a.client);
    await push.start();
    const isolated = await pushLatency(world, rig, agent.extensionId, team.sharedNumber, 12, 5_200);
    out['push→badge p50 ms (isolated)'] = Math.round(percentile(isolated, 50));
    out['push→badge p95 ms (isolated)'] = Math.round(percentile(isolated, 95));

    // 2. Idle: HTTP requests over 60 s with push connected, extrapolated, plus the alarm backstop's ISyncs.
    await sleep(2_000);
    const idleStart = a.requests();
    await sleep(60_000);
    const idleHttp = (a.requests() - idleStart) * 60;
    out['idle HTTP req/h (60 s ×60)'] = idleHttp;
    out['idle req/h incl. alarm ISyncs'] = idleHttp + 2 * (60 / PERIOD_WITH_PUSH_MIN);
    out['heartbeat frames/h (WS, not HTTP)'] = 3600 / 20;

    // 3. A burst of 100 inbound messages in 10 s.
    const burstStart = a.requests();
    const syncBefore = rig.engine.stats.requests.threads + rig.engine.stats.requests.entries;
    const posted = new Map<string, number>();
    const arrivals: number[] = [];
    const done = new Promise<void>((resolve) => {
      const check = rig.waitForChange((c) => {
        for (const m of c.writes.newMessages) {
          const t = m.text && posted.get(m.text);
          if (t) arrivals.push(performance.now() - t);
        }
        return arrivals.length >= 100;
      }, 120_000);
      void check.then(() => resolve());
    });
    for (let i = 0; i < 100; i++) {
      const text = `burst ${i} ${Date.now()}`;
      posted.set(text, performance.now());
      await world.control('inbound', { from: customer(4100 + (i % 25)), to: team.sharedNumber, text });
      await sleep(100);
    }
    await done;
    out['burst: HTTP requests for 100 msgs'] = a.requests() - burstStart;
    out['burst: sync requests (both streams)'] =
      rig.engine.stats.requests.threads + rig.engine.stats.requests.entries - syncBefore;
    out['burst: msg→store p50 ms'] = Math.round(percentile(arrivals, 50));
    out['burst: msg→store p95 ms'] = Math.round(percentile(arrivals, 95));
    await push.stop();
    rig.engine.stop();

    // 4. FSync of 5,000 open threads (one inbound message each), and heap used by store + engine.
    for (let i = 0; i < 5_000; i += 50) {
      await Promise.all(
        Array.from({ length: 50 }, (_, j) =>
          world.control('inbound', {
            from: customer(10_000 + i + j),
            to: team.sharedNumber,
            text: `bulk ${i + j}`,
          }),
        ),
      );
    }
    const gc = (globalThis as { gc?: () => void }).gc;
    gc?.();
    const heapBefore = process.memoryUsage().heapUsed;
    const b = await countedClient(world, agent);
    const big = await engineRig(b.client);
    const t0 = performance.now();
    await big.engine.syncNow();
    out['FSync 5,000+ threads ms (threads+entries, fake-indexeddb)'] = Math.round(performance.now() - t0);
    out['threads in store'] = (await big.db.count('threads')) as number;
    gc?.();
    out['heap used by store+engine MB'] =
      Math.round(((process.memoryUsage().heapUsed - heapBefore) / 2 ** 20) * 10) / 10;
    out['gc exposed (1 = heap numbers exact)'] = gc ? 1 : 0;
    big.engine.stop();
  } finally {
    await world.close();
  }
  return out;
}

if (process.argv[1] && import.meta.url === pathToFileURL(process.argv[1]).href) {
  const result = await run();
  console.table(Object.entries(result).map(([metric, value]) => ({ metric, value })));
  process.exit(0);
}
