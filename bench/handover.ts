// Bulk hand-over benchmark against the real emulator on its DEFAULT rate limits: 50 open threads held by one
// handler move to another through the real client (rate budget included), checked before each assign with
// lib/team/handover.ts. Prints wall time, the requests it cost, and the floor RingCentral's limit sets: assign is
// in the Medium group (40 requests / user / app / 60 s, OpenAPI x-throttling-group), so request 41 cannot go
// before the first leaves the sliding window, whatever the client does. Run: npx tsx bench/handover.ts
import './background-env';
import { threadScope } from '../emulator/threads/access';
import { assignThread as emulatorAssign } from '../emulator/threads/thread-ops';
import { startEmulator } from '../emulator/server';
import { assignThread, listThreads } from '../lib/rc/api';
import { createRcClient, RcError } from '../lib/rc/client';
import type { MessageThread } from '../lib/rc/schemas';
import { createMemoryTokenStore } from '../lib/rc/token-store';
import { RATE_LIMITS, usable, WINDOW_MS } from '../lib/rc/budget';
import { runHandover } from '../lib/team/handover';

const N = 50;
const emulator = await startEmulator({ port: 0, reset: true });
try {
  const control = async <T>(path: string, body?: unknown): Promise<T> => {
    const res = await fetch(`${emulator.url}/__emulator/${path}`, {
      method: body === undefined ? 'GET' : 'POST',
      headers: body === undefined ? {} : { 'content-type': 'application/json' },
      body: body === undefined ? undefined : JSON.stringify(body),
    });
    return (await res.json()) as T;
  };
  const creds = await control<{
    privateApp: { clientId: string; clientSecret: string };
    users: {
      name: string;
      accountId: string;
      extensionId: string;
      jwt: string;
      handles: { name: string; sharedNumbers: string[] }[];
    }[];
  }>('credentials');
  const user = (name: string) => creds.users.find((u) => u.name.startsWith(name))!;
  const avery = user('Avery');
  const jordan = user('Jordan');
  const queue = avery.handles.find((h) => h.name === 'Financial Advising Queue')!.sharedNumbers[0]!;

  // Setup outside the measured part: 50 new threads, assigned to Jordan inside the emulator (not over REST).
  const ids: string[] = [];
  for (let i = 0; i < N; i++) {
    const from = `+1555019${String(5000 + i).padStart(4, '0')}`;
    const { thread } = await control<{ thread: { id: string } }>('inbound', {
      from,
      to: queue,
      text: `hello ${i}`,
    });
    ids.push(thread.id);
  }
  const scope = threadScope(
    emulator.core,
    { accountId: jordan.accountId, extensionId: jordan.extensionId, clientId: 'bench', sessionId: 'bench' },
    '~',
  );
  for (const id of ids) emulatorAssign(emulator.core, scope, id, jordan.extensionId);

  let requests = 0;
  let rateWaits = 0;
  const byGroup: Record<string, number> = {};
  const client = createRcClient({
    server: emulator.url,
    clientId: creds.privateApp.clientId,
    clientSecret: creds.privateApp.clientSecret,
    store: createMemoryTokenStore(),
    fetch: (input, init) => {
      requests++;
      return fetch(input, init);
    },
  });
  await client.login({ jwt: avery.jwt });
  const afterLogin = requests;

  const started = performance.now();
  // The extension checks against its live store; here one list call stands in for it, updated by each answer.
  const current = new Map<string, MessageThread>();
  for (let page = 1; ; page++) {
    const list = await listThreads(client, { threadStatus: 'Open', perPage: 250, page });
    for (const t of list.records) current.set(t.id, t);
    if (!list.paging?.totalPages || page >= list.paging.totalPages) break;
  }
  const results = await runHandover(ids, jordan.extensionId, avery.extensionId, {
    current: (id) => current.get(id),
    assign: async (id, to) => current.set(id, await assignThread(client, id, to)),
    rateLimitWait: (e) => (e instanceof RcError && e.status === 429 ? (e.retryAfterMs ?? 60_000) : undefined),
    onWait: (ms) => void (ms > 0 && rateWaits++),
  });
  const ms = performance.now() - started;
  for (const r of results) byGroup[r.outcome] = (byGroup[r.outcome] ?? 0) + 1;
  console.log(`hand-over of ${N} threads (default rate limits): ${(ms / 1000).toFixed(1)} s`);
  console.log(`requests: ${requests - afterLogin} (1 list + ${N} assigns; sign-in not counted)`);
  console.log(`outcomes: ${JSON.stringify(byGroup)}; waits on a 429: ${rateWaits}`);
  const medium = N + 1;
  const floor = (limit: number) => (medium > limit ? WINDOW_MS / 1000 : 0);
  console.log(
    `floor for ${medium} Medium requests: ${floor(RATE_LIMITS.Medium)} s at the full limit (${RATE_LIMITS.Medium}/60 s), ` +
      `${floor(usable(RATE_LIMITS.Medium))} s at the client's share (${usable(RATE_LIMITS.Medium)}/60 s)`,
  );
} finally {
  await emulator.close();
}
