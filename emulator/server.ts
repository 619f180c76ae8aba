// The emulator's factory: state (loaded or seeded), the HTTP server with every route, the WebSocket gateway,
// the carrier, persistence and the test-control API. `startEmulator` is what `npm start`, the e2e harness,
// the integration and conformance suites and the benchmark all use.
import { EventEmitter } from 'node:events';
import { existsSync } from 'node:fs';
import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import path from 'node:path';
import { addAccountRoutes } from './account/routes.ts';
import { CrmEmulators } from './crm-kit/mount.ts';
import { Carrier, DEFAULT_CARRIER_DELAYS, type CarrierDelays } from './carrier.ts';
import { createClock, DAY, HOUR, type Clock } from './clock.ts';
import { addControlRoutes } from './control/routes.ts';
import type { Core } from './core.ts';
import { applyFaultPatch, noFaults, type FaultState } from './faults.ts';
import { CONTROL_PREFIX, controlRefusal } from './http/control-guard.ts';
import { forbidden } from './http/errors.ts';
import { handleRequest } from './http/pipeline.ts';
import { sendError } from './http/respond.ts';
import type { RouteDef } from './http/route.ts';
import { Router } from './http/router.ts';
import { MediaStore } from './media.ts';
import { addOAuthRoutes } from './oauth/routes.ts';
import { TokenStore } from './oauth/tokens.ts';
import { JsonPersister, STATE_FILE } from './persist.ts';
import { PresenceBook } from './presence/book.ts';
import { addPresenceRoutes } from './presence/routes.ts';
import type { Gateway, GatewayDeps } from './push/types.ts';
import { RateLimiter } from './ratelimit.ts';
import type { Profile } from './profile.ts';
import { buildSeedState } from './seed/index.ts';
import { EmulatorState } from './state.ts';
import { addStaticRoutes } from './static.ts';
import { applyCarrierStatus } from './threads/message-ops.ts';
import { addThreadRoutes } from './threads/routes.ts';
import { SYNC_TOKEN_TTL_MS } from './threads/sync-token.ts';
import { expireDueThreads } from './threads/thread-ops.ts';
import { World } from './world.ts';

export interface EmulatorOptions {
  port?: number;
  /** Loopback by default; any other address also needs `allowRemote`. */
  host?: string;
  /** Lets `host` be a non-loopback address: the emulator's demo passwords and control API then face a network. */
  allowRemote?: boolean;
  /** Where state.json and media/ live; without it nothing is written to disk. */
  dataDir?: string;
  /** Start from the seed even if the data dir holds a saved state. */
  reset?: boolean;
  rateLimits?: boolean;
  /** Hours an Open thread lives without activity before it expires (default 72). */
  threadTtlHours?: number;
  /** `production` answers message delete and MMS send as unsupported (emulator/profile.ts); default `default`. */
  profile?: Profile;
  /** Seed the demo conversations (default true); false gives the accounts only. */
  seed?: boolean;
  carrierDelays?: CarrierDelays;
  /** Start from this state instead of the data dir or the seed (benchmarks, conformance fixtures). */
  state?: EmulatorState;
  /** How long HubSpot writes take to reach its CRM search, in ms (default 3,000; docs/emulator.md). */
  hubspotSearchLagMs?: number;
}

export interface RunningEmulator {
  url: string;
  port: number;
  wsUrl: string;
  close(): Promise<void>;
  /** Direct access for tests and benchmarks (the benchmark loads data straight into the stores). */
  core: Core;
  clock: Clock;
  events: EventEmitter;
  world(): World;
  reset(): void;
  /** The Salesforce and HubSpot emulators on the same server. */
  crm: CrmEmulators;
  gateway?: Gateway;
}

/** How often the expiry timer looks for due threads (cheap: the stores keep their next deadline). */
const EXPIRY_CHECK_MS = 1000;

type AttachGateway = (server: Server, deps: GatewayDeps) => Gateway;

/** The gateway lives in emulator/push/ (another engineer's part): use it when it is there. */
async function loadGateway(): Promise<AttachGateway | undefined> {
  const file = new URL('./push/gateway.ts', import.meta.url);
  if (!existsSync(file)) return undefined;
  const mod = (await import(file.href)) as { attachGateway?: AttachGateway };
  return mod.attachGateway;
}

const isLoopbackHost = (host: string) =>
  host === 'localhost' || host === '::1' || /^127(\.\d{1,3}){3}$/.test(host);

function listen(server: Server, port: number, host: string): Promise<number> {
  return new Promise((resolve, reject) => {
    server.once('error', reject);
    server.listen(port, host, () => {
      server.off('error', reject);
      resolve((server.address() as AddressInfo).port);
    });
  });
}

export async function startEmulator(options: EmulatorOptions = {}): Promise<RunningEmulator> {
  const host = options.host ?? '127.0.0.1';
  if (!isLoopbackHost(host) && !options.allowRemote) {
    throw new Error(
      `emulator: refusing to listen on ${host}, which is not a loopback address (allowRemote needed)`,
    );
  }
  const clock = createClock();
  const media = new MediaStore(options.dataDir ? path.join(options.dataDir, 'media') : undefined);
  const seedFresh = (secret?: string): EmulatorState =>
    buildSeedState({
      now: clock.now(),
      conversations: options.seed !== false,
      putMedia: (id, bytes) => media.put(id, bytes),
      ...(secret ? { secret } : {}),
    });

  const loaded =
    options.state ??
    (options.reset ? undefined : JsonPersister.load(options.dataDir, STATE_FILE, EmulatorState));
  if (!loaded) media.clear();
  else clock.setOffset(loaded.clockOffsetMs);
  const threadTtlMs = options.threadTtlHours === undefined ? undefined : options.threadTtlHours * HOUR;
  let world = new World(loaded ?? seedFresh(), threadTtlMs);
  const tokens = new TokenStore(clock, loaded?.sessions ?? []);
  const events = new EventEmitter();
  events.setMaxListeners(0);
  const initialRateLimits = options.rateLimits ?? true;
  const limiter = new RateLimiter(clock, initialRateLimits);
  let faults: FaultState = noFaults();
  let baseUrl = '';
  const ownOrigins: string[] = [];

  const persister = new JsonPersister(options.dataDir && path.join(options.dataDir, STATE_FILE), () => {
    const cutoff = clock.now() - SYNC_TOKEN_TTL_MS - DAY;
    for (const store of world.allStores()) store.compactChanges(cutoff);
    return { ...world.snapshot(), sessions: tokens.all(), clockOffsetMs: clock.offsetMs() };
  });

  const core: Core = {
    clock,
    profile: options.profile ?? 'default',
    world: () => world,
    baseUrl: () => baseUrl,
    events,
    media,
    markDirty: () => persister.markDirty(),
    dispatch: (accountId, messageId) => carrier.dispatch(accountId, messageId),
  };

  const carrier = new Carrier(
    {
      blocked(accountId, messageId) {
        const store = world.store(accountId);
        const message = store.messages.get(messageId);
        const thread = message && store.threads.get(message.threadId);
        if (!message || !thread || message.authorId === null) return false;
        return store.isOptedOut(thread.ownerPhone, thread.guestPhone);
      },
      setStatus: (accountId, messageId, status) => applyCarrierStatus(core, accountId, messageId, status),
    },
    options.carrierDelays ?? DEFAULT_CARRIER_DELAYS,
  );

  const crm = new CrmEmulators({
    clock,
    ...(options.dataDir ? { dataDir: options.dataDir } : {}),
    reset: options.reset === true || options.state !== undefined,
    ...(options.hubspotSearchLagMs !== undefined ? { hubspotSearchLagMs: options.hubspotSearchLagMs } : {}),
    baseUrl: () => baseUrl,
  });

  const streams = new Set<() => void>();
  const router = new Router<RouteDef>();
  addOAuthRoutes(router, core, tokens, () => `${baseUrl.replace(/^http/, 'ws')}/ws`);
  addAccountRoutes(router, core);
  addThreadRoutes(router, core);
  const presence = new PresenceBook(() => world.accounts, events);
  addPresenceRoutes(router, core, presence);
  addControlRoutes(router, {
    core,
    faults: () => faults,
    patchFaults(patch) {
      faults = applyFaultPatch(faults, patch);
      if (patch.rateLimits !== undefined) limiter.enabled = patch.rateLimits;
      if (faults.dropSockets) gateway?.dropAll();
      return faults;
    },
    rateLimitsEnabled: () => limiter.enabled,
    crmCredentials: () => crm.credentials(),
    endSessions(extensionId) {
      const ended = tokens.all().filter((s) => s.extensionId === extensionId);
      for (const session of ended) tokens.revoke(session);
      if (ended.length) core.markDirty();
      return ended.length;
    },
    reset,
    expire: () => expireDueThreads(core),
    trackStream(close) {
      streams.add(close);
      return () => streams.delete(close);
    },
  });
  addStaticRoutes(router, import.meta.dirname);

  const server = createServer((req, res) => {
    if (req.url?.startsWith(CONTROL_PREFIX)) {
      const refusal = controlRefusal(req);
      if (refusal) {
        req.resume();
        sendError(res, forbidden(refusal, 'CMN-408'), 'legacy');
        return;
      }
    }
    if (crm.handle(req, res)) return;
    // Every answer carries the server's clock (RFC 9110 §6.6.1), the emulator's own: tests move it forward.
    res.setHeader('Date', new Date(clock.now()).toUTCString());
    void handleRequest(
      {
        router,
        tokens,
        limiter,
        faults: () => faults,
        consumeBurst429() {
          if (faults.burst429Remaining <= 0) return false;
          faults = { ...faults, burst429Remaining: faults.burst429Remaining - 1 };
          return true;
        },
        beforeApi: () => expireDueThreads(core),
        ownOrigins: () => ownOrigins,
      },
      req,
      res,
    );
  });
  const port = await listen(server, options.port ?? 8600, host);
  baseUrl = `http://${host.includes(':') ? `[${host}]` : host}:${port}`;
  // The pages it serves itself, reached by the address it printed or by localhost.
  ownOrigins.push(baseUrl, `http://localhost:${port}`);

  const attach = await loadGateway();
  const gateway = attach?.(server, {
    checkWsToken: (token) => tokens.checkWsToken(token),
    events,
    now: () => clock.now(),
    faults: () => ({
      dropSockets: faults.dropSockets,
      latencyMs: faults.latencyMs,
      disabledFilters: faults.disabledFilters,
    }),
    checkRateLimit(identity, group) {
      // The same (user, app) budget as REST calls, so socket and HTTP share one budget per app.
      const verdict = limiter.hit({ user: identity.extensionId, app: identity.clientId ?? 'ws' }, group);
      return verdict.allowed ? null : { status: 429, retryAfter: verdict.retryAfter };
    },
  });

  // Threads expire when their deadline passes on the emulator clock, whether or not a request arrives.
  const expiryTimer = setInterval(() => expireDueThreads(core), EXPIRY_CHECK_MS);
  expiryTimer.unref();

  resumeCarrier();
  if (!loaded) {
    persister.markDirty();
    persister.flush();
  }

  /** Outbound messages still Queued or Sent when the emulator stopped finish their journey. */
  function resumeCarrier(): void {
    for (const store of world.allStores()) {
      for (const message of store.messages.values()) {
        if (message.direction !== 'Outbound' || message.availability === 'Deleted') continue;
        if (message.messageStatus === 'Queued' || message.messageStatus === 'Sent') {
          carrier.dispatch(store.accountId, message.id, message.messageStatus);
        }
      }
    }
  }

  function reset(): void {
    carrier.stop();
    media.clear();
    clock.setOffset(0);
    world = new World(seedFresh(world.state.secret), threadTtlMs);
    presence.reset();
    limiter.reset();
    limiter.enabled = initialRateLimits;
    faults = noFaults();
    crm.reset();
    events.emit('feed', { type: 'reset' });
    persister.markDirty();
  }

  let closing: Promise<void> | undefined;
  async function close(): Promise<void> {
    closing ??= (async () => {
      clearInterval(expiryTimer);
      carrier.stop();
      persister.flush();
      crm.flush();
      for (const end of [...streams]) end();
      await gateway?.close();
      await new Promise<void>((resolve) => {
        server.close(() => resolve());
        server.closeAllConnections();
      });
    })();
    return closing;
  }

  return {
    url: baseUrl,
    port,
    wsUrl: `${baseUrl.replace(/^http/, 'ws')}/ws`,
    close,
    core,
    clock,
    events,
    world: () => world,
    reset,
    crm,
    ...(gateway ? { gateway } : {}),
  };
}
