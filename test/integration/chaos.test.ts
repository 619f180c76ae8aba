// Chaos: 1,000 inbound messages across 200 threads while another agent assigns and resolves, with 5xx, 429
// bursts, dropped sockets and latency switched on. After the faults stop and one final settle, the local store
// must equal the emulator's state: same Open threads, same assignees, same messages, nothing lost or doubled.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { PushChannel } from '../../lib/push/channel';
import { assignThread, listThreads, resolveThread } from '../../lib/rc/api';
import type { RcClient } from '../../lib/rc/client';
import type { MessageThread } from '../../lib/rc/schemas';
import {
  actualIn,
  customer,
  engineRig,
  eventually,
  expectedFor,
  findTeam,
  startWorld,
  type Team,
  type World,
} from './sync-harness';

const THREADS = 200;
const MESSAGES = 1_000;

let world: World;
let team: Team;
let me: RcClient;
let other: RcClient;

beforeAll(async () => {
  world = await startWorld();
  team = await findTeam(world, 2);
  me = await world.login(team.agents[0]!);
  other = await world.login(team.agents[1]!);
});

afterAll(async () => {
  await world?.control('faults', { latencyMs: 0, errorRate: 0, dropSockets: false }).catch(() => undefined);
  await world?.close();
});

/** Runs tasks with a concurrency cap. */
async function pool<T>(items: T[], size: number, task: (item: T) => Promise<unknown>): Promise<void> {
  let next = 0;
  await Promise.all(
    Array.from({ length: size }, async () => {
      while (next < items.length) await task(items[next++]!);
    }),
  );
}

async function retry<T>(fn: () => Promise<T>, attempts = 8): Promise<T | undefined> {
  for (let i = 0; i < attempts; i++) {
    try {
      return await fn();
    } catch {
      await new Promise((r) => setTimeout(r, 200 * (i + 1)));
    }
  }
  return undefined;
}

/** The other agent shuffles assignments and resolves a few threads, through the same faults. */
async function otherAgentChurn(meId: string, otherId: string): Promise<number> {
  const list = await retry(() =>
    listThreads(other, { threadStatus: 'Open', ownerExtensionIds: [team.resourceId], perPage: 1000 }),
  );
  const threads: MessageThread[] = (list?.records ?? []).filter((t) =>
    t.guestParty?.phoneNumber?.startsWith('+1202555'),
  );
  let done = 0;
  const picks = threads.slice(0, 24);
  await pool(picks, 4, async (t) => {
    const i = picks.indexOf(t);
    const action =
      i % 3 === 0
        ? () => resolveThread(other, t.id)
        : () => assignThread(other, t.id, i % 3 === 1 ? otherId : meId);
    if (await retry(action, 3)) done++;
  });
  return done;
}

describe('chaos', () => {
  it(
    'converges to the emulator state after faults, drops and concurrent changes',
    { timeout: 300_000 },
    async () => {
      const rig = await engineRig(me);
      await rig.engine.syncNow();
      const push = new PushChannel({
        sdk: me.sdk,
        budget: me.budget,
        onEvent: (kind) => void rig.engine.trigger(kind),
        onResync: () => {
          void rig.engine.trigger('threads');
          void rig.engine.trigger('entries');
        },
      });
      await push.start();

      await world.control('faults', { latencyMs: 40, errorRate: 0.1, burst429: { count: 3 } });
      const inbound = Array.from({ length: MESSAGES }, (_, i) => ({
        from: customer(i % THREADS),
        to: team.sharedNumber,
        text: `chaos ${i}`,
      }));
      let sent = 0;
      const sending = pool(inbound, 8, async (m) => {
        await world.control('inbound', m);
        sent++;
        // Drop every socket a few times along the way.
        if (sent % 250 === 0) {
          await world.control('faults', { dropSockets: true });
          await new Promise((r) => setTimeout(r, 300));
          await world.control('faults', { dropSockets: false });
        }
      });
      const churn = (async () => {
        await new Promise((r) => setTimeout(r, 3_000));
        return otherAgentChurn(team.agents[0]!.extensionId, team.agents[1]!.extensionId);
      })();
      await sending;
      const changed = await churn;
      await world.control('faults', { latencyMs: 0, errorRate: 0, dropSockets: false });
      // Push comes back on its own after the drops (recovered session or a fresh subscription).
      await eventually(async () => push.connected, 60_000);
      expect(push.stats.recoveries + push.stats.registrations).toBeGreaterThan(1);

      // Final settle: sync until both streams succeed once with the faults off.
      for (let i = 0; i < 10; i++) {
        try {
          await rig.engine.syncNow();
          break;
        } catch {
          await new Promise((r) => setTimeout(r, 1_000));
        }
      }
      const [expected, actual] = await Promise.all([
        expectedFor(world, team.agents[0]!.extensionId),
        actualIn(rig.db),
      ]);
      console.info('chaos:', {
        openThreads: expected.open.size,
        messages: expected.messages.size,
        otherAgentChanges: changed,
        requests: rig.engine.stats.requests,
        failures: rig.engine.stats.failures,
        push: push.stats,
      });
      expect(changed).toBeGreaterThan(0);
      expect(expected.messages.size).toBeGreaterThan(0);
      expect(actual.open).toEqual(expected.open);
      expect(actual.messages).toEqual(expected.messages);
      await push.stop();
      rig.engine.stop();
    },
  );
});
