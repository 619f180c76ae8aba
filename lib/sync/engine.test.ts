// The engine's answer to pages it cannot fully use, over fake-indexeddb with a scripted server: records it
// doesn't know are skipped and counted while the page applies, and an unusable reply is retried a bounded
// number of times, then the token is dropped for a full sync, then the engine waits for the next trigger.
import { describe, expect, it } from 'vitest';
import type { z } from 'zod';
import entriesIsync from '../rc/fixtures/production-entries-isync.json';
import threadsFsync from '../rc/fixtures/production-threads-fsync.json';
import { RcError } from '../rc/errors';
import { openStore } from './db';
import { readEntries, readThreads } from './read';
import { BAD_PAGE_ATTEMPTS, SyncEngine } from './engine';
import { emptyStreamHealth, foldHealth, isStalled, type HealthEvent } from './health';
import { readMeta } from './store-io';
import { tokenKey, type StreamKind, type SyncClient } from './stream';

type Reply = unknown | ((query: Record<string, string>) => unknown);

/** A server that answers each stream from a script (the last reply repeats), parsed like RcClient does. */
function scriptedServer(script: Record<StreamKind, Reply[]>) {
  const calls: Array<{ kind: StreamKind; query: Record<string, string> }> = [];
  const client: SyncClient = {
    request: (async (
      _method: string,
      path: string,
      o: { query: Record<string, string>; schema: z.ZodType },
    ) => {
      const kind: StreamKind = path.includes('/entries/') ? 'entries' : 'threads';
      const n = calls.filter((c) => c.kind === kind).length;
      calls.push({ kind, query: o.query });
      const list = script[kind];
      const reply = list[Math.min(n, list.length - 1)];
      const body =
        typeof reply === 'function' ? (reply as (q: Record<string, string>) => unknown)(o.query) : reply;
      const parsed = o.schema.safeParse(body);
      if (!parsed.success) throw new RcError('badReply', `Unexpected reply for GET ${path}`, { status: 200 });
      return parsed.data;
    }) as SyncClient['request'],
  };
  return { client, calls };
}

const emptyPage = (syncType: 'FSync' | 'ISync', token: string) => ({
  records: [],
  syncInfo: { syncType, syncToken: token, syncTime: '2026-03-02T11:00:00.000Z' },
});

async function rig(script: Record<StreamKind, Reply[]>, tokens: Partial<Record<StreamKind, string>> = {}) {
  const db = await openStore(`engine-${crypto.randomUUID()}`);
  for (const [kind, token] of Object.entries(tokens))
    await db.put('meta', token, tokenKey(kind as StreamKind));
  const server = scriptedServer(script);
  const health: Array<{ kind: StreamKind; event: HealthEvent }> = [];
  const engine = new SyncEngine({
    client: server.client,
    db,
    debounceMs: 1,
    badPageDelayMs: () => 5,
    onHealth: (kind, event) => void health.push({ kind, event }),
  });
  return { db, engine, health, calls: server.calls };
}

const until = async (cond: () => boolean | Promise<boolean>, ms = 5_000) => {
  const end = Date.now() + ms;
  while (!(await cond())) {
    if (Date.now() > end) throw new Error('condition not met');
    await new Promise((r) => setTimeout(r, 5));
  }
};

describe('sync engine and pages it cannot fully use', () => {
  it('applies a production-shaped page, skipping and counting what it does not know', async () => {
    const r = await rig({
      threads: [threadsFsync],
      entries: [entriesIsync],
    });
    await r.engine.syncNow();
    const threads = await readThreads(r.db);
    expect(threads.map((t) => t.status)).toEqual(['Open', 'Open']);
    expect(threads.find((t) => t.statusReason === 'ThreadExpired')?.status).toBe('Open');
    const entries = await readEntries(r.db, '8a1b2c3d-4e5f-4a6b-8c7d-9e0f1a2b3c4d');
    expect(entries.map((e) => e.recordType)).toEqual([
      'ThreadAssignedHint',
      'AliveMessage',
      'AliveNote',
      'AliveMessage',
    ]);
    // The stream moved on: the page's token is stored, opaque, exactly as sent.
    expect(await readMeta(r.db, tokenKey('entries'))).toBe(entriesIsync.syncInfo.syncToken);
    expect(r.engine.stats.skippedRecords).toEqual({ threads: 0, entries: 2 });
    const issues = r.health.filter((h) => h.kind === 'entries').map((h) => h.event);
    expect(issues).toEqual([
      {
        type: 'issues',
        issues: {
          unknownRecordTypes: { ThreadPinnedHint: 1 },
          invalidRecords: 1,
          unknownValues: { 'messageStatus=Scheduled': 1, 'direction=Sideways': 1 },
        },
      },
    ]);
  });

  it('retries an unusable reply a bounded number of times, then drops the token and full-syncs', async () => {
    const r = await rig(
      {
        threads: [emptyPage('ISync', 't-2')],
        entries: [
          (q: Record<string, string>) => (q.syncToken ? { records: 'nope' } : emptyPage('FSync', 'e-fresh')),
        ],
      },
      { threads: 't-1', entries: 'e-old' },
    );
    await r.engine.syncNow().catch(() => undefined);
    await until(async () => (await readMeta(r.db, tokenKey('entries'))) === 'e-fresh');
    const entryCalls = r.calls.filter((c) => c.kind === 'entries');
    expect(entryCalls.map((c) => c.query.syncType)).toEqual([
      ...Array<string>(BAD_PAGE_ATTEMPTS).fill('ISync'),
      'FSync',
    ]);
    await until(() => r.health.some((h) => h.event.type === 'recovered'));
    expect(r.health.map((h) => (h.event.type === 'badPage' ? h.event.outcome : h.event.type))).toEqual([
      'retrying',
      'retrying',
      'fullSync',
      'recovered',
    ]);
    expect(r.engine.stats.badPages.entries).toBe(BAD_PAGE_ATTEMPTS);
    // The other stream never noticed.
    expect(await readMeta(r.db, tokenKey('threads'))).toBe('t-2');
  });

  it('gives up after a full sync fails the same way, and tries once more only when triggered', async () => {
    const r = await rig({ threads: [{ records: [] }], entries: [emptyPage('FSync', 'e-1')] });
    await r.engine.syncNow().catch(() => undefined);
    await until(() => r.health.some((h) => h.event.type === 'badPage' && h.event.outcome === 'gaveUp'));
    await new Promise((res) => setTimeout(res, 50));
    const threadCalls = () => r.calls.filter((c) => c.kind === 'threads').length;
    expect(threadCalls()).toBe(BAD_PAGE_ATTEMPTS);
    let folded = emptyStreamHealth();
    for (const h of r.health) if (h.kind === 'threads') folded = foldHealth(folded, h.event);
    expect(isStalled(folded)).toBe(true);
    // "Sync now" (the panel's button; the backstop alarm triggers the same run after its bucket wait).
    await r.engine.syncNow().catch(() => undefined);
    await new Promise((res) => setTimeout(res, 50));
    expect(threadCalls()).toBe(BAD_PAGE_ATTEMPTS + 1);
    r.engine.stop();
  });
});
