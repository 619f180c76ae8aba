// Sync follows the agent's membership. Sync tokens freeze the set of resources they were made for, so the
// store remembers that set beside the tokens; when the agent's resources change, both tokens go (the next runs
// are FSyncs) and threads of resources the agent no longer handles leave the store, Open and Resolved alike,
// in one transaction.
import type { MessageThread } from '../rc/schemas';
import { membershipKey } from '../capabilities/membership';
import { capabilities, type Capabilities, type Resource } from '../storage';
import { entriesOfThread, type Store } from './db';
import type { SyncEngine } from './engine';
import { readMeta } from './store-io';
import { tokenKey } from './stream';

export const MEMBERSHIP_KEY = 'sync:resources';

/** Whether a thread belongs to one of the resources: by its owner extension, else by its shared number. */
function handled(t: MessageThread, resources: readonly Resource[]): boolean {
  if (t.owner.extensionId) return resources.some((r) => r.id === t.owner.extensionId);
  const shared = t.ownerParty?.phoneNumber;
  return !!shared && resources.some((r) => r.sharedNumbers.includes(shared));
}

/** Ids of threads that belong to none of the resources (pure). */
export function threadsOutside(threads: readonly MessageThread[], resources: readonly Resource[]): string[] {
  return threads.filter((t) => !handled(t, resources)).map((t) => t.id);
}

/**
 * Brings the store in line with the agent's resources. Returns the dropped thread ids, or undefined when the
 * membership is the one the tokens were made for. A store that never recorded one adopts the current set: the
 * first capabilities read follows the first FSync of a sign-in by moments.
 */
export async function applyMembership(
  db: Store,
  resources: readonly Resource[],
): Promise<{ dropped: string[] } | undefined> {
  const key = membershipKey(resources);
  const tx = db.transaction(['threads', 'entries', 'summaries', 'reads', 'meta'], 'readwrite');
  const meta = tx.objectStore('meta');
  const recorded = (await meta.get(MEMBERSHIP_KEY)) as string | undefined;
  if (recorded === key) {
    await tx.done;
    return undefined;
  }
  const hasTokens =
    (await meta.get(tokenKey('threads'))) !== undefined ||
    (await meta.get(tokenKey('entries'))) !== undefined;
  if (recorded === undefined && !hasTokens) {
    await meta.put(key, MEMBERSHIP_KEY);
    await tx.done;
    return undefined;
  }
  const dropped = threadsOutside(await tx.objectStore('threads').getAll(), resources);
  const entries = tx.objectStore('entries');
  for (const id of dropped) {
    await tx.objectStore('threads').delete(id);
    await tx.objectStore('summaries').delete(id);
    await tx.objectStore('reads').delete(id);
    const keys = await entries.index('byThreadTime').getAllKeys(entriesOfThread(id));
    for (const k of keys) await entries.delete(k);
  }
  await meta.delete(tokenKey('threads'));
  await meta.delete(tokenKey('entries'));
  await meta.put(key, MEMBERSHIP_KEY);
  await tx.done;
  return { dropped };
}

/**
 * Follows the agent's capabilities: now, and whenever they change. A changed membership resets sync through
 * the engine (pages in flight are discarded, both streams FSync); `onDropped` hears which threads left.
 */
export function watchMembership(
  engine: Pick<SyncEngine, 'invalidate'>,
  db: Store,
  onDropped: (threadIds: string[]) => void,
): () => void {
  let queue: Promise<unknown> = Promise.resolve();
  const follow = (caps: Capabilities | null) => {
    if (!caps?.feature.available) return;
    queue = queue
      .then(async () => {
        const key = membershipKey(caps.resources);
        const recorded = await readMeta<string>(db, MEMBERSHIP_KEY);
        if (recorded === key) return;
        if (recorded === undefined) return db.put('meta', key, MEMBERSHIP_KEY);
        const result = await engine.invalidate(() => applyMembership(db, caps.resources));
        if (result) onDropped(result.dropped);
      })
      .catch((e) => console.error('ThreadDesk: membership change failed', e));
  };
  void capabilities.getValue().then(follow);
  return capabilities.watch(follow);
}
