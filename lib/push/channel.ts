// Push over RingCentral's WebSocket gateway with @ringcentral/subscriptions. Events only trigger syncs. We
// tune the WSG client for a service worker: a 20 s heartbeat (Chrome stops a worker after 30 s without
// socket traffic), a fresh single-use wstoken per reconnect, slower recovery checks, wstoken through our
// Auth budget, and a supervisor that rebuilds the connection with backoff when the client gives up.
import type { SDK } from '@ringcentral/sdk';
import { Subscriptions } from '@ringcentral/subscriptions';
import type { RateBudget } from '../rc/budget';
import type { StreamKind } from '../sync/stream';
import {
  degradationOf,
  EVENT_FILTERS,
  isGrantEvent,
  isPresenceEvent,
  type PushDegradation,
  NotificationEnvelope,
  reconnectDelay,
  recoverCheckInterval,
  streamOfEvent,
} from './events';
import { sleep } from '../util/sleep';

type WsExtension = Awaited<ReturnType<Subscriptions['newWsExtension']>>;

export const HEARTBEAT_MS = 20_000;
/** Recovery errors in a row after which the connection is rebuilt from scratch. */
const MAX_RECOVER_ERRORS = 4;
/** A connection that lived this long resets the reconnect backoff. */
const STABLE_MS = 60_000;
const REVOKE_TIMEOUT_MS = 3_000;

export interface PushOptions {
  sdk: SDK;
  budget?: Pick<RateBudget, 'acquire'>;
  /** An event announced a change of this stream. */
  onEvent(kind: StreamKind): void;
  /** Events may have been missed (new connection, recovery): sync both streams. */
  onResync(): void;
  onConnected?(connected: boolean): void;
  /** The body of an account presence event (unvalidated: lib/presence parses it). */
  onPresence?(body: unknown): void;
  /** The agent's grants changed (a call-queue membership): read the capabilities again. */
  onGrant?(): void;
  /** What the current subscription accepted but will not deliver (its disabledFilters); on every subscribe. */
  onDegraded?(degradation: PushDegradation): void;
  heartbeatMs?: number;
}

export interface PushStats {
  registrations: number;
  /** Frames received (notifications, heartbeat replies…): what keeps a Chrome worker alive. */
  frames: number;
  wsTokens: number;
  events: number;
  recoveries: number;
}

export class PushChannel {
  readonly stats: PushStats = {
    registrations: 0,
    frames: 0,
    wsTokens: 0,
    events: 0,
    recoveries: 0,
  };
  private wse: WsExtension | undefined;
  private stopped = true;
  private attempt = 0;
  private recoverErrors = 0;
  private connectedAt = 0;
  private restartTimer: ReturnType<typeof setTimeout> | undefined;
  private starting: Promise<void> | undefined;
  private isConnected = false;
  private degraded: PushDegradation = { streams: [], grant: false, filters: [] };

  constructor(private readonly opts: PushOptions) {}

  get connected(): boolean {
    return this.isConnected;
  }

  /** Subscribes (again). Never throws: failures are retried with backoff. */
  start(): Promise<void> {
    this.stopped = false;
    this.starting ??= this.connect().finally(() => {
      this.starting = undefined;
    });
    return this.starting;
  }

  async stop(): Promise<void> {
    this.stopped = true;
    clearTimeout(this.restartTimer);
    this.restartTimer = undefined;
    await this.starting?.catch(() => undefined);
    await this.teardown();
    this.setConnected(false);
  }

  /** Backstop (alarm): rebuild a connection that is down and has nothing scheduled to bring it back. */
  ensure(): void {
    if (this.stopped || this.starting || this.restartTimer) return;
    const ws = this.wse?.ws;
    if (!ws || ws.readyState > 1) this.scheduleRestart();
  }

  private async connect(): Promise<void> {
    await this.teardown();
    if (this.stopped) return;
    const subs = new Subscriptions({ sdk: this.opts.sdk });
    await subs.init();
    this.meterWsTokens(subs);
    let created: WsExtension | undefined;
    // Prepare the WSG client before it opens its first socket (register() builds it with default options).
    const install = subs.rc.installExtension.bind(subs.rc);
    subs.rc.installExtension = async (extension) => {
      if (isWsExtension(extension)) {
        created = extension;
        this.prepare(extension);
      }
      return install(extension);
    };
    const subscription = subs.createSubscription().setEventFilters(EVENT_FILTERS);
    subscription.on(subscription.events.notification, (body: unknown) => this.onNotification(body));
    try {
      this.stats.registrations++;
      const registered = (await subscription.register()) as
        { subscriptionInfo?: { disabledFilters?: unknown } } | undefined;
      if (!created) throw new Error('no WebSocket extension');
      this.setDegradation(degradationOf(registered?.subscriptionInfo?.disabledFilters));
      this.wse = created;
      this.connectedAt = Date.now();
      this.recoverErrors = 0;
      this.setConnected(true);
      this.opts.onResync();
    } catch (e) {
      // register() can fail while the WSG client keeps retrying in the background: stop that one.
      await created?.revoke().catch(() => undefined);
      console.warn('ThreadDesk: push subscription failed', e);
      this.scheduleRestart(retryAfterOf(e));
    }
  }

  /** wstoken is Auth-group (5/min): every call waits for our budget, so reconnect storms cannot trip a 429. */
  private meterWsTokens(subs: Subscriptions): void {
    const rc = subs.rc;
    const request = rc.request.bind(rc);
    rc.request = (async (...args: Parameters<typeof request>) => {
      if (String(args[1]).includes('/restapi/oauth/wstoken')) {
        await this.opts.budget?.acquire('Auth');
        this.stats.wsTokens++;
      }
      return request(...args);
    }) as typeof rc.request;
  }

  private prepare(wse: WsExtension): void {
    const auto = (wse.options.autoRecover ??= { enabled: true });
    auto.pingServerInterval = this.opts.heartbeatMs ?? HEARTBEAT_MS;
    auto.checkInterval = recoverCheckInterval;
    wse.eventEmitter.on('newWebSocketObject', (ws: WsExtension['ws']) => {
      // Node's ws throws an 'error' nobody listens to (browsers don't); the close that follows is handled.
      ws.addEventListener('error', () => undefined);
      ws.addEventListener('message', () => this.stats.frames++);
      ws.addEventListener('close', () => {
        // ws_access_token is single-use: a recovery must ask for a new one.
        wse.wsToken = undefined;
        wse.wsTokenExpiresAt = 0;
        this.setConnected(false);
      });
    });
    const recovered = () => {
      this.stats.recoveries++;
      this.recoverErrors = 0;
      this.setConnected(true);
      this.opts.onResync();
    };
    wse.eventEmitter.on('autoRecoverSuccess', recovered);
    wse.eventEmitter.on('autoRecoverFailed', recovered);
    wse.eventEmitter.on('autoRecoverError', (e: unknown) => {
      this.recoverErrors++;
      if (this.recoverErrors >= MAX_RECOVER_ERRORS || wse.ws?.readyState === 1) {
        // Either the client keeps failing, or it reconnected but could not re-subscribe: rebuild.
        this.scheduleRestart(retryAfterOf(e));
      }
    });
    // The client rethrows RestExceptions from inside its timer, which would end its recovery loop with an
    // unhandled rejection; as plain errors they count as recovery errors and reach the handler above.
    const recover = wse.recover.bind(wse);
    wse.recover = async () => {
      try {
        await recover();
      } catch (e) {
        throw new Error(e instanceof Error ? e.message : String(e), { cause: e });
      }
    };
  }

  private scheduleRestart(retryAfterMs = 0): void {
    if (this.stopped || this.restartTimer) return;
    if (this.connectedAt && Date.now() - this.connectedAt > STABLE_MS) this.attempt = 0;
    const delay = reconnectDelay(this.attempt++, retryAfterMs);
    this.connectedAt = 0;
    this.setConnected(false);
    void this.teardown();
    this.restartTimer = setTimeout(() => {
      this.restartTimer = undefined;
      void this.start();
    }, delay);
  }

  private async teardown(): Promise<void> {
    const wse = this.wse;
    this.wse = undefined;
    if (!wse) return;
    wse.eventEmitter.removeAllListeners();
    // Stop the client's own timers first: a revoke over a dying socket can take up to a minute to fail.
    clearInterval(wse.intervalHandle);
    clearTimeout(wse.pingServerHandle);
    const revoked = wse.revoke().then(
      () => true,
      () => false,
    );
    const inTime = await Promise.race([revoked, sleep(REVOKE_TIMEOUT_MS).then(() => false)]);
    // Without a revoke the server forgets the subscription with the session.
    if (!inTime) wse.ws?.close();
  }

  private onNotification(body: unknown): void {
    const parsed = NotificationEnvelope.safeParse(body);
    if (!parsed.success) return;
    if (isGrantEvent(parsed.data.event)) {
      this.opts.onGrant?.();
      return;
    }
    if (isPresenceEvent(parsed.data.event)) {
      this.opts.onPresence?.(parsed.data.body);
      return;
    }
    const kind = streamOfEvent(parsed.data.event);
    if (!kind) return;
    this.stats.events++;
    this.opts.onEvent(kind);
  }

  /** What the live subscription does not deliver. */
  get degradation(): PushDegradation {
    return this.degraded;
  }

  private setDegradation(d: PushDegradation): void {
    this.degraded = d;
    this.opts.onDegraded?.(d);
  }

  private setConnected(connected: boolean): void {
    if (connected === this.isConnected) return;
    this.isConnected = connected;
    this.opts.onConnected?.(connected);
  }
}

function isWsExtension(extension: unknown): extension is WsExtension {
  const e = extension as Partial<WsExtension> | undefined;
  return !!e && typeof e.pingServer === 'function' && typeof e.recover === 'function' && !!e.eventEmitter;
}

function retryAfterOf(e: unknown): number {
  const err = (e ?? {}) as { retryAfter?: number; cause?: unknown };
  if (typeof err.retryAfter === 'number') return err.retryAfter;
  return err.cause ? retryAfterOf(err.cause) : 0;
}
