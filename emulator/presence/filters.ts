// The presence event filters (docs/emulator.md, "Presence"): the account-wide one and one per extension,
// `~` expanded in what the subscription returns; `detailedTelephonyState` and `sipData` are kept as given.
import type { Identity } from '../push/event-filters.ts';

const ACCOUNT_FILTER = /^\/restapi\/v1\.0\/account\/([^/?#]+)\/presence(\?[^#]*)?$/;
const EXTENSION_FILTER = /^\/restapi\/v1\.0\/account\/([^/?#]+)\/extension\/([^/?#]+)\/presence(\?[^#]*)?$/;
const QUERY_KEYS = new Set(['detailedTelephonyState', 'sipData']);

export type PresenceFilterResolution =
  { ok: true; expanded: string } | { ok: false; reason: 'invalid' | 'foreign-account' } | undefined;

/** undefined when `raw` is not a presence filter at all. */
export function resolvePresenceFilter(raw: string, identity: Identity): PresenceFilterResolution {
  const text = raw.trim();
  const account = ACCOUNT_FILTER.exec(text);
  const extension = account ? undefined : EXTENSION_FILTER.exec(text);
  const match = account ?? extension;
  if (!match) return undefined;
  const accountId = match[1];
  if (accountId !== '~' && accountId !== identity.accountId) return { ok: false, reason: 'foreign-account' };
  const query = (account ? match[2] : match[3]) ?? '';
  const params = new URLSearchParams(query.slice(1));
  for (const [key, value] of params) {
    if (!QUERY_KEYS.has(key) || (value !== 'true' && value !== 'false'))
      return { ok: false, reason: 'invalid' };
  }
  if (account) return { ok: true, expanded: `${accountPresencePath(identity.accountId)}${query}` };
  const extensionId = match[2] === '~' ? identity.extensionId : (match[2] ?? '');
  return { ok: true, expanded: `${extensionPresencePath(identity.accountId, extensionId)}${query}` };
}

export const accountPresencePath = (accountId: string) => `/restapi/v1.0/account/${accountId}/presence`;
export const extensionPresencePath = (accountId: string, extensionId: string) =>
  `/restapi/v1.0/account/${accountId}/extension/${extensionId}/presence`;

/** The filter paths a change of this extension's presence is delivered on. */
export function presencePaths(accountId: string, extensionId: string): string[] {
  return [accountPresencePath(accountId), extensionPresencePath(accountId, extensionId)];
}
