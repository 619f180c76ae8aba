// Everything the panel's screens share, created once by main.tsx (or by a test with fakes).
import { computed, signal, type ReadonlySignal } from '@preact/signals';
import { createContext } from 'preact';
import { useContext } from 'preact/hooks';
import type { Send } from '@/lib/ui/api';
import { createInboxModel, type InboxModel } from '@/lib/ui/inbox-model';
import { createSettingsModel, type SettingsModel } from '@/lib/ui/settings-model';
import { serverNow } from '@/lib/targets/server-clock';
import type { ChangeSource } from '@/lib/sync/changes';
import { createStoreModel, type StoreModel } from '@/lib/ui/store-model';
import type { Store } from '@/lib/sync/db';

export type Route =
  | { name: 'inbox' }
  | { name: 'team' }
  | { name: 'thread'; threadId: string }
  | { name: 'new'; phone?: string; sharedNumber?: string };

export interface PanelServices {
  store: StoreModel;
  settings: SettingsModel;
  inbox: InboxModel;
  send: Send;
  route: ReadonlySignal<Route>;
  navigate(route: Route): void;
  /** RingCentral's time now (lib/targets/server-clock.ts), ticking every 30 s so waiting times move. */
  now: ReadonlySignal<number>;
  /** This machine's time, ticking with `now`: for instants the background took from this machine's clock
   *  (a rate limit's retryAt, an outbox item's createdAt). */
  localNow: ReadonlySignal<number>;
  openOptions(): void;
  dispose(): void;
}

export interface PanelDeps {
  openDb: () => Promise<Store>;
  changes?: ChangeSource;
  send: Send;
  openOptions: () => void;
  now?: () => number;
}

export function createPanelServices(deps: PanelDeps): PanelServices {
  const store = createStoreModel({ openDb: deps.openDb, changes: deps.changes });
  const settings = createSettingsModel();
  const clock = deps.now ?? Date.now;
  const local = signal(clock());
  const now = computed(() => serverNow(settings.serverClock.value, local.value));
  const inbox = createInboxModel(store, settings, deps.send, now);
  const route = signal<Route>({ name: 'inbox' });
  const tick = setInterval(() => (local.value = clock()), 30_000);
  return {
    store,
    settings,
    inbox,
    send: deps.send,
    route,
    navigate: (next) => (route.value = next),
    now,
    localNow: local,
    openOptions: deps.openOptions,
    dispose() {
      clearInterval(tick);
      store.dispose();
      settings.dispose();
    },
  };
}

export const ServicesContext = createContext<PanelServices | null>(null);

export function useServices(): PanelServices {
  const services = useContext(ServicesContext);
  if (!services) throw new Error('ServicesContext missing');
  return services;
}
