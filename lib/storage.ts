// Every storage item of the extension, in one place. Nothing secret lives here: content scripts can read
// storage.local, so tokens and client secrets stay in the background's IndexedDB store (lib/sync/db.ts).
// Items are marked pure so a bundle keeps only those it uses: defining an item reads it at once, and the CRM
// content script may not touch session storage (Chrome: "Access to storage is not allowed from this context").
import { storage } from '#imports';
import type { ContactBook } from './contacts/names';
import type { PresenceMap } from './presence/status';
import type { ThreadUser } from './rc/schemas';
import type { FeatureRefusal, ServerFeatures } from './capabilities/features';
import type { SyncHealth } from './sync/health';
import type { ResponseTargets } from './targets/targets';
import type { ServerClock } from './targets/server-clock';
import type { OverdueMemory } from './notifications/overdue';
import type { ProtocolErrorCode } from './messaging';

export type { PresenceMap } from './presence/status';
export type { ResponseTargets } from './targets/targets';
export type { ServerClock } from './targets/server-clock';

export const PRODUCTION_SERVER = 'https://platform.ringcentral.com';

export interface ServerSettings {
  /** REST base URL: RingCentral production, the local emulator, or a custom URL. */
  server: string;
  /** Public (PKCE) app's client id. */
  clientId: string;
}

export const serverSettings = /* @__PURE__ */ storage.defineItem<ServerSettings>('local:serverSettings', {
  version: 1,
  fallback: {
    server: import.meta.env.WXT_RC_SERVER || PRODUCTION_SERVER,
    clientId: import.meta.env.WXT_RC_CLIENT_ID || '',
  },
});

export type AuthState = 'signedOut' | 'signingIn' | 'signedIn' | 'error';

/** What pages may know about the session: who, not how. */
export interface AuthStatus {
  state: AuthState;
  /** `server` is the REST base URL the agent signed in to (lib/auth/agent.ts: who "me" is). */
  user?: { extensionId: string; accountId: string; name: string; server: string; extensionNumber?: string };
  /** Why the agent was signed out or what failed, in words for the agent. */
  message?: string;
}

export const authStatus = /* @__PURE__ */ storage.defineItem<AuthStatus>('local:authStatus', {
  version: 1,
  fallback: { state: 'signedOut' },
});

export interface Handler {
  id: string;
  name: string;
  assignable: boolean;
}

/** A common resource (call queue or site) the agent handles SMS for, with its shared numbers. */
export interface Resource {
  id: string;
  name: string;
  /** Department (call queue), Site or IvrMenu. */
  type: string;
  sharedNumbers: string[];
  handlers: Handler[];
}

export interface Capabilities {
  me: ThreadUser;
  feature: { available: boolean; reason?: { code: string; message: string } };
  resources: Resource[];
  fetchedAt: number;
}

export const capabilities = /* @__PURE__ */ storage.defineItem<Capabilities | null>('local:capabilities', {
  version: 1,
  fallback: null,
});

/** The sync engine's health, shown by the side panel (offline, rate-limited, unreachable…). */
export interface ConnectionStatus {
  state: 'idle' | 'syncing' | 'offline' | 'rateLimited' | 'unreachable' | 'error';
  lastSyncAt?: number;
  retryAt?: number;
  message?: string;
  pushConnected?: boolean;
  /** What the push subscription accepted but does not deliver: 'threads', 'entries', 'grant' (lib/push). */
  pushDisabled?: string[];
}

export const connectionStatus = /* @__PURE__ */ storage.defineItem<ConnectionStatus>(
  'local:connectionStatus',
  {
    version: 1,
    fallback: { state: 'idle' },
  },
);

/** Optional operations each server refused as not offered (lib/capabilities/features.ts). Version 2 keeps
 *  RingCentral's code beside its words; version 1 wrote them as one "[code] words" string. */
export const serverFeatures = /* @__PURE__ */ storage.defineItem<ServerFeatures | null>(
  'local:serverFeatures',
  {
    version: 2,
    fallback: null,
    migrations: { 2: upgradeServerFeatures },
  },
);

/** Version 1 → 2 of serverFeatures: "[CMN-109] Feature not available." becomes its code and its words. */
export function upgradeServerFeatures(old: unknown): ServerFeatures | null {
  if (!old || typeof old !== 'object') return null;
  const upgrade = (r: { at?: unknown; message?: unknown }): FeatureRefusal => {
    const text = typeof r.message === 'string' ? r.message : '';
    const m = /^\[([^\]]+)\] ([\s\S]*)$/.exec(text);
    return { at: typeof r.at === 'number' ? r.at : 0, code: m?.[1] ?? 'unknown', message: m?.[2] ?? text };
  };
  return Object.fromEntries(
    Object.entries(old as Record<string, Record<string, { at?: unknown; message?: unknown }>>).map(
      ([server, refusals]) => [
        server,
        Object.fromEntries(Object.entries(refusals ?? {}).map(([feature, r]) => [feature, upgrade(r ?? {})])),
      ],
    ),
  );
}

/** What sync skipped or could not read (lib/sync/health.ts); null until something happened. */
export const syncHealth = /* @__PURE__ */ storage.defineItem<SyncHealth | null>('local:syncHealth', {
  version: 1,
  fallback: null,
});

/** Which resources the badge counts; null means all of them. */
export const badgeResources = /* @__PURE__ */ storage.defineItem<string[] | null>('local:badgeResources', {
  version: 1,
  fallback: null,
});

export interface NotificationSettings {
  enabled: boolean;
  mutedResources: string[];
}

export const notificationSettings = /* @__PURE__ */ storage.defineItem<NotificationSettings>(
  'local:notificationSettings',
  {
    version: 1,
    fallback: { enabled: true, mutedResources: [] },
  },
);

export interface CrmSettings {
  /** Adapter ids of known CRMs the agent switched off. */
  disabledAdapters: string[];
  /** Other origins (e.g. https://crm.example.com) the agent enabled and granted. */
  customOrigins: string[];
}

export const crmSettings = /* @__PURE__ */ storage.defineItem<CrmSettings>('local:crmSettings', {
  version: 1,
  fallback: { disabledAdapters: [], customOrigins: [] },
});

export interface Template {
  id: string;
  name: string;
  /** May contain merge fields such as {firstName} and {agentName}. */
  text: string;
}

export const templates = /* @__PURE__ */ storage.defineItem<Template[]>('local:templates', {
  version: 1,
  fallback: [
    { id: 'greeting', name: 'Greeting', text: 'Hi {firstName}, this is {agentName}. How can I help?' },
    { id: 'followup', name: 'Follow-up', text: 'Hi {firstName}, just following up on our conversation.' },
  ],
});

export type Theme = 'light' | 'dark' | 'system';
export const theme = /* @__PURE__ */ storage.defineItem<Theme>('local:theme', {
  version: 1,
  fallback: 'system',
});

/** Unsent text per thread (or per "shared→customer" pair for a new conversation), kept across panel closes. */
export const drafts = /* @__PURE__ */ storage.defineItem<Record<string, string>>('local:drafts', {
  version: 1,
  fallback: {},
});

/** Customer names with where each came from (lib/contacts/names.ts), by E.164. Written by the background only. */
export const contactBook = /* @__PURE__ */ storage.defineItem<ContactBook>('local:contactBook', {
  version: 1,
  fallback: {},
});

/** What the side panel should show next: set by the background when a chip or notification is clicked. */
export interface PanelFocus {
  threadId?: string;
  /** A customer number with no thread yet: the panel offers a new conversation. */
  phone?: string;
  sharedNumber?: string;
  /** Changes on every request, so asking twice for the same thread still moves the panel. */
  nonce: string;
}

export const panelFocus = /* @__PURE__ */ storage.defineItem<PanelFocus | null>('local:panelFocus', {
  fallback: null,
});

/**
 * Presence of the handlers of the agent's resources (lib/presence); session storage, gone with the browser.
 * No `version`: a versioned item migrates when defined, and content scripts (which import this module) may not
 * touch session storage.
 */
export const presence = /* @__PURE__ */ storage.defineItem<PresenceMap>('session:presence', {
  fallback: {},
});

/** CRM logging settings (lib/crm-log): automatic or only on "Log now", and whether internal notes go along. */
export interface CrmLogSettings {
  mode: 'auto' | 'manual';
  includeNotes: boolean;
}

export const crmLogSettings = /* @__PURE__ */ storage.defineItem<CrmLogSettings>('local:crmLogSettings', {
  version: 1,
  fallback: { mode: 'auto', includeNotes: false },
});

/** Which CRM is connected, in words for the options page; tokens stay in the background's CRM store. */
export interface CrmStatus {
  kind?: 'salesforce' | 'hubspot';
  /** e.g. "Salesforce · example.my.salesforce.com". */
  description?: string;
  message?: string;
}

export const crmStatus = /* @__PURE__ */ storage.defineItem<CrmStatus>('local:crmStatus', {
  version: 1,
  fallback: {},
});

/** Each thread's CRM side (lib/crm-log/service.ts CrmThreadState), by thread id. Written by the background only. */
export const crmThreads = /* @__PURE__ */ storage.defineItem<Record<string, CrmThreadStateView>>(
  'local:crmThreads',
  {
    version: 2,
    fallback: {},
    migrations: { 2: upgradeCrmThreads },
  },
);

/** Version 1 → 2 of crmThreads: a failed or retrying log's words become a stored failure {code, message}. */
export function upgradeCrmThreads(old: unknown): Record<string, CrmThreadStateView> {
  if (!old || typeof old !== 'object') return {};
  return Object.fromEntries(
    Object.entries(old as Record<string, { state?: unknown; message?: unknown }>).map(([id, state]) => {
      if (state?.state !== 'retrying' && state?.state !== 'failed') return [id, state];
      const { message, ...rest } = state;
      return [
        id,
        { ...rest, error: { code: 'unknown', message: typeof message === 'string' ? message : '' } },
      ];
    }),
  ) as Record<string, CrmThreadStateView>;
}

/** A failure kept for pages to show: the protocol's code (lib/messaging.ts; 'unknown' for words stored before
 *  codes were) and words for the agent. */
export interface StoredFailure {
  code: ProtocolErrorCode | 'unknown';
  message: string;
}

export interface CrmRecordView {
  id: string;
  type: 'Contact' | 'Lead' | 'Account';
  name: string;
  company?: string;
}

export type CrmThreadStateView =
  | { state: 'matching' }
  | { state: 'noMatch' }
  | { state: 'choose'; candidates: CrmRecordView[] }
  | { state: 'ready'; record: CrmRecordView }
  | { state: 'pending' | 'logged'; record: CrmRecordView; at?: number }
  | { state: 'retrying' | 'failed'; record?: CrmRecordView; error: StoredFailure; at: number };

/** Response-time targets by resource id (lib/targets), set in the options page. */
export const responseTargets = /* @__PURE__ */ storage.defineItem<ResponseTargets>('local:responseTargets', {
  version: 1,
  fallback: {},
});

/**
 * RingCentral's clock relative to this machine's (lib/targets/server-clock.ts), written by the background from
 * the Date headers of RingCentral's answers. Session storage: a restarted browser measures it again. No
 * `version`, like `presence`: content scripts import this module and may not touch session storage.
 */
export const serverClock = /* @__PURE__ */ storage.defineItem<ServerClock | null>('session:serverClock', {
  fallback: null,
});

/** Which overdue threads the agent was told about (lib/notifications/overdue.ts), so no restart repeats one. */
export const overdueNotices = /* @__PURE__ */ storage.defineItem<OverdueMemory | null>(
  'local:overdueNotices',
  {
    version: 1,
    fallback: null,
  },
);
