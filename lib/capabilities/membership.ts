// The agent's membership: which common resources (call queues, sites) they handle SMS for. Sync tokens freeze
// that set (RingCentral's tokens carry the call-queue ids they were made for), so a change must reset sync.
// Pure helpers; the check itself lives in refresh.ts.
import type { Capabilities, Resource } from '../storage';

/** How often the cheap membership check runs (one Light request: the extension's grants). */
export const MEMBERSHIP_CHECK_MINUTES = 5;
/** A full capabilities read (numbers, names, handlers of every resource) at least this often. */
export const FULL_REFRESH_MS = 60 * 60_000;
/** Where the grants list is unavailable, a full read this often instead. */
export const NO_GRANTS_REFRESH_MS = 15 * 60_000;

/** A stable key of the resource set: equal keys, same membership. */
export const membershipKey = (resources: readonly Pick<Resource, 'id'>[]): string =>
  [...new Set(resources.map((r) => r.id))].sort().join(',');

/** Whether the call queues the grants list differ from the call queues in the capabilities. */
export function queuesDiffer(caps: Capabilities, grantedQueueIds: readonly string[]): boolean {
  const known = caps.resources.filter((r) => r.type === 'Department').map((r) => r.id);
  return membershipKey(known.map((id) => ({ id }))) !== membershipKey(grantedQueueIds.map((id) => ({ id })));
}
