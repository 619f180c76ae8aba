// The event filters the emulator delivers — the two thread-messaging ones, the extension's grant filter (its
// call-queue membership) — and how they are named back to the client; the presence filters are resolved by
// emulator/presence. RingCentral filters the emulator knows but does not deliver are accepted as disabled
// (docs/emulator.md "Push").
import { resolvePresenceFilter } from '../presence/filters.ts';
import type { ThreadEventFilter } from './types.ts';

export interface Identity {
  accountId: string;
  extensionId: string;
}

const FILTER_PATTERN = /^\/restapi\/v1\.0\/account\/([^/?#]+)\/message-threads\/(entries\/)?sync$/;

const GRANT_FILTER = /^\/restapi\/v1\.0\/account\/([^/?#]+)\/extension\/([^/?#]+)\/grant$/;

/**
 * Real RingCentral filters (those RingCentral's own widgets subscribe to) whose events the emulator never
 * produces: a subscription accepts them and lists them in `disabledFilters` rather than failing as a whole.
 */
const UNDELIVERED_FILTERS = [
  /^\/restapi\/v1\.0\/account\/[^/?#]+\/extension\/[^/?#]+\/(message-store(\/instant)?|telephony\/sessions|telephony|missed-calls|start-ring|stop-ring|favorite|incoming-call-pickup|voicemail)(\?[^#]*)?$/,
  /^\/restapi\/v1\.0\/account\/[^/?#]+\/(a2p-sms\/opt-outs|directory\/contacts|telephony\/sessions)(\?[^#]*)?$/,
  /^\/restapi\/v1\.0\/account\/[^/?#]+\/extension(\/[^/?#]+)?$/,
  /^\/restapi\/v1\.0\/glip\/[\w/-]+$/,
  /^\/team-messaging\/v1\/[\w/-]+$/,
];

export type FilterResolution =
  /** `filter` is absent for filters delivered as FilterEvents (presence, grant). */
  | { ok: true; filter?: ThreadEventFilter; expanded: string }
  | { ok: false; reason: 'invalid' | 'foreign-account' | 'other-extension' | 'undelivered' };

export const grantPath = (accountId: string, extensionId: string) =>
  `/restapi/v1.0/account/${accountId}/extension/${extensionId}/grant`;

/** The event path RingCentral puts in `event` and returns in `eventFilters` (`~` expanded). */
export function eventPath(accountId: string, filter: ThreadEventFilter): string {
  const tail = filter === 'entries' ? 'message-threads/entries/sync' : 'message-threads/sync';
  return `/restapi/v1.0/account/${accountId}/${tail}`;
}

function resolveGrantFilter(match: RegExpExecArray, identity: Identity): FilterResolution {
  const [, account, extension] = match;
  if (account !== '~' && account !== identity.accountId) return { ok: false, reason: 'foreign-account' };
  if (extension !== '~' && extension !== identity.extensionId)
    return { ok: false, reason: 'other-extension' };
  return { ok: true, expanded: grantPath(identity.accountId, identity.extensionId) };
}

export function resolveEventFilter(raw: string, identity: Identity): FilterResolution {
  const text = raw.trim();
  const grant = GRANT_FILTER.exec(text);
  if (grant) return resolveGrantFilter(grant, identity);
  const match = FILTER_PATTERN.exec(text);
  if (!match) {
    const presence = resolvePresenceFilter(raw, identity);
    if (presence) return presence;
    const undelivered = UNDELIVERED_FILTERS.some((pattern) => pattern.test(text));
    return { ok: false, reason: undelivered ? 'undelivered' : 'invalid' };
  }
  const account = match[1];
  if (account !== '~' && account !== identity.accountId) return { ok: false, reason: 'foreign-account' };
  const filter: ThreadEventFilter = match[2] ? 'entries' : 'threads';
  return { ok: true, filter, expanded: eventPath(identity.accountId, filter) };
}
