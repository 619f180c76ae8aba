// The official push client (@ringcentral/subscriptions 5 → @rc-ex/ws) subscribed to both thread filters, with
// every notification it delivers kept for assertions.
import type { SDK } from '@ringcentral/sdk';
import { Subscriptions } from '@ringcentral/subscriptions';
import type WebSocketExtension from '@rc-ex/ws';
import { waitUntil } from './emulator-fixture.ts';

export const THREAD_FILTERS = [
  '/restapi/v1.0/account/~/message-threads/sync',
  '/restapi/v1.0/account/~/message-threads/entries/sync',
];

// @ringcentral/subscriptions bundles its own @rc-ex/ws (1.3.x): its subscription type is the one it returns, and
// its extension is read through the top-level @rc-ex/ws class, whose members these tests use are the same.
type WsSubscription = Awaited<ReturnType<ReturnType<Subscriptions['createSubscription']>['register']>>;

export interface Envelope {
  uuid: string;
  event: string;
  timestamp: string;
  subscriptionId: string;
  ownerId: string;
  body: { lastModifiedTime: string };
}

export interface Listener {
  envelopes: Envelope[];
  wsSub: WsSubscription;
  wse: WebSocketExtension;
  /** Waits for a notification matching `match` that arrived after `since` envelopes. */
  next(match: (e: Envelope) => boolean, what: string, since?: number): Promise<Envelope>;
  stop(): Promise<void>;
}

export async function listen(sdk: SDK, filters: string[] = THREAD_FILTERS): Promise<Listener> {
  const subscription = new Subscriptions({ sdk }).createSubscription();
  const envelopes: Envelope[] = [];
  subscription.on(subscription.events.notification, (event: Envelope) => envelopes.push(event));
  subscription.setEventFilters(filters);
  const wsSub = await subscription.register();
  const wse = wsSub.wse as unknown as WebSocketExtension;
  return {
    envelopes,
    wsSub,
    wse,
    next(match, what, since = 0) {
      return waitUntil(() => envelopes.slice(since).find(match), what);
    },
    async stop() {
      await wse.revoke();
    },
  };
}

export const isThreadsEvent = (e: Envelope) => e.event.endsWith('/message-threads/sync');
export const isEntriesEvent = (e: Envelope) => e.event.endsWith('/message-threads/entries/sync');
