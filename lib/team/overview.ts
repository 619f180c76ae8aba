// The Team view's numbers (pure): per resource, unassigned open threads and the longest wait among them; per
// handler, presence, open threads held and the longest wait among those. Waits start at the oldest unanswered
// inbound message (the summary's waitingSince, a RingCentral message time), so every agent sees the same.
import type { PresenceKind, PresenceMap } from '../presence/status';
import type { MessageThread } from '../rc/schemas';
import type { Resource } from '../storage';
import type { ThreadSummary } from '../sync/db';
import { isOpen, isUnassigned } from '../threads/rules';
import { resourceOf } from '../threads/rules';

export interface ResourceLoad {
  id: string;
  name: string;
  unassigned: number;
  /** ISO time the longest-waiting unassigned customer has waited since; absent when nobody waits. */
  longestWaitSince?: string;
}

export interface HandlerLoad {
  id: string;
  name: string;
  presence?: PresenceKind;
  /** Open threads assigned to this handler in the agent's resources. */
  held: number;
  longestWaitSince?: string;
}

export interface TeamOverview {
  resources: ResourceLoad[];
  handlers: HandlerLoad[];
}

const earlier = (a: string | undefined, b: string | undefined) => (!a ? b : !b ? a : a < b ? a : b);

export function teamOverview(
  threads: readonly MessageThread[],
  summaries: ReadonlyMap<string, ThreadSummary>,
  resources: readonly Resource[],
  presence: PresenceMap,
): TeamOverview {
  const byResource = new Map<string, ResourceLoad>(
    resources.map((r) => [r.id, { id: r.id, name: r.name, unassigned: 0 }]),
  );
  const byHandler = new Map<string, HandlerLoad>();
  const handler = (id: string, name: string) => {
    let load = byHandler.get(id);
    if (!load) {
      load = { id, name, held: 0 };
      const kind = presence[id]?.kind;
      if (kind) load.presence = kind;
      byHandler.set(id, load);
    }
    return load;
  };
  for (const r of resources) for (const h of r.handlers) handler(h.id, h.name);

  for (const t of threads) {
    if (!isOpen(t)) continue;
    const resource = resourceOf(t, resources);
    if (!resource) continue;
    const since = summaries.get(t.id)?.waitingSince;
    if (isUnassigned(t)) {
      const load = byResource.get(resource.id)!;
      load.unassigned += 1;
      const longest = earlier(load.longestWaitSince, since);
      if (longest) load.longestWaitSince = longest;
    } else if (t.assignee?.extensionId) {
      // An assignee missing from the handler lists (membership changed) still holds the thread.
      const load = handler(t.assignee.extensionId, t.assignee.name ?? t.assignee.extensionId);
      load.held += 1;
      const longest = earlier(load.longestWaitSince, since);
      if (longest) load.longestWaitSince = longest;
    }
  }
  const byName = (a: { name: string }, b: { name: string }) => a.name.localeCompare(b.name);
  return { resources: [...byResource.values()], handlers: [...byHandler.values()].sort(byName) };
}
