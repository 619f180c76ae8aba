import { openDB } from 'idb';
import { describe, expect, it } from 'vitest';
import { openCrmStore } from './store';

describe('the CRM store', () => {
  it('version 1 → 2: a queued job whose failure was words only keeps them as {code, message}', async () => {
    const name = `crm-upgrade-${crypto.randomUUID()}`;
    const v1 = await openDB(name, 1, {
      upgrade(db) {
        db.createObjectStore('connection');
        for (const store of ['matches', 'choices', 'activities', 'jobs']) {
          db.createObjectStore(store, { keyPath: 'key' });
        }
      },
    });
    const job = { key: 'hubspot:1|t1', threadId: 't1', seq: 2, manual: false, attempts: 1, nextAt: 9 };
    await v1.put('jobs', { ...job, state: 'failed', error: 'HubSpot: Property values were not valid' });
    await v1.put('jobs', { ...job, key: 'hubspot:1|t2', threadId: 't2', state: 'pending' });
    v1.close();

    const db = await openCrmStore(name);
    expect(await db.get('jobs', 'hubspot:1|t1')).toEqual({
      ...job,
      state: 'failed',
      error: { code: 'unknown', message: 'HubSpot: Property values were not valid' },
    });
    expect(await db.get('jobs', 'hubspot:1|t2')).toEqual({
      ...job,
      key: 'hubspot:1|t2',
      threadId: 't2',
      state: 'pending',
    });
    db.close();
  });
});
