// The seam between the emulator's REST core and its WebSocket gateway (docs/emulator.md "Push").
import type { EventEmitter } from 'node:events';

/** Which of the two thread-messaging event filters a change belongs to. */
export type ThreadEventFilter = 'threads' | 'entries';

/** Emitted by the core on `events` as 'thread-event' whenever a change should notify (docs/emulator.md "Events"). */
export interface ThreadEvent {
  accountId: string;
  filter: ThreadEventFilter;
  /** Extension ids (strings) that receive the event, per the recipients table. */
  extensionIds: string[];
  lastModifiedTime: string;
}

/**
 * Emitted as 'filter-event' for filters that carry data (presence): every session of the account whose
 * subscription holds one of `paths` (its query aside) gets `body`, once per matching filter.
 */
export interface FilterEvent {
  accountId: string;
  paths: string[];
  body: unknown;
}

/** Who a ws_access_token was minted for; clientId (the app) keys the socket's rate limits. */
export interface WsIdentity {
  accountId: string;
  extensionId: string;
  clientId?: string;
}

export interface GatewayDeps {
  /** Owner of a ws_access_token minted by POST /restapi/oauth/wstoken (reusable within its TTL); null when
   * unknown, expired or its session was revoked. */
  checkWsToken(token: string): WsIdentity | null;
  /** Emits 'thread-event' (ThreadEvent) and 'filter-event' (FilterEvent). */
  events: EventEmitter;
  /** Current emulator time in ms (the test clock can move it). */
  now(): number;
  /** Fault switches the test-control API sets: when dropSockets is true, open sockets are closed abruptly. */
  faults(): { dropSockets: boolean; latencyMs: number; disabledFilters?: readonly string[] };
  /** Rate-limit check for subscription operations sent over the socket; returns a 429 body or null. */
  checkRateLimit?(
    identity: WsIdentity,
    group: 'Light' | 'Medium',
  ): null | {
    status: 429;
    retryAfter: number;
  };
}

export interface Gateway {
  /** Closes every socket with a 1001 and stops accepting new ones. */
  close(): Promise<void>;
  /** Drops every open socket abruptly (no close frame), for fault tests. */
  dropAll(): void;
  /** Number of open sockets, for tests. */
  connections(): number;
}
