// Store change announcements as pages consume them; the format is the sync engine's (lib/sync/changes.ts).
export { isStoreChange, STORE_CHANNEL, type StoreChange, type StoreChangeKind } from '../sync/changes';

/** The part of BroadcastChannel the models use (tests pass their own). */
export interface ChangeSource {
  addEventListener(type: 'message', listener: (event: MessageEvent) => void): void;
  removeEventListener(type: 'message', listener: (event: MessageEvent) => void): void;
  close?(): void;
}
