// The live state: the JSON state plus one AccountStore per account. Replaced wholesale on reset.
import type { AccountRec, EmulatorState } from './state.ts';
import { emptyAccountData } from './state.ts';
import { AccountStore } from './threads/store.ts';

export class World {
  private readonly stores = new Map<string, AccountStore>();

  constructor(
    readonly state: EmulatorState,
    threadTtlMs?: number,
  ) {
    for (const account of state.accounts) {
      const data = state.data[account.id] ?? emptyAccountData();
      this.stores.set(account.id, new AccountStore(account.id, data, state.counter, threadTtlMs));
    }
  }

  get accounts(): AccountRec[] {
    return this.state.accounts;
  }

  account(id: string): AccountRec | undefined {
    return this.state.accounts.find((a) => a.id === id);
  }

  store(accountId: string): AccountStore {
    const store = this.stores.get(accountId);
    if (!store) throw new Error(`no store for account ${accountId}`);
    return store;
  }

  allStores(): AccountStore[] {
    return [...this.stores.values()];
  }

  /** The state as it should be written to disk. */
  snapshot(): EmulatorState {
    const data: EmulatorState['data'] = {};
    for (const [id, store] of this.stores) data[id] = store.toData();
    return { ...this.state, data };
  }
}
