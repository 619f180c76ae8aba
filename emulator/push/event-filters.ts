// The two thread-messaging event filters (contract §9.1) and how they are named back to the client; the
// presence filters are resolved by emulator/presence.
import { resolvePresenceFilter } from '../presence/filters.ts';
import type { ThreadEventFilter } from './types.ts';

export interface Identity {
  accountId: string;
  extensionId: string;
}

const FILTER_PATTERN = /^\/restapi\/v1\.0\/account\/([^/?#]+)\/message-threads\/(entries\/)?sync$/;

export type FilterResolution =
  /** `filter` is absent for filters delivered as FilterEvents (presence). */
  | { ok: true; filter?: ThreadEventFilter; expanded: string }
  | { ok: false; reason: 'invalid' | 'foreign-account' };

/** The event path RingCentral puts in `event` and returns in `eventFilters` (`~` expanded). */
export function eventPath(accountId: string, filter: ThreadEventFilter): string {
  const tail = filter === 'entries' ? 'message-threads/entries/sync' : 'message-threads/sync';
  return `/restapi/v1.0/account/${accountId}/${tail}`;
}

export function resolveEventFilter(raw: string, identity: Identity): FilterResolution {
  const match = FILTER_PATTERN.exec(raw.trim());
  if (!match) return resolvePresenceFilter(raw, identity) ?? { ok: false, reason: 'invalid' };
  const account = match[1];
  if (account !== '~' && account !== identity.accountId) return { ok: false, reason: 'foreign-account' };
  const filter: ThreadEventFilter = match[2] ? 'entries' : 'threads';
  return { ok: true, filter, expanded: eventPath(identity.accountId, filter) };
}
