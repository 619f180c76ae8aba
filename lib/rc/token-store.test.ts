import { describe, expect, it } from 'vitest';
import { openStore } from '../sync/db';
import { createIdbTokenStore } from './token-store';

describe('IndexedDB token store', () => {
  it('keeps SDK keys in meta under a namespace that survives a new store object (worker restart)', async () => {
    const db = await openStore('token-store-test');
    await db.put('meta', 'tok', 'sync:threads:token');
    const a = createIdbTokenStore(db);
    await a.setItem('rc-platform', '{"access_token":"x"}');
    const b = createIdbTokenStore(db);
    expect(await b.getItem('rc-platform')).toBe('{"access_token":"x"}');
    expect(await b.keys()).toEqual(['rc-platform']);
    await b.removeItem('rc-platform');
    expect(await createIdbTokenStore(db).getItem('rc-platform')).toBeNull();
    expect(await db.get('meta', 'sync:threads:token')).toBe('tok');
  });
});
