import { beforeEach, describe, expect, it } from 'vitest';
import { fakeBrowser } from 'wxt/testing';
import type { Agent } from '../auth/agent';
import type { CrmRecord } from '../crm-api/types';
import { setupAgentData } from '../background/agent-data';
import { crmThreads } from '../storage';
import { openStore } from '../sync/db';
import { setupCrm } from './setup';
import { openCrmStore, saveConnection, type CrmConnection } from './store';

const agent = (extensionId: string): Agent => ({
  extensionId,
  server: 'https://rc.test',
  key: `${extensionId}@https://rc.test`,
});

const connection: CrmConnection = {
  kind: 'salesforce',
  key: 'salesforce:00D1',
  connectedAt: 1,
  session: {
    loginUrl: 'https://login.test',
    instanceUrl: 'https://sf.test',
    clientId: 'client',
    accessToken: 'token-of-the-profile',
    userId: '005',
    orgId: '00D1',
  },
};

const record: CrmRecord = {
  crm: 'salesforce',
  id: '003A',
  type: 'Contact',
  name: 'Ada Lovelace',
  phones: [],
};

describe('the CRM side of the hand-over between agents', () => {
  beforeEach(() => {
    fakeBrowser.reset();
  });

  it("hides agent A's CRM threads, choices, jobs and matches from agent B, and gives A's own back", async () => {
    const syncDb = await openStore(`agent-part-${Math.random()}`);
    const crmDb = await openCrmStore();
    const crm = setupCrm({ syncDb: async () => syncDb });
    const agents = setupAgentData({
      db: async () => syncDb,
      clearStore: async () => undefined,
      parts: [crm.agentPart],
    });

    await agents.begin(agent('A'));
    await saveConnection(crmDb, connection);
    await crmDb.put('choices', { key: 'salesforce:00D1|t1', record });
    await crmDb.put('jobs', {
      key: 'salesforce:00D1|t1',
      threadId: 't1',
      seq: 1,
      manual: true,
      attempts: 0,
      nextAt: Number.MAX_SAFE_INTEGER,
      state: 'pending',
    });
    await crmDb.put('matches', { key: 'salesforce:00D1|+15550100', records: [record], fetchedAt: 1 });
    await crmDb.put('activities', { key: 'salesforce:00D1|t1', activity: { id: '00T1', recordId: '003A' } });
    await crmThreads.setValue({
      t1: { state: 'ready', record: { id: '003A', type: 'Contact', name: 'Ada Lovelace' } },
    });

    // A's session is lost and B signs in on the same profile.
    await agents.begin(agent('B'));
    expect(await crmThreads.getValue()).toEqual({});
    expect(await crmDb.getAll('choices')).toEqual([]);
    expect(await crmDb.getAll('jobs')).toEqual([]);
    expect(await crmDb.getAll('matches')).toEqual([]);
    expect(await crmDb.getAll('activities')).toEqual([]);
    // The connection is the profile's, not the agent's (docs/architecture.md).
    expect(await crmDb.get('connection', 'current')).toEqual(connection);

    await agents.end();
    await agents.begin(agent('A'));
    expect((await crmDb.getAll('choices')).map((c) => c.record.id)).toEqual(['003A']);
    expect((await crmDb.getAll('jobs')).map((j) => j.threadId)).toEqual(['t1']);
    // Copies of the CRM are not kept: they are looked up again.
    expect(await crmDb.getAll('matches')).toEqual([]);
    expect(await crmDb.getAll('activities')).toEqual([]);
    syncDb.close();
  });

  it("puts a job queued for A after A's hand-over under A's key, never under B's", async () => {
    const syncDb = await openStore(`agent-part-${Math.random()}`);
    const crmDb = await openCrmStore();
    const crm = setupCrm({ syncDb: async () => syncDb });
    const agents = setupAgentData({
      db: async () => syncDb,
      clearStore: async () => undefined,
      parts: [crm.agentPart],
    });
    const job = (threadId: string, owner: Agent) => ({
      key: `salesforce:00D1|${threadId}`,
      threadId,
      seq: 1,
      owner: owner.key,
      manual: false,
      attempts: 0,
      nextAt: Number.MAX_SAFE_INTEGER,
      state: 'pending' as const,
    });

    await agents.begin(agent('A'));
    await saveConnection(crmDb, connection);
    await crmDb.put('jobs', job('t1', agent('A')));
    await agents.begin(agent('B'));
    // The hand-over cleared the queue, but the worker still thought A was signed in and queued A's log.
    await crmDb.put('jobs', job('t2', agent('A')));
    await crmDb.put('jobs', job('t3', agent('B')));

    await agents.end();
    await agents.begin(agent('B'));
    expect((await crmDb.getAll('jobs')).map((j) => j.threadId)).toEqual(['t3']);
    await agents.begin(agent('A'));
    expect((await crmDb.getAll('jobs')).map((j) => j.threadId).sort()).toEqual(['t1', 't2']);

    // Nobody's data is current (a session lost before the next sign-in), and a job of B's is still queued.
    await agents.end();
    await crmDb.put('jobs', job('t4', agent('B')));
    await agents.begin(agent('B'));
    expect((await crmDb.getAll('jobs')).map((j) => j.threadId).sort()).toEqual(['t3', 't4']);
    syncDb.close();
  });

  it('gives back a job put aside by an older version, its failure words kept as {code, message}', async () => {
    const syncDb = await openStore(`agent-part-${Math.random()}`);
    const crmDb = await openCrmStore();
    const crm = setupCrm({ syncDb: async () => syncDb });
    const agents = setupAgentData({
      db: async () => syncDb,
      clearStore: async () => undefined,
      parts: [crm.agentPart],
    });
    const job = {
      key: 'salesforce:00D1|t1',
      threadId: 't1',
      seq: 1,
      manual: false,
      attempts: 2,
      nextAt: Number.MAX_SAFE_INTEGER,
      state: 'failed',
    };
    await syncDb.put(
      'meta',
      { parts: { crm: { choices: [], jobs: [{ ...job, error: 'Salesforce: Subject too long' }] } } },
      `agent:aside:${agent('A').key}`,
    );
    await agents.begin(agent('A'));
    expect(await crmDb.getAll('jobs')).toEqual([
      { ...job, error: { code: 'unknown', message: 'Salesforce: Subject too long' } },
    ]);
    syncDb.close();
  });
});
