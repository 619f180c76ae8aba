// What a route is: its kind decides the pipeline (auth, rate limits, faults), its style the error body shape.
import type { IncomingMessage, ServerResponse } from 'node:http';
import type { Caller } from '../core.ts';
import type { ErrorStyle } from './errors.ts';
import type { RateSubject } from '../ratelimit.ts';
import type { Router } from './router.ts';

export type RouteKind = 'api' | 'oauth' | 'control' | 'public';
export type ThrottleGroup = 'Light' | 'Medium' | 'Heavy' | 'Auth';

export interface RequestCtx {
  req: IncomingMessage;
  res: ServerResponse;
  url: URL;
  params: Record<string, string>;
  /** Set for `api` routes once the bearer token checked out. */
  caller?: Caller;
  /** The form body of POSTs to OAuth routes, read up front so the Auth rate limit can find the user. */
  form?: URLSearchParams;
  ip: string;
}

export type Reply =
  | { status: number; json?: unknown; headers?: Record<string, string> }
  | { status: number; bytes: Uint8Array; headers: Record<string, string> }
  | { status: number; html: string }
  | { status: 302; location: string }
  /** The handler wrote the response itself (Server-Sent Events). */
  | { handled: true };

export interface RouteDef {
  kind: RouteKind;
  group?: ThrottleGroup;
  style: ErrorStyle;
  /**
   * Whose user-level budget an `oauth` route spends (`api` routes spend the bearer's); undefined means only the
   * per-IP defensive limit applies.
   */
  rateSubject?(ctx: RequestCtx): RateSubject | undefined;
  handler(ctx: RequestCtx): Promise<Reply> | Reply;
}

export type AppRouter = Router<RouteDef>;

export function mustCaller(ctx: RequestCtx): Caller {
  if (!ctx.caller) throw new Error('api route reached without a caller');
  return ctx.caller;
}

export const json = (status: number, body: unknown, headers?: Record<string, string>): Reply => ({
  status,
  json: body,
  ...(headers ? { headers } : {}),
});

export const noContent = (): Reply => ({ status: 204 });
