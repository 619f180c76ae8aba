import { describe, expect, it } from 'vitest';
import { agentKey, type Agent } from '../auth/agent';
import { openStore } from '../sync/db';
import { CrmService } from './service';
import { openCrmStore, saveConnection, type LogJob } from './store';

const me: Agent = { extensionId: '101', server: 'https://rc.test', key: agentKey('101', 'https://rc.test') };

describe('CrmService queue', () => {
  it('runs only the signed-in agent’s jobs: the same extension id on another server is someone else', async () => {
    const crmDb = await openCrmStore(`crm-service-${crypto.randomUUID()}`);
    const syncDb = await openStore(`crm-service-sync-${crypto.randomUUID()}`);
    await saveConnection(crmDb, {
      kind: 'hubspot',
      key: 'hubspot:1',
      connectedAt: 1,
      session: { baseUrl: 'http://127.0.0.1:9', token: 'pat', portalId: 1 },
    });
    const job = (threadId: string, owner?: string): LogJob => ({
      key: `hubspot:1|${threadId}`,
      threadId,
      seq: 1,
      ...(owner ? { owner } : {}),
      manual: false,
      attempts: 0,
      nextAt: 0,
      state: 'pending',
    });
    await crmDb.put('jobs', job('mine', me.key));
    await crmDb.put('jobs', job('older', '101'));
    await crmDb.put('jobs', job('ownerless'));
    await crmDb.put('jobs', job('elsewhere', agentKey('101', 'https://other.test')));
    await crmDb.put('jobs', job('colleague', agentKey('102', 'https://rc.test')));
    const service = new CrmService({
      crmDb: async () => crmDb,
      syncDb: async () => syncDb,
      me: async () => me,
      settings: async () => ({ mode: 'auto', includeNotes: false }),
      saveCrmName: async () => undefined,
      publish: { thread: async () => undefined, clearThreads: async () => undefined },
    });
    // Each of the agent's jobs is for a thread this store no longer has, so running it just finishes it.
    await service.kick();
    expect((await crmDb.getAll('jobs')).map((j) => j.threadId).sort()).toEqual(['colleague', 'elsewhere']);
    crmDb.close();
    syncDb.close();
  });
});
