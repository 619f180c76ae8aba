// Every Message-Threads operation, driven through @ringcentral/sdk against the emulator, checked against
// RingCentral's OpenAPI subset — success and error responses alike.
import type { SDK } from '@ringcentral/sdk';
import { afterAll, beforeAll, expect, it } from 'vitest';
import { describeFinding } from './check-exchange.ts';
import { startConformanceRun, type ConformanceRun } from './conformance-run.ts';
import { expectedFindings } from './known-mismatches.ts';
import { describeWithSpec } from './spec-guard.ts';
import { THREAD_OPERATIONS } from './operations.ts';
import { twoHandlersOfOneNumber } from './sdk-session.ts';

const BASE = '/restapi/v1.0/account/~/message-threads';
const PNG_1X1 = Buffer.from(
  'iVBORw0KGgoAAAANSUhEUgAAAAEAAAABCAYAAAAfFcSJAAAADUlEQVR42mNk+M9QDwADhgGAWjR9awAAAABJRU5ErkJggg==',
  'base64',
);

describeWithSpec('conformance: Message Threads API', (spec) => {
  let run: ConformanceRun;

  beforeAll(async () => {
    run = await startConformanceRun();
    const { first, second, sharedNumber } = twoHandlersOfOneNumber(run.emu.credentials);
    const outsider = run.emu.credentials.users.find(
      (u) =>
        u.accountId === first.accountId && !u.handles.some((h) => h.sharedNumbers.includes(sharedNumber)),
    );
    const alice: SDK = await run.signIn(first);
    const bob: SDK = await run.signIn(second);
    const a = alice.platform();
    const json = async <T>(response: Promise<Response>) => (await (await response).json()) as T;

    // Reads and syncs.
    await a.get(BASE, { perPage: 5, page: 1, threadStatus: 'Open' });
    await a.get(BASE, { availability: ['Alive', 'Deleted'], ownerExtensionIds: [first.handles[0]?.id] });
    const threadSync = await json<{ syncInfo: { syncToken: string } }>(
      a.get(`${BASE}/sync`, { syncType: 'FSync' }),
    );
    const entrySync = await json<{ syncInfo: { syncToken: string } }>(
      a.get(`${BASE}/entries/sync`, { syncType: 'FSync', scope: 'Accessible' }),
    );

    // A customer starts a thread; Alice takes it, replies by SMS and MMS, and writes notes.
    const customer = '+15550197001';
    const { thread } = await run.emu.control<{ thread: { id: string } }>('inbound', {
      from: customer,
      to: sharedNumber,
      text: 'Hi, I need help with my statement.',
      attachments: [
        { contentType: 'image/png', filename: 'statement.png', base64: PNG_1X1.toString('base64') },
      ],
    });
    await a.get(`${BASE}/${thread.id}`);
    await a.post(`${BASE}/${thread.id}/assign`, { assignee: { extensionId: first.extensionId } });
    const sent = await json<{ id: string }>(
      a.post(`${BASE}/messages`, {
        threadId: thread.id,
        from: { phoneNumber: sharedNumber },
        to: [{ phoneNumber: customer }],
        text: 'Happy to help — which month?',
      }),
    );
    const form = new FormData();
    const metadata = {
      threadId: thread.id,
      from: { phoneNumber: sharedNumber },
      to: [{ phoneNumber: customer }],
    };
    form.append(
      'metadata',
      new Blob([JSON.stringify({ ...metadata, text: 'Here is a copy.' })], { type: 'application/json' }),
    );
    form.append('attachments', new Blob([PNG_1X1], { type: 'image/png' }), 'copy.png');
    await a.post(`${BASE}/messages`, form);
    const listed = await json<{
      records: Array<{ id: string; attachments?: Array<{ contentUri: string }> }>;
    }>(a.get(`${BASE}/messages`, { threadIds: [thread.id], perPage: 10 }));
    await a.get(`${BASE}/messages`, { messageIds: [sent.id] });
    const contentUri = listed.records.find((m) => m.attachments)?.attachments?.[0]?.contentUri;
    if (contentUri) await a.get(contentUri, { contentDisposition: 'Inline' });
    const note = await json<{ id: string }>(
      a.post(`${BASE}/notes`, { threadId: thread.id, text: 'Statement for March.' }),
    );
    await a.patch(`${BASE}/notes/${note.id}`, { text: 'Statement for March and April.' });
    await a.get(`${BASE}/notes`, { threadIds: [thread.id] });
    await a.get(`${BASE}/sync`, { syncType: 'ISync', syncToken: threadSync.syncInfo.syncToken });
    await a.get(`${BASE}/entries/sync`, { syncType: 'ISync', syncToken: entrySync.syncInfo.syncToken });
    await a.delete(`${BASE}/notes`, { ids: [note.id] });
    await a.delete(`${BASE}/messages`, { ids: [sent.id] });

    // Errors: 400 (bad input), 403 (not the assignee, not a handler), 404 (unknown ids), 429 (burst).
    await run.invalidRequest(() => a.get(BASE, { perPage: 0 }));
    await run.invalidRequest(() => a.get(BASE, { threadStatus: 'Closed' }));
    await run.invalidRequest(() =>
      a.post(`${BASE}/messages`, { from: { phoneNumber: 'nope' }, to: [], text: '' }),
    );
    await run.invalidRequest(() => a.post(`${BASE}/${thread.id}/assign`, { assignee: { id: 'x' } }));
    await run.attempt(() => a.get(`${BASE}/sync`, { syncType: 'ISync', syncToken: 'not-a-token' }));
    await run.invalidRequest(() => a.post(`${BASE}/notes`, { threadId: thread.id }));
    await run.attempt(() =>
      bob.platform().post(`${BASE}/messages`, {
        threadId: thread.id,
        from: { phoneNumber: sharedNumber },
        to: [{ phoneNumber: customer }],
        text: 'Bob tries to reply',
      }),
    );
    await run.attempt(() => bob.platform().patch(`${BASE}/notes/${note.id}`, { text: 'not my note' }));
    if (outsider) {
      const eve = (await run.signIn(outsider)).platform();
      await run.attempt(() => eve.get(`${BASE}/${thread.id}`));
      await run.attempt(() => eve.post(`${BASE}/${thread.id}/resolve`));
    }
    await run.attempt(() => a.get(`${BASE}/7399999999`));
    await run.attempt(() => a.post(`${BASE}/7399999999/resolve`));
    await run.attempt(() => a.patch(`${BASE}/notes/7d1e0000-0000-4000-8000-ffffffffffff`, { text: 'x' }));
    await run.attempt(() => a.get(`${BASE}/messages/${sent.id}/content/nope`));
    await run.emu.control('faults', { burst429: { count: 1, retryAfterSeconds: 2 } });
    await run.attempt(() => a.get(BASE));

    // Resolve, delete, and what the API says about a resolved thread.
    await a.post(`${BASE}/${thread.id}/resolve`);
    await run.attempt(() => a.post(`${BASE}/${thread.id}/resolve`));
    await run.attempt(() => a.post(`${BASE}/notes`, { threadId: thread.id, text: 'too late' }));
    await a.delete(`${BASE}/${thread.id}`);
    await run.attempt(() => a.delete(`${BASE}/7399999999`));
  });

  afterAll(async () => {
    await run?.close();
  });

  it('exercises all 15 Message-Threads operations', () => {
    const seen = run.operationsSeen(spec());
    expect(THREAD_OPERATIONS.filter((id) => !seen.has(id))).toEqual([]);
  });

  it('gets success and error answers (400, 403, 404, 429) from them', () => {
    const statuses = new Set(
      run.exchanges.filter((e) => e.url.pathname.includes('/message-threads')).map((e) => e.status),
    );
    for (const status of [200, 201, 204, 400, 403, 404, 429])
      expect(statuses, `status ${status}`).toContain(status);
  });

  it('conforms to the spec, except for the mismatches recorded in known-mismatches.ts', () => {
    const actual = run.findings(spec()).filter((f) => THREAD_OPERATIONS.includes(f.operationId));
    const { unexpected, fixed } = expectedFindings(actual, THREAD_OPERATIONS);
    expect(unexpected.map(describeFinding), 'new mismatches').toEqual([]);
    expect(fixed, 'known mismatches no longer seen: remove them from known-mismatches.ts').toEqual([]);
  });
});
