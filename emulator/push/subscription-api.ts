// The subscription operations a client may send as ClientRequest frames (docs/emulator.md "Push").
import type { Identity } from './event-filters.ts';
import type { ClientRequestMeta } from './frames.ts';
import { RC_ERRORS, rcErrorBody, type RcError } from './rc-errors.ts';
import type { WsgSession, WsgSubscription } from './session.ts';
import { checkCreateBody, checkEventFilters, isEmptyBody } from './subscription-body.ts';
import type { GatewayDeps } from './types.ts';
import { SUBSCRIPTION_EXPIRES_IN_S } from './wsg-limits.ts';

export interface RequestContext {
  now: number;
  /** http://host:port the client reached, for the subscription `uri`. */
  baseUrl: string;
  newId(): string;
  checkRateLimit?: GatewayDeps['checkRateLimit'];
  /** Filters the test-control API switched off: accepted, then listed in disabledFilters. */
  switchedOff?: readonly string[];
}

export interface ApiResponse {
  status: number;
  body?: unknown;
  headers?: Record<string, string>;
}

type Operation = 'list' | 'create' | 'read' | 'update' | 'delete' | 'renew';

const THROTTLING_GROUP: Record<Operation, 'Light' | 'Medium'> = {
  list: 'Light',
  read: 'Light',
  renew: 'Light',
  create: 'Medium',
  update: 'Medium',
  delete: 'Medium',
};

const BASE = '/restapi/v1.0/subscription';

function route(method: string, rawPath: string): { operation: Operation; id?: string } | null {
  const path = (rawPath.split('?')[0] ?? '').replace(/\/+$/, '');
  const verb = method.toUpperCase();
  if (path === BASE) {
    if (verb === 'GET') return { operation: 'list' };
    if (verb === 'POST') return { operation: 'create' };
    return null;
  }
  const match = /^\/restapi\/v1\.0\/subscription\/([^/]+)(\/renew)?$/.exec(path);
  if (!match) return null;
  const id = decodeURIComponent(match[1] ?? '');
  if (match[2]) return verb === 'POST' ? { operation: 'renew', id } : null;
  if (verb === 'GET') return { operation: 'read', id };
  if (verb === 'PUT') return { operation: 'update', id };
  if (verb === 'DELETE') return { operation: 'delete', id };
  return null;
}

function fail(status: number, error: RcError): ApiResponse {
  return { status, body: rcErrorBody(error) };
}

export function subscriptionInfo(subscription: WsgSubscription, ctx: RequestContext) {
  return {
    id: subscription.id,
    uri: `${ctx.baseUrl}${BASE}/${subscription.id}`,
    eventFilters: [...subscription.eventFilters],
    disabledFilters: subscription.disabledFilters.map((d) => ({ ...d })),
    // WebSocket subscriptions renew themselves while the session lives, so expiry always lies ahead.
    expirationTime: new Date(ctx.now + SUBSCRIPTION_EXPIRES_IN_S * 1000).toISOString(),
    expiresIn: SUBSCRIPTION_EXPIRES_IN_S,
    status: 'Active',
    creationTime: new Date(subscription.creationTime).toISOString(),
    deliveryMode: { transportType: 'WebSocket' },
  };
}

function rateLimited(identity: Identity, operation: Operation, ctx: RequestContext): ApiResponse | null {
  const verdict = ctx.checkRateLimit?.(identity, THROTTLING_GROUP[operation]) ?? null;
  if (!verdict) return null;
  return {
    status: 429,
    headers: { 'Retry-After': String(verdict.retryAfter) },
    body: rcErrorBody(RC_ERRORS.rateExceeded()),
  };
}

export function handleSubscriptionRequest(
  session: WsgSession,
  meta: ClientRequestMeta,
  body: unknown,
  ctx: RequestContext,
): ApiResponse {
  const target = route(meta.method, meta.path);
  if (!target) return fail(404, RC_ERRORS.invalidUri());
  const limited = rateLimited(session.identity, target.operation, ctx);
  if (limited) return limited;

  if (target.operation === 'list') {
    const records = session.subscription ? [subscriptionInfo(session.subscription, ctx)] : [];
    return { status: 200, body: { uri: `${ctx.baseUrl}${BASE}`, records } };
  }
  if (target.operation === 'create') {
    const check = checkCreateBody(body, session.identity, ctx.switchedOff);
    if (!check.ok) return fail(check.status, check.error);
    // One subscription per WebSocket session: a new one replaces the old.
    session.subscription = { id: ctx.newId(), creationTime: ctx.now, ...check.value };
    return { status: 200, body: subscriptionInfo(session.subscription, ctx) };
  }

  const current = session.subscription;
  if (!current || current.id !== target.id)
    return fail(404, RC_ERRORS.notFound('subscriptionId', target.id ?? ''));
  if (target.operation === 'delete') {
    session.subscription = undefined;
    return { status: 204 };
  }
  if (target.operation === 'update' && !isEmptyBody(body)) {
    const check = checkEventFilters(body, session.identity, ctx.switchedOff);
    if (!check.ok) return fail(check.status, check.error);
    session.subscription = { ...current, ...check.value };
  }
  return { status: 200, body: subscriptionInfo(session.subscription ?? current, ctx) };
}
