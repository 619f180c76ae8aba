// A bare http.Server with the gateway attached and hand-driven deps (clock, tokens, faults, rate limit), so the
// gateway's protocol can be tested without the REST core.
import { randomUUID } from 'node:crypto';
import { EventEmitter } from 'node:events';
import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import type { Identity } from './event-filters.ts';
import { attachGateway, type GatewayOptions } from './gateway.ts';
import type { Gateway, GatewayDeps, ThreadEvent } from './types.ts';
import { WsgTestClient } from './wsg-test-client.ts';

export const ALICE: Identity = { accountId: '400100', extensionId: '400101' };
export const BOB: Identity = { accountId: '400100', extensionId: '400102' };

export const THREAD_FILTERS = [
  '/restapi/v1.0/account/~/message-threads/sync',
  '/restapi/v1.0/account/~/message-threads/entries/sync',
];

export interface Harness {
  gateway: Gateway;
  server: Server;
  port: number;
  clock: { now: number };
  faults: { dropSockets: boolean; latencyMs: number };
  rateLimit: { verdict: null | { status: 429; retryAfter: number } };
  mintToken(identity: Identity): string;
  connect(identity: Identity, wsc?: string, options?: { autoPong?: boolean }): Promise<WsgTestClient>;
  emit(event: ThreadEvent): void;
  stop(): Promise<void>;
}

export async function startHarness(options: GatewayOptions = {}): Promise<Harness> {
  const server = createServer((_req, res) => res.writeHead(404).end());
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const port = (server.address() as AddressInfo).port;
  const clock = { now: Date.parse('2026-03-02T10:00:00.000Z') };
  const faults = { dropSockets: false, latencyMs: 0 };
  const rateLimit: Harness['rateLimit'] = { verdict: null };
  const tokens = new Map<string, Identity>();
  const events = new EventEmitter();
  const deps: GatewayDeps = {
    checkWsToken: (token) => tokens.get(token) ?? null,
    events,
    now: () => clock.now,
    faults: () => faults,
    checkRateLimit: () => rateLimit.verdict,
  };
  const gateway = attachGateway(server, deps, { tickMs: 20, ...options });
  const clients: WsgTestClient[] = [];

  function mintToken(identity: Identity): string {
    const token = randomUUID();
    tokens.set(token, identity);
    return token;
  }

  return {
    gateway,
    server,
    port,
    clock,
    faults,
    rateLimit,
    mintToken,
    async connect(identity, wsc, clientOptions) {
      const query = new URLSearchParams({ access_token: mintToken(identity) });
      if (wsc) query.set('wsc', wsc);
      const client = new WsgTestClient(`ws://127.0.0.1:${port}/ws?${query}`, clientOptions);
      clients.push(client);
      await client.waitFor(() => true);
      return client;
    },
    emit(event) {
      events.emit('thread-event', event);
    },
    async stop() {
      for (const client of clients) client.close();
      await gateway.close();
      await new Promise<void>((resolve) => server.close(() => resolve()));
    },
  };
}
