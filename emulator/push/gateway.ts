// The emulator's WebSocket gateway (docs/emulator.md "Push"): upgrades on /ws, sessions with wsc recovery, subscription
// requests over the socket, ServerNotifications for thread events, heartbeats, pings, timeouts and faults.
import type { IncomingMessage, Server } from 'node:http';
import type { Duplex } from 'node:stream';
import { WebSocketServer, type WebSocket } from 'ws';
import { connectionDetailsFrame, type RecoveryOutcome } from './connection-details.ts';
import { debugLog } from './debug-log.ts';
import type { Identity } from './event-filters.ts';
import { errorFrame } from './frames.ts';
import { linkAction } from './link-health.ts';
import { WsgLink } from './link.ts';
import {
  FilterEventSchema,
  filterNotificationsFor,
  notificationFor,
  ThreadEventSchema,
} from './notifications.ts';
import { decideRecovery } from './recovery.ts';
import { SessionRegistry, type WsgSession } from './session.ts';
import type { Gateway, GatewayDeps } from './types.ts';
import {
  DEFAULT_PING_INTERVAL_MS,
  DEFAULT_TICK_MS,
  MAX_CLIENT_FRAME_BYTES,
  PONG_TIMEOUT_MS,
  REPLAY_DELAY_MS,
  WSG_ERRORS,
  WSG_LIMITS,
} from './wsg-limits.ts';

export interface GatewayOptions {
  /** Path the gateway upgrades on. */
  path?: string;
  /** RFC 6455 ping interval in real milliseconds. */
  pingIntervalMs?: number;
  /** How long a ping may go unanswered before the socket is dropped, in real milliseconds. */
  pongTimeoutMs?: number;
  /** How often timeouts, faults and session expiry are checked, in real milliseconds. */
  tickMs?: number;
}

/** Close code for refused handshakes (bad token); RingCentral's own code is not documented. */
const POLICY_VIOLATION = 1008;

export function attachGateway(server: Server, deps: GatewayDeps, options: GatewayOptions = {}): Gateway {
  const path = options.path ?? '/ws';
  const pingIntervalMs = options.pingIntervalMs ?? DEFAULT_PING_INTERVAL_MS;
  const pongTimeoutMs = options.pongTimeoutMs ?? PONG_TIMEOUT_MS;
  const recoveryTimeoutMs = WSG_LIMITS.recoveryTimeout * 1000;
  const wss = new WebSocketServer({ noServer: true, maxPayload: MAX_CLIENT_FRAME_BYTES });
  const registry = new SessionRegistry(WSG_LIMITS.recoveryBufferSize);
  const links = new Map<WebSocket, WsgLink>();
  const replayTimers = new Set<NodeJS.Timeout>();
  let closed = false;

  function onUpgrade(req: IncomingMessage, socket: Duplex, head: Buffer): void {
    const url = new URL(req.url ?? '/', 'http://emulator.invalid');
    if (url.pathname !== path) {
      // Another upgrade handler may own other paths; when none does, refuse rather than leave the socket hanging.
      if (server.listenerCount('upgrade') === 1) refuseUpgrade(socket, 404, 'Not Found');
      return;
    }
    if (closed) return refuseUpgrade(socket, 503, 'Service Unavailable');
    if (deps.faults().dropSockets) {
      socket.destroy();
      return;
    }
    const baseUrl = `http://${req.headers.host ?? hostOf(server)}`;
    wss.handleUpgrade(req, socket, head, (ws) => onConnection(ws, url, baseUrl));
  }

  function onConnection(ws: WebSocket, url: URL, baseUrl: string): void {
    ws.on('error', (error) => debugLog('socket error', error.message));
    const identity = identify(url.searchParams.get('access_token'));
    if (!identity) {
      ws.send(errorFrame(WSG_ERRORS.invalidAccessToken));
      ws.close(POLICY_VIOLATION, WSG_ERRORS.invalidAccessToken.errorCode);
      return;
    }
    const now = deps.now();
    const decision = decideRecovery(
      url.searchParams.get('wsc') ?? undefined,
      identity,
      registry,
      now,
      recoveryTimeoutMs,
    );
    if (decision.kind === 'malformed') {
      ws.send(errorFrame(WSG_ERRORS.malformedWsc));
      ws.close(POLICY_VIOLATION, WSG_ERRORS.malformedWsc.errorCode);
      return;
    }
    if (decision.kind === 'recovered') {
      attach(ws, decision.session, baseUrl, { state: 'Successful' });
      scheduleReplay(decision.session);
      return;
    }
    if (decision.kind === 'failed' && decision.discard) registry.delete(decision.discard);
    const outcome: RecoveryOutcome | undefined =
      decision.kind === 'failed' ? { state: 'Failed', errorCode: decision.errorCode } : undefined;
    attach(ws, registry.create(identity), baseUrl, outcome);
  }

  function identify(token: string | null): Identity | null {
    if (!token) return null;
    try {
      return deps.checkWsToken(token);
    } catch (error) {
      debugLog('checkWsToken threw', error);
      return null;
    }
  }

  function attach(ws: WebSocket, session: WsgSession, baseUrl: string, recovery?: RecoveryOutcome): void {
    // A recovering client may reach us before we noticed its old socket died.
    session.socket?.terminate();
    session.socket = ws;
    session.disconnectedAt = undefined;
    const link = new WsgLink(ws, session, deps, baseUrl);
    links.set(ws, link);
    ws.on('close', () => {
      links.delete(ws);
      if (session.socket === ws) {
        session.socket = undefined;
        session.disconnectedAt = deps.now();
      }
    });
    link.send(connectionDetailsFrame(session, deps.now(), recovery));
  }

  function deliver(session: WsgSession, sequence: number, frame: string): void {
    const link = session.socket && links.get(session.socket);
    link?.send(frame, () => session.markDelivered(sequence));
  }

  function scheduleReplay(session: WsgSession): void {
    session.holdingForReplay = true;
    const timer = setTimeout(() => {
      replayTimers.delete(timer);
      session.holdingForReplay = false;
      for (const missed of session.undelivered()) deliver(session, missed.sequence, missed.frame);
    }, REPLAY_DELAY_MS);
    replayTimers.add(timer);
  }

  function onThreadEvent(raw: unknown): void {
    const parsed = ThreadEventSchema.safeParse(raw);
    if (!parsed.success) {
      debugLog('ignored malformed thread-event', parsed.error.message);
      return;
    }
    const now = deps.now();
    for (const session of registry.all()) {
      const notification = notificationFor(session, parsed.data, now);
      if (!notification) continue;
      session.remember(notification.sequence, notification.frame);
      if (!session.holdingForReplay) deliver(session, notification.sequence, notification.frame);
    }
  }

  function onFilterEvent(raw: unknown): void {
    const parsed = FilterEventSchema.safeParse(raw);
    if (!parsed.success) {
      debugLog('ignored malformed filter-event', parsed.error.message);
      return;
    }
    const now = deps.now();
    for (const session of registry.all()) {
      for (const notification of filterNotificationsFor(session, parsed.data, now)) {
        session.remember(notification.sequence, notification.frame);
        if (!session.holdingForReplay) deliver(session, notification.sequence, notification.frame);
      }
    }
  }

  function dropAll(): void {
    for (const ws of links.keys()) ws.terminate();
  }

  function tick(): void {
    if (deps.faults().dropSockets) dropAll();
    const now = deps.now();
    const realNow = Date.now();
    for (const link of links.values()) {
      if (!link.isOpen()) continue;
      const action = linkAction(link, now, realNow, pingIntervalMs);
      if (action === 'idle-timeout') link.closeWithError(WSG_ERRORS.idleTimeout);
      else if (action === 'absolute-timeout') link.closeWithError(WSG_ERRORS.absoluteTimeout);
      else if (action === 'drop') link.ws.terminate();
      else if (action === 'ping') link.ping(realNow, pongTimeoutMs);
    }
    registry.expire(now, recoveryTimeoutMs);
  }

  const ticker = setInterval(tick, options.tickMs ?? DEFAULT_TICK_MS);
  ticker.unref();
  server.on('upgrade', onUpgrade);
  deps.events.on('thread-event', onThreadEvent);
  deps.events.on('filter-event', onFilterEvent);

  return {
    connections: () => [...links.values()].filter((link) => link.isOpen()).length,
    dropAll,
    async close() {
      if (closed) return;
      closed = true;
      clearInterval(ticker);
      for (const timer of replayTimers) clearTimeout(timer);
      server.off('upgrade', onUpgrade);
      deps.events.off('thread-event', onThreadEvent);
      deps.events.off('filter-event', onFilterEvent);
      await closeSockets([...links.keys()]);
      await new Promise<void>((resolve) => wss.close(() => resolve()));
    },
  };
}

async function closeSockets(sockets: WebSocket[]): Promise<void> {
  const GRACE_MS = 1000;
  await Promise.all(
    sockets.map(
      (ws) =>
        new Promise<void>((resolve) => {
          if (ws.readyState === ws.CLOSED) return resolve();
          const force = setTimeout(() => ws.terminate(), GRACE_MS);
          ws.once('close', () => {
            clearTimeout(force);
            resolve();
          });
          ws.close(1001, 'Going away');
        }),
    ),
  );
}

function refuseUpgrade(socket: Duplex, status: number, reason: string): void {
  socket.end(`HTTP/1.1 ${status} ${reason}\r\nConnection: close\r\nContent-Length: 0\r\n\r\n`);
}

function hostOf(server: Server): string {
  const address = server.address();
  return address && typeof address === 'object' ? `127.0.0.1:${address.port}` : '127.0.0.1';
}
