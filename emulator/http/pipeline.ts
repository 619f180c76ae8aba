// One request's way through the emulator: CORS, routing, loopback-only control routes, faults, thread expiry,
// bearer auth, rate limits (per IP, then per user and app), the handler, and RingCentral-shaped errors. Nothing escapes as a crash.
import type { IncomingMessage, ServerResponse } from 'node:http';
import type { FaultState } from '../faults.ts';
import type { RateLimiter } from '../ratelimit.ts';
import type { TokenStore } from '../oauth/tokens.ts';
import { authenticateBearer } from '../oauth/bearer.ts';
import { readForm } from './body.ts';
import { answerPreflight, applyCors, isLoopback } from './cors.ts';
import { forbidden, internalError, RcError } from './errors.ts';
import { redirect, sendBytes, sendEmpty, sendError, sendHtml, sendJson } from './respond.ts';
import type { AppRouter, Reply, RequestCtx, RouteDef } from './route.ts';

export interface PipelineDeps {
  router: AppRouter;
  tokens: TokenStore;
  limiter: RateLimiter;
  faults(): FaultState;
  consumeBurst429(): boolean;
  /** Runs before API requests: the thread expiry, in case the timer has not run yet. */
  beforeApi(): void;
  /** The emulator's own origins, whose pages may call the API (CORS). */
  ownOrigins(): readonly string[];
}

const sleep = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));

/** CMN-301 is a user's limit, CMN-310 the global (per-IP) one, as RingCentral's error guide names them. */
const rateError = (retryAfter: number, headers: Record<string, string>, code = 'CMN-301') =>
  new RcError(429, [{ errorCode: code, message: 'Request rate exceeded' }], {
    ...headers,
    'Retry-After': String(retryAfter),
  });

async function applyFaults(deps: PipelineDeps, ctx: RequestCtx): Promise<void> {
  const faults = deps.faults();
  const isOAuth = ctx.url.pathname.startsWith('/restapi/oauth/');
  if (isOAuth && !faults.includeOAuth) return;
  if (faults.latencyMs > 0) await sleep(faults.latencyMs);
  if (deps.consumeBurst429()) throw rateError(faults.burst429RetryAfter, {});
  if (faults.errorRate > 0 && Math.random() < faults.errorRate) {
    throw new RcError(503, [{ errorCode: 'CMN-201', message: 'Service Temporarily Unavailable' }]);
  }
}

/** Runs the route's checks; returns the rate-limit headers to add to the response. */
async function guard(deps: PipelineDeps, route: RouteDef, ctx: RequestCtx): Promise<Record<string, string>> {
  if (route.kind === 'control' && !isLoopback(ctx.ip)) {
    throw forbidden('The test-control API answers loopback peers only.', 'CMN-408');
  }
  if (route.kind !== 'api' && route.kind !== 'oauth') return {};
  if (route.kind === 'oauth' && ctx.req.method === 'POST') ctx.form = await readForm(ctx.req);
  await applyFaults(deps, ctx);
  if (route.kind === 'api') {
    deps.beforeApi();
    ctx.caller = authenticateBearer(deps.tokens, ctx.req.headers.authorization);
  }
  if (!route.group) return {};
  const defensive = deps.limiter.hitIp(ctx.ip, route.group);
  if (!defensive.allowed) throw rateError(defensive.retryAfter, defensive.headers, 'CMN-310');
  const subject = ctx.caller
    ? { user: ctx.caller.extensionId, app: ctx.caller.clientId }
    : route.rateSubject?.(ctx);
  if (!subject) return defensive.headers;
  const verdict = deps.limiter.hit(subject, route.group);
  if (!verdict.allowed) throw rateError(verdict.retryAfter, verdict.headers, 'CMN-301');
  return verdict.headers;
}

function write(res: ServerResponse, reply: Reply, headers: Record<string, string>): void {
  if ('handled' in reply) return;
  if ('location' in reply) return redirect(res, reply.location);
  for (const [name, value] of Object.entries(headers)) res.setHeader(name, value);
  if ('html' in reply) return sendHtml(res, reply.status, reply.html);
  if ('bytes' in reply) return sendBytes(res, reply.status, reply.bytes, reply.headers);
  if (reply.json === undefined) return sendEmpty(res, reply.status, reply.headers);
  sendJson(res, reply.status, reply.json, reply.headers);
}

export async function handleRequest(
  deps: PipelineDeps,
  req: IncomingMessage,
  res: ServerResponse,
): Promise<void> {
  let style: RouteDef['style'] = 'legacy';
  let headers: Record<string, string> = {};
  try {
    const ownOrigins = deps.ownOrigins();
    if (!req.url?.startsWith('/__emulator/')) applyCors(req, res, ownOrigins);
    if (answerPreflight(req, res, ownOrigins)) return;
    const url = new URL(req.url ?? '/', 'http://emulator.invalid');
    const matched = deps.router.match(req.method ?? 'GET', url.pathname);
    if (!('route' in matched)) {
      req.resume();
      throw matched.methodMismatch
        ? new RcError(405, [{ errorCode: 'CMN-104', message: `Method [${req.method}] is not allowed here.` }])
        : new RcError(404, [
            { errorCode: 'CMN-102', message: `Resource for [${url.pathname}] is not found.` },
          ]);
    }
    const { route, params } = matched;
    style = route.style;
    const ctx: RequestCtx = { req, res, url, params, ip: req.socket.remoteAddress ?? '' };
    headers = await guard(deps, route, ctx);
    write(res, await route.handler(ctx), headers);
  } catch (error) {
    if (error instanceof RcError) {
      for (const [name, value] of Object.entries(headers)) res.setHeader(name, value);
      // Rate limits and auth failures keep the legacy shape the SDK reads, whatever the route's style.
      const shape = error.status === 429 || error.status === 401 ? 'legacy' : style;
      sendError(res, error, shape);
      return;
    }
    console.error('emulator: unhandled error for', req.method, req.url, error);
    sendError(res, internalError(), style === 'oauth' ? 'legacy' : style);
  }
}
