// The SDK's `localStorage` external. A service worker has no localStorage, and storage.local is readable by
// content scripts, so the SDK's token cache lives in the IndexedDB `meta` store instead (docs/architecture.md, Data flow).
import type { Store } from '../sync/db';

/** What @ringcentral/sdk needs from its localStorage external; every method may be async. */
export interface TokenStore {
  getItem(key: string): Promise<string | null>;
  setItem(key: string, value: string): Promise<void>;
  removeItem(key: string): Promise<void>;
  keys(): Promise<string[]>;
}

/** Keys in `meta` are namespaced so the SDK's cache.clean() cannot touch sync tokens or other records. */
const PREFIX = 'sdk:';

/** A TokenStore over the meta store, with a write-through memory copy: the SDK reads tokens before every
 *  request, and a read that waits on IndexedDB widens the window in which two callers both decide to refresh. */
export function createIdbTokenStore(db: Store | (() => Promise<Store>)): TokenStore {
  const open = typeof db === 'function' ? db : () => Promise.resolve(db);
  let cache: Map<string, string> | undefined;
  let loading: Promise<Map<string, string>> | undefined;

  async function load(): Promise<Map<string, string>> {
    if (cache) return cache;
    loading ??= (async () => {
      const store = await open();
      const range = IDBKeyRange.bound(PREFIX, `${PREFIX}\uffff`);
      const tx = store.transaction('meta');
      const [keys, values] = await Promise.all([tx.store.getAllKeys(range), tx.store.getAll(range)]);
      const map = new Map<string, string>();
      keys.forEach((k, i) => {
        const v = values[i];
        if (typeof v === 'string') map.set(k.slice(PREFIX.length), v);
      });
      cache = map;
      return map;
    })();
    return loading;
  }

  return {
    async getItem(key) {
      return (await load()).get(key) ?? null;
    },
    async setItem(key, value) {
      (await load()).set(key, value);
      await (await open()).put('meta', value, PREFIX + key);
    },
    async removeItem(key) {
      (await load()).delete(key);
      await (await open()).delete('meta', PREFIX + key);
    },
    async keys() {
      return [...(await load()).keys()];
    },
  };
}

/** For Node tests and anywhere nothing must survive the process. */
export function createMemoryTokenStore(initial: Record<string, string> = {}): TokenStore {
  const map = new Map(Object.entries(initial));
  return {
    getItem: async (key) => map.get(key) ?? null,
    setItem: async (key, value) => void map.set(key, value),
    removeItem: async (key) => void map.delete(key),
    keys: async () => [...map.keys()],
  };
}
