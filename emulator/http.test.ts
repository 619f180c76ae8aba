// Cross-cutting HTTP behaviour: rate limits (headers, 429 + Retry-After, the penalty that restarts), faults,
// CORS for extension origins, unknown routes, and the loopback-only test-control API.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { SDK } from '@ringcentral/sdk';
import { createServer } from 'node:http';
import type { AddressInfo } from 'node:net';
import { createClock } from './clock.ts';
import { noFaults } from './faults.ts';
import { isAllowedOrigin, isLoopback } from './http/cors.ts';
import { handleRequest, type PipelineDeps } from './http/pipeline.ts';
import type { RouteDef } from './http/route.ts';
import { Router } from './http/router.ts';
import { TokenStore } from './oauth/tokens.ts';
import { RateLimiter } from './ratelimit.ts';
import { startEmulator } from './server.ts';
import { bearerOf, signedIn, startTestEmulator, type TestEmulator } from './test-support.ts';

let t: TestEmulator;
let avery: SDK;
let auth: string;

beforeAll(async () => {
  t = await startTestEmulator();
  avery = await signedIn(t, 'Avery');
  auth = await bearerOf(avery);
});
afterAll(() => t.stop());

const api = (path: string, init: RequestInit = {}) =>
  fetch(`${t.url}/restapi/v1.0/account/~${path}`, {
    ...init,
    headers: { authorization: auth, ...(init.headers ?? {}) },
  });

describe('rate limits', () => {
  it('counts per group with X-Rate-Limit headers, then answers 429 with Retry-After and a penalty that restarts', async () => {
    for (let i = 1; i <= 40; i++) {
      const res = await api('/message-threads?perPage=1');
      expect(res.status).toBe(200);
      if (i === 1 || i === 40) {
        expect(res.headers.get('x-rate-limit-group')).toBe('medium');
        expect(res.headers.get('x-rate-limit-limit')).toBe('40');
        expect(res.headers.get('x-rate-limit-window')).toBe('60');
        expect(res.headers.get('x-rate-limit-remaining')).toBe(String(40 - i));
      }
    }
    const limited = await api('/message-threads?perPage=1');
    expect(limited.status).toBe(429);
    expect(limited.headers.get('retry-after')).toBe('60');
    expect(await limited.json()).toEqual({
      errorCode: 'CMN-301',
      message: 'Request rate exceeded',
      errors: [{ errorCode: 'CMN-301', message: 'Request rate exceeded' }],
    });
    const light = await api('/extension/~');
    expect(light.status).toBe(200);
    expect(light.headers.get('x-rate-limit-group')).toBe('light');

    await t.control('clock', { advanceSeconds: 59 });
    expect((await api('/message-threads?perPage=1')).status).toBe(429);
    await t.control('clock', { advanceSeconds: 59 });
    // 118 s after the first refusal, but only 59 s after the last one: still in the restarted penalty.
    expect((await api('/message-threads?perPage=1')).status).toBe(429);
    await t.control('clock', { advanceSeconds: 61 });
    expect((await api('/message-threads?perPage=1')).status).toBe(200);
  });

  it('gives every user of an app their own Auth budget, which no Basic header buys back', async () => {
    const basicOf = (id: string, secret: string) =>
      `Basic ${Buffer.from(`${id}:${secret}`).toString('base64')}`;
    const appBasic = basicOf(t.creds.privateApp.clientId, t.creds.privateApp.clientSecret);
    const login = (assertion: string, authorization = appBasic) =>
      fetch(`${t.url}/restapi/oauth/token`, {
        method: 'POST',
        headers: { authorization, 'content-type': 'application/x-www-form-urlencoded' },
        body: new URLSearchParams({ grant_type: 'urn:ietf:params:oauth:grant-type:jwt-bearer', assertion }),
      });
    await t.control('clock', { advanceSeconds: 121 });
    const jordan = [];
    for (let i = 0; i < 6; i++) jordan.push((await login(t.user('Jordan').jwt)).status);
    expect(jordan).toEqual([200, 200, 200, 200, 200, 429]);
    // Another agent of the same app on the same address still signs in.
    expect((await login(t.user('Avery').jwt)).status).toBe(200);
    expect((await login(t.user('Morgan').jwt)).status).toBe(200);
    // Jordan with a made-up client: no tokens (the app does not authenticate), and no new budget for the app.
    const forged = await login(t.user('Jordan').jwt, basicOf('made-up-client', 'x'));
    expect(forged.status).toBe(400);
    expect((await login(t.user('Jordan').jwt)).status).toBe(429);
    // Guessing credentials spends the address's anonymous budget, whatever client each guess names.
    const guesses = [];
    for (let i = 0; i < 6; i++) guesses.push((await login(`guess-${i}`, basicOf(`client-${i}`, 'x'))).status);
    expect(guesses.slice(0, 5).every((status) => status === 400)).toBe(true);
    expect(guesses[5]).toBe(429);
    expect((await login(t.user('Casey').jwt)).status).toBe(200);
  });

  it('can be switched off and on through the faults endpoint; control routes are never limited', async () => {
    // The switch itself is under test here.
    await t.control('faults', { rateLimits: false });
    for (let i = 0; i < 45; i++) expect((await api('/extension/~')).status).toBe(200);
    await t.control('faults', { rateLimits: true });
    for (let i = 0; i < 60; i++) await t.control('credentials');
  });
});

describe('faults', () => {
  it('injects latency, 5xx errors and 429 bursts into API routes but not OAuth', async () => {
    await t.control('clock', { advanceSeconds: 121 });
    await t.control('faults', { latencyMs: 150 });
    const started = Date.now();
    expect((await api('/extension/~')).status).toBe(200);
    expect(Date.now() - started).toBeGreaterThanOrEqual(140);

    await t.control('faults', { latencyMs: 0, errorRate: 1 });
    const failed = await api('/extension/~');
    expect(failed.status).toBe(503);
    expect(await failed.json()).toMatchObject({ errors: [{ errorCode: 'CMN-201' }] });
    const page = await fetch(
      `${t.url}/restapi/oauth/authorize?response_type=code&client_id=${t.creds.publicClientId}&redirect_uri=${encodeURIComponent('http://127.0.0.1:9/cb')}&code_challenge=${'a'.repeat(43)}`,
    );
    expect(page.status).toBe(200);

    await t.control('faults', { errorRate: 0, burst429: { count: 2, retryAfterSeconds: 3 } });
    const burst = [await api('/extension/~'), await api('/extension/~'), await api('/extension/~')];
    expect(burst.map((r) => r.status)).toEqual([429, 429, 200]);
    expect(burst[0]?.headers.get('retry-after')).toBe('3');
    const faults = await t.control('faults');
    expect(faults).toMatchObject({ burst429Remaining: 0, errorRate: 0, latencyMs: 0, rateLimits: true });
  });
});

describe('CORS', () => {
  it('answers preflights from extension origins and exposes the rate-limit headers', async () => {
    const origin = 'chrome-extension://abcdefghijklmnopabcdefghijklmnop';
    const preflight = await fetch(`${t.url}/restapi/v1.0/account/~/message-threads`, {
      method: 'OPTIONS',
      headers: {
        origin,
        'access-control-request-method': 'DELETE',
        'access-control-request-headers': 'authorization,content-type,x-user-agent,client-id',
      },
    });
    expect(preflight.status).toBe(204);
    expect(preflight.headers.get('access-control-allow-origin')).toBe(origin);
    const allowed = preflight.headers.get('access-control-allow-headers') ?? '';
    for (const h of ['Authorization', 'Content-Type', 'X-User-Agent', 'Client-Id'])
      expect(allowed).toContain(h);
    expect(preflight.headers.get('access-control-allow-methods')).toContain('PATCH');

    const res = await api('/extension/~', {
      headers: { origin: 'moz-extension://4b1d2c3e-0000-4000-8000-000000000001' },
    });
    expect(res.headers.get('access-control-allow-origin')).toBe(
      'moz-extension://4b1d2c3e-0000-4000-8000-000000000001',
    );
    const exposed = res.headers.get('access-control-expose-headers') ?? '';
    for (const h of ['Retry-After', 'X-Rate-Limit-Remaining', 'X-Rate-Limit-Group'])
      expect(exposed).toContain(h);

    const foreign = await fetch(`${t.url}/restapi/v1.0/account/~/extension/~`, {
      method: 'OPTIONS',
      headers: { origin: 'https://evil.example' },
    });
    expect(foreign.status).toBe(403);
    expect(
      (await api('/extension/~', { headers: { origin: 'https://evil.example' } })).headers.get(
        'access-control-allow-origin',
      ),
    ).toBeNull();
  });

  it('recognises the allowed origins and loopback peers', () => {
    const own = ['http://127.0.0.1:8600', 'http://localhost:8600'];
    expect(isAllowedOrigin('chrome-extension://abcdefghijklmnopabcdefghijklmnop', own)).toBe(true);
    expect(isAllowedOrigin('http://127.0.0.1:8600', own)).toBe(true);
    // Another local page (a dev server, a page on another port) is not the emulator's own.
    expect(isAllowedOrigin('http://127.0.0.1:5173', own)).toBe(false);
    expect(isAllowedOrigin('http://localhost', own)).toBe(false);
    expect(isAllowedOrigin('https://127.0.0.1.evil.example', own)).toBe(false);
    expect(isLoopback('::ffff:127.0.0.1')).toBe(true);
    expect(isLoopback('::1')).toBe(true);
    expect(isLoopback('10.0.0.2')).toBe(false);
    expect(isLoopback(undefined)).toBe(false);
  });
});

describe('hardening', () => {
  const control = (init: RequestInit & { headers?: Record<string, string> } = {}) =>
    fetch(`${t.url}/__emulator/faults`, {
      method: 'POST',
      body: JSON.stringify({ latencyMs: 0 }),
      ...init,
      headers: { 'content-type': 'application/json', ...init.headers },
    });

  it('answers the control API from loopback with JSON, and its own pages, but no other origin', async () => {
    expect((await control()).status).toBe(200);
    expect((await control({ headers: { origin: t.url } })).status).toBe(200);
    const crossOrigin = await control({ headers: { origin: 'https://evil.example' } });
    expect(crossOrigin.status).toBe(403);
    expect(crossOrigin.headers.get('access-control-allow-origin')).toBeNull();
    const extension = await control({
      headers: { origin: 'chrome-extension://abcdefghijklmnopabcdefghijklmnop' },
    });
    expect(extension.status).toBe(403);
    // A form post (text/plain needs no preflight) is refused.
    expect((await control({ headers: { 'content-type': 'text/plain' } })).status).toBe(403);
    const preflight = await fetch(`${t.url}/__emulator/faults`, {
      method: 'OPTIONS',
      headers: { origin: 'https://evil.example', 'access-control-request-method': 'POST' },
    });
    expect(preflight.status).toBe(403);
    expect(preflight.headers.get('access-control-allow-origin')).toBeNull();
  });

  it('refuses control requests for a host name that is not loopback (DNS rebinding)', async () => {
    const { request } = await import('node:http');
    const status = await new Promise<number>((resolve, reject) => {
      const req = request(
        `${t.url}/__emulator/credentials`,
        { headers: { host: 'rebound.example:80' } },
        (res) => {
          res.resume();
          resolve(res.statusCode ?? 0);
        },
      );
      req.on('error', reject);
      req.end();
    });
    expect(status).toBe(403);
  });

  it('builds the authorize redirect from its base URL, whatever the Host header says', async () => {
    const { request } = await import('node:http');
    const query = new URLSearchParams({
      response_type: 'code',
      client_id: t.creds.publicClientId,
      redirect_uri: 'http://127.0.0.1:9/cb',
      code_challenge: 'a'.repeat(43),
    });
    const location = await new Promise<string>((resolve, reject) => {
      const req = request(
        `${t.url}/restapi/oauth/authorize?${query}`,
        { headers: { host: 'attacker.example' } },
        (res) => {
          res.resume();
          resolve(res.headers.location ?? '');
        },
      );
      req.on('error', reject);
      req.end();
    });
    expect(location.startsWith(`${t.url}/restapi/oauth/authorize/sign-in?`)).toBe(true);
  });

  it('will not listen on a non-loopback address unless told to', async () => {
    await expect(startEmulator({ port: 0, host: '0.0.0.0' })).rejects.toThrow(/allowRemote/);
  });
});

describe('limits and crashes', () => {
  it('refuses JSON bodies over 1 MB with a 413', async () => {
    const res = await api('/message-threads/notes', {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: JSON.stringify({ threadId: '1', text: 'x'.repeat(1024 * 1024) }),
    });
    expect(res.status).toBe(413);
    expect(await res.json()).toMatchObject({
      errors: [{ errorCode: expect.any(String), message: expect.stringContaining('1 MB') }],
    });
  });

  it('answers an unexpected failure with 500 CMN-203 and keeps serving', async () => {
    const router = new Router<RouteDef>();
    router.add('GET', '/boom', {
      kind: 'public',
      style: 'thread',
      handler: () => {
        throw new Error('bug');
      },
    });
    router.add('GET', '/ok', {
      kind: 'public',
      style: 'legacy',
      handler: () => ({ status: 200, json: { ok: true } }),
    });
    const deps: PipelineDeps = {
      router,
      tokens: new TokenStore(createClock()),
      limiter: new RateLimiter(createClock(), false),
      faults: noFaults,
      consumeBurst429: () => false,
      beforeApi: () => undefined,
      ownOrigins: () => [],
    };
    const server = createServer((req, res) => void handleRequest(deps, req, res));
    await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
    const base = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
    const errors = console.error;
    console.error = () => undefined;
    try {
      const boom = await fetch(`${base}/boom`);
      expect(boom.status).toBe(500);
      expect(await boom.json()).toEqual({
        errors: [{ errorCode: 'CMN-203', message: 'Internal Server Error' }],
      });
      expect((await fetch(`${base}/ok`)).status).toBe(200);
    } finally {
      console.error = errors;
      await new Promise((resolve) => server.close(resolve));
    }
  });
});

describe('routing', () => {
  it('answers unknown paths and methods in RingCentral shapes', async () => {
    const unknown = await api('/nothing-here');
    expect(unknown.status).toBe(404);
    expect(await unknown.json()).toMatchObject({ errorCode: 'CMN-102', errors: [{ errorCode: 'CMN-102' }] });
    const method = await api('/message-threads/sync', { method: 'PUT' });
    expect(method.status).toBe(405);
  });
});

describe('server clock', () => {
  it("dates every answer with the emulator's clock, which the control API moves forward", async () => {
    const dateOf = async () => Date.parse((await api('/presence')).headers.get('date') ?? '');
    const clock = (await (await fetch(`${t.url}/__emulator/clock`)).json()) as { now: string };
    const before = await dateOf();
    expect(Math.abs(before - Date.parse(clock.now))).toBeLessThan(5_000);
    await t.control('clock', { advanceSeconds: 3_600 });
    const after = await dateOf();
    expect(after - before).toBeGreaterThanOrEqual(3_599_000);
    expect(after - before).toBeLessThan(3_600_000 + 10_000);
  });
});
