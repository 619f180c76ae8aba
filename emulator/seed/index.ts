// A fresh emulator state: the accounts, the apps and the seeded conversations, with times relative to `now`.
import { randomToken } from '../ids.ts';
import { emptyAccountData, STATE_VERSION, type EmulatorState } from '../state.ts';
import { World } from '../world.ts';
import { ACCOUNT_A, APPS, seedAccounts } from './accounts.ts';
import { seedConversations } from './conversations.ts';

export interface SeedOptions {
  now: number;
  /** Without conversations: just the accounts (the benchmark loads its own data). */
  conversations?: boolean;
  putMedia(id: string, bytes: Uint8Array): void;
  /** Kept across resets so JWT credentials stay the same and old sync tokens read as stale, not forged. */
  secret?: string;
}

export function buildSeedState(options: SeedOptions): EmulatorState {
  const secret = options.secret ?? randomToken(32);
  const accounts = seedAccounts(secret);
  const state: EmulatorState = {
    version: STATE_VERSION,
    secret,
    epoch: randomToken(9),
    clockOffsetMs: 0,
    counter: { next: 0 },
    apps: APPS,
    accounts,
    data: Object.fromEntries(accounts.map((a) => [a.id, emptyAccountData()])),
    sessions: [],
  };
  if (options.conversations === false) return state;
  const world = new World(state);
  const account = world.account(ACCOUNT_A);
  if (!account) throw new Error('seed account missing');
  seedConversations({
    account,
    store: world.store(ACCOUNT_A),
    counter: state.counter,
    putMedia: options.putMedia,
    now: options.now,
  });
  return world.snapshot();
}

export { ACCOUNT_A, ACCOUNT_B, APPS, IDS, NUMBERS, PASSWORD } from './accounts.ts';
export { CUSTOMERS } from './customers.ts';
