// Every user's presence, in memory: seeded on start and on reset, changed by the test-control API. Presence
// is live state in RingCentral too (a restart of the phone system does not bring back yesterday's calls), so
// it is not written to the data dir.
import type { EventEmitter } from 'node:events';
import type { FilterEvent } from '../push/types.ts';
import type { AccountRec } from '../state.ts';
import { presencePaths } from './filters.ts';
import {
  AVAILABLE,
  presenceEventBody,
  type PresencePatch,
  type PresenceRec,
  type PresenceState,
} from './model.ts';
import { SEED_PRESENCE } from './seed.ts';

export interface PresenceChange {
  accountId: string;
  presence: PresenceRec;
}

export class PresenceBook {
  private readonly byExtension = new Map<string, PresenceRec>();

  constructor(
    private readonly accounts: () => readonly AccountRec[],
    private readonly events: EventEmitter,
  ) {}

  /** The presence of a user of the account; undefined for anyone else (resources, other accounts). */
  get(account: AccountRec, extensionId: string): PresenceRec | undefined {
    if (!account.users.some((u) => u.id === extensionId)) return undefined;
    return this.byExtension.get(extensionId) ?? this.fresh(extensionId);
  }

  /** Applies a change and pushes it on the presence filters (a 'filter-event' for the gateway). */
  set(patch: PresencePatch): PresenceChange | undefined {
    const account = this.accounts().find((a) => a.users.some((u) => u.id === patch.extensionId));
    if (!account) return undefined;
    const current = this.get(account, patch.extensionId);
    if (!current) return undefined;
    const { extensionId, ...fields } = patch;
    const next: PresenceRec = { ...current, ...fields, extensionId, sequence: current.sequence + 1 };
    this.byExtension.set(extensionId, next);
    const event: FilterEvent = {
      accountId: account.id,
      paths: presencePaths(account.id, extensionId),
      body: presenceEventBody(next),
    };
    this.events.emit('filter-event', event);
    return { accountId: account.id, presence: next };
  }

  reset(): void {
    this.byExtension.clear();
  }

  private fresh(extensionId: string): PresenceRec {
    const state: PresenceState = SEED_PRESENCE[extensionId] ?? AVAILABLE;
    const rec = { ...state, extensionId, sequence: 1 };
    this.byExtension.set(extensionId, rec);
    return rec;
  }
}
