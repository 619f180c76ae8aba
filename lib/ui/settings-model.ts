// Storage items as signals for the pages: each one read once, then kept current by storage watchers
// (the background, the other page and other windows write them too).
import { computed, signal, type ReadonlySignal } from '@preact/signals';
import type { ContactBook } from '../contacts/names';
import * as items from '../storage';
import { isOffered, type OptionalFeature, type ServerFeatures } from '../capabilities/features';
import { dismissHealth, type SyncHealth } from '../sync/health';
import type {
  AuthStatus,
  Capabilities,
  ConnectionStatus,
  CrmSettings,
  NotificationSettings,
  PanelFocus,
  PresenceMap,
  ResponseTargets,
  ServerClock,
  ServerSettings,
  Template,
  Theme,
} from '../storage';

interface Item<T> {
  fallback: T;
  getValue(): Promise<T>;
  setValue(value: T): Promise<void>;
  watch(cb: (value: T | null, old: T | null) => void): () => void;
}

export interface SettingsModel {
  auth: ReadonlySignal<AuthStatus>;
  capabilities: ReadonlySignal<Capabilities | null>;
  connection: ReadonlySignal<ConnectionStatus>;
  /** Whether the configured server offers an optional operation (false once it refused it as unavailable). */
  offers(feature: OptionalFeature): boolean;
  /** What sync skipped or could not read (null: nothing to tell). */
  syncHealth: ReadonlySignal<SyncHealth | null>;
  badgeResources: ReadonlySignal<string[] | null>;
  notifications: ReadonlySignal<NotificationSettings>;
  crm: ReadonlySignal<CrmSettings>;
  templates: ReadonlySignal<Template[]>;
  theme: ReadonlySignal<Theme>;
  drafts: ReadonlySignal<Record<string, string>>;
  /** Customer names with their sources (lib/contacts/names.ts). */
  contacts: ReadonlySignal<ContactBook>;
  panelFocus: ReadonlySignal<PanelFocus | null>;
  server: ReadonlySignal<ServerSettings>;
  /** Presence of the handlers of my resources, by extension id (lib/presence). */
  presence: ReadonlySignal<PresenceMap>;
  /** Response-time targets by resource id (lib/targets). */
  responseTargets: ReadonlySignal<ResponseTargets>;
  /** RingCentral's clock relative to this machine's (lib/targets/server-clock.ts). */
  serverClock: ReadonlySignal<ServerClock | null>;
  /** My extension id, once known. */
  me: ReadonlySignal<string | undefined>;
  /** True after every item was read once. */
  ready: ReadonlySignal<boolean>;
  setBadgeResources(ids: string[] | null): Promise<void>;
  setNotifications(value: NotificationSettings): Promise<void>;
  setCrm(value: CrmSettings): Promise<void>;
  setTemplates(value: Template[]): Promise<void>;
  setTheme(value: Theme): Promise<void>;
  setServer(value: ServerSettings): Promise<void>;
  setResponseTargets(value: ResponseTargets): Promise<void>;
  /** Saves (or, when empty, forgets) the draft of one thread or number pair. */
  setDraft(key: string, text: string): Promise<void>;
  clearPanelFocus(): Promise<void>;
  dismissSyncHealth(): Promise<void>;
  dispose(): void;
}

export function createSettingsModel(): SettingsModel {
  const unwatchers: (() => void)[] = [];
  const reads: Promise<void>[] = [];

  function watched<T>(item: Item<T>) {
    const value = signal<T>(item.fallback);
    unwatchers.push(item.watch((next) => (value.value = next ?? item.fallback)));
    reads.push(item.getValue().then((v) => void (value.value = v ?? item.fallback)));
    return value;
  }

  const auth = watched<AuthStatus>(items.authStatus);
  const capabilities = watched<Capabilities | null>(items.capabilities);
  const connection = watched<ConnectionStatus>(items.connectionStatus);
  const syncHealth = watched<SyncHealth | null>(items.syncHealth);
  const serverFeatures = watched<ServerFeatures | null>(items.serverFeatures);
  const badgeResources = watched<string[] | null>(items.badgeResources);
  const notifications = watched<NotificationSettings>(items.notificationSettings);
  const crm = watched<CrmSettings>(items.crmSettings);
  const templates = watched<Template[]>(items.templates);
  const theme = watched<Theme>(items.theme);
  const drafts = watched<Record<string, string>>(items.drafts);
  const contacts = watched<ContactBook>(items.contactBook);
  const panelFocus = watched<PanelFocus | null>(items.panelFocus);
  const server = watched<ServerSettings>(items.serverSettings);
  const presence = watched<PresenceMap>(items.presence);
  const responseTargets = watched<ResponseTargets>(items.responseTargets);
  const serverClock = watched<ServerClock | null>(items.serverClock);
  const ready = signal(false);
  void Promise.allSettled(reads).then(() => (ready.value = true));

  const me = computed(() => capabilities.value?.me.extensionId ?? auth.value.user?.extensionId);

  return {
    auth,
    capabilities,
    connection,
    syncHealth,
    offers: (feature) => isOffered(serverFeatures.value, server.value.server, feature),
    badgeResources,
    notifications,
    crm,
    templates,
    theme,
    drafts,
    contacts,
    panelFocus,
    server,
    presence,
    responseTargets,
    serverClock,
    me,
    ready,
    setBadgeResources: (ids) => items.badgeResources.setValue(ids),
    setNotifications: (value) => items.notificationSettings.setValue(value),
    setCrm: (value) => items.crmSettings.setValue(value),
    setTemplates: (value) => items.templates.setValue(value),
    setTheme: (value) => items.theme.setValue(value),
    setServer: (value) => items.serverSettings.setValue(value),
    setResponseTargets: (value) => items.responseTargets.setValue(value),
    async setDraft(key, text) {
      // Read the stored value, not the signal: another panel window may have saved a draft meanwhile.
      const current = { ...(await items.drafts.getValue()) };
      if (text) current[key] = text;
      else if (key in current) delete current[key];
      else return;
      drafts.value = current;
      await items.drafts.setValue(current);
    },
    clearPanelFocus: () => items.panelFocus.setValue(null),
    dismissSyncHealth: dismissHealth,
    dispose: () => unwatchers.forEach((unwatch) => unwatch()),
  };
}
