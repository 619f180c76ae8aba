// The client against the real emulator through the official SDK, with the wire between them rewritten the
// way a newer RingCentral could answer: sync pages with record types and values this version doesn't know,
// and replies it cannot use at all. The stream must keep moving and converge with the server.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createRcClient, type RcClient } from '../../lib/rc/client';
import { createMemoryTokenStore } from '../../lib/rc/token-store';
import { readEntries } from '../../lib/sync/read';
import { BAD_PAGE_ATTEMPTS } from '../../lib/sync/engine';
import type { HealthEvent } from '../../lib/sync/health';
import { tokenKey, type StreamKind } from '../../lib/sync/stream';
import {
  actualIn,
  customer,
  engineRig,
  expectedFor,
  findTeam,
  startWorld,
  type Team,
  type World,
} from './sync-harness';

let world: World;
let team: Team;

/** Rewrites the JSON body of sync replies (by stream) before the SDK sees them. */
type Rewrite = (kind: StreamKind, url: URL, body: Record<string, unknown>) => unknown;

let rewrite: Rewrite | undefined;

const rewritingFetch: typeof fetch = async (input, init) => {
  const response = await fetch(input, init);
  const url = new URL(input instanceof Request ? input.url : String(input));
  const kind: StreamKind | undefined = url.pathname.endsWith('/message-threads/entries/sync')
    ? 'entries'
    : url.pathname.endsWith('/message-threads/sync')
      ? 'threads'
      : undefined;
  if (!kind || !rewrite || !response.ok) return response;
  const body = (await response.json()) as Record<string, unknown>;
  const out = rewrite(kind, url, body);
  return new Response(typeof out === 'string' ? out : JSON.stringify(out), {
    status: response.status,
    headers: response.headers,
  });
};

async function loginRewriting(): Promise<RcClient> {
  const client = createRcClient({
    server: world.url,
    clientId: world.credentials.clientId,
    clientSecret: world.credentials.clientSecret,
    store: createMemoryTokenStore(),
    fetch: rewritingFetch,
  });
  await client.login({ jwt: team.agents[0]!.jwt });
  return client;
}

beforeAll(async () => {
  world = await startWorld();
  team = await findTeam(world, 1);
});

afterAll(async () => {
  await world?.close();
});

describe('a client that tolerates what production may send', { timeout: 120_000 }, () => {
  it('skips and counts unknown record types, keeps unknown values as Unknown, and moves on', async () => {
    const client = await loginRewriting();
    const health: HealthEvent[] = [];
    const rig = await engineRig(client, { onHealth: (_k, e) => void health.push(e) });
    await rig.engine.syncNow();
    const text = `tolerant ${Date.now()}`;
    await world.control('inbound', { from: customer(41), to: team.sharedNumber, text });
    rewrite = (kind, _url, body) => {
      if (kind !== 'entries') return body;
      const records = (body.records as Array<Record<string, unknown>>).map((r) =>
        r.text === text ? { ...r, messageStatus: 'Transcoded', sentiment: { score: 0.4 } } : r,
      );
      const first = records[0]!;
      records.unshift({
        recordType: 'ThreadPinnedHint',
        id: '99',
        threadId: first.threadId,
        lastModifiedTime: first.lastModifiedTime,
      });
      return { ...body, records, syncInfo: { ...(body.syncInfo as object), olderRecordsExist: false } };
    };
    await rig.engine.syncNow();
    rewrite = undefined;
    const thread = (await rig.db.getAll('threads')).find((t) => t.guestParty?.phoneNumber === customer(41));
    const entries = await readEntries(rig.db, thread!.id);
    const message = entries.find((e) => e.recordType === 'AliveMessage' && e.text === text);
    expect(message).toMatchObject({ messageStatus: 'Unknown' });
    expect(message).not.toHaveProperty('sentiment');
    expect(rig.engine.stats.skippedRecords.entries).toBe(1);
    expect(health).toContainEqual({
      type: 'issues',
      issues: {
        unknownRecordTypes: { ThreadPinnedHint: 1 },
        invalidRecords: 0,
        unknownValues: { 'messageStatus=Transcoded': 1 },
      },
    });
    // The next ISync uses the token of the rewritten page: the stream moved on.
    await rig.engine.syncNow();
    expect(rig.engine.stats.fsyncs.entries).toBe(1);
    rig.engine.stop();
  });

  it('an unusable reply is retried a bounded number of times, then a full sync converges', async () => {
    const client = await loginRewriting();
    const rig = await engineRig(client, { badPageDelayMs: () => 200 });
    await rig.engine.syncNow();
    const oldToken = await rig.db.get('meta', tokenKey('threads'));
    await world.control('inbound', { from: customer(42), to: team.sharedNumber, text: 'after the bad page' });
    let bad = 0;
    rewrite = (kind, url, body) => {
      if (kind !== 'threads' || url.searchParams.get('syncType') !== 'ISync') return body;
      bad++;
      return '<html>Gateway says hello</html>';
    };
    await rig.engine.trigger('threads').catch(() => undefined);
    await rig.waitForChange(
      (c) =>
        c.kind === 'threads' && c.writes.putThreads.some((t) => t.guestParty?.phoneNumber === customer(42)),
    );
    rewrite = undefined;
    expect(bad).toBe(BAD_PAGE_ATTEMPTS);
    expect(rig.engine.stats.fsyncs.threads).toBe(2);
    expect(await rig.db.get('meta', tokenKey('threads'))).not.toBe(oldToken);
    await rig.engine.syncNow();
    const [expected, actual] = await Promise.all([
      expectedFor(world, team.agents[0]!.extensionId),
      actualIn(rig.db),
    ]);
    expect(actual.open).toEqual(expected.open);
    rig.engine.stop();
  });
});
