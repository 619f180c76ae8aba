// How the background tells extension pages the store changed: a BroadcastChannel message naming the threads,
// after the IndexedDB transaction has committed (so a page that re-reads sees the new data).
export const STORE_CHANNEL = 'threaddesk-store';

export type StoreChangeKind = 'threads' | 'entries' | 'outbox' | 'reads';

export interface StoreChange {
  kind: StoreChangeKind;
  /** Affected threads; absent means "anything may have changed". */
  threadIds?: string[];
}

export function isStoreChange(value: unknown): value is StoreChange {
  if (!value || typeof value !== 'object') return false;
  const { kind, threadIds } = value as Record<string, unknown>;
  return (
    (kind === 'threads' || kind === 'entries' || kind === 'outbox' || kind === 'reads') &&
    (threadIds === undefined || (Array.isArray(threadIds) && threadIds.every((id) => typeof id === 'string')))
  );
}

let channel: BroadcastChannel | undefined;

/** Posts a change to every open extension page. Contexts without BroadcastChannel just skip it. */
export function announce(change: StoreChange): void {
  if (typeof BroadcastChannel === 'undefined') return;
  channel ??= new BroadcastChannel(STORE_CHANNEL);
  channel.postMessage(change);
}

/** The part of BroadcastChannel the pages' models use (tests pass their own). */
export interface ChangeSource {
  addEventListener(type: 'message', listener: (event: MessageEvent) => void): void;
  removeEventListener(type: 'message', listener: (event: MessageEvent) => void): void;
  close?(): void;
}
