// The one RingCentral client of the background: @ringcentral/sdk set up for a service worker (and Node tests),
// with our rate-limit budget in front of every request, errors mapped to RcError, and a refresh that is
// single-flight, counted against the Auth group and never storms (docs/emulator.md: OAuth, Rate limits).
import { SDK, type LoginOptions } from '@ringcentral/sdk';
import type { z } from 'zod';
import { groupOf, RateBudget, type RateGroup } from './budget';
import { RcError, toRcError } from './errors';
import type { TokenStore } from './token-store';

export { RcError } from './errors';

export type Method = 'GET' | 'POST' | 'PATCH' | 'DELETE';
export type Query = Record<string, string | string[] | number | undefined>;

export interface RcClientOptions {
  server: string;
  clientId: string;
  clientSecret?: string;
  store: TokenStore;
  fetch?: typeof fetch;
  appName?: string;
  appVersion?: string;
  budget?: RateBudget;
  /** A request with no reply after this long fails as `timeout` (ambiguous for writes). */
  timeoutMs?: number;
}

export interface RequestOptions<T> {
  query?: Query;
  body?: unknown;
  form?: FormData;
  schema?: z.ZodType<T>;
  group?: RateGroup;
}

export interface RcClient {
  sdk: SDK;
  server: string;
  /** GET/POST/PATCH/DELETE a REST path; parses the JSON reply with the schema; maps errors to RcError. Respects
   *  the rate-limit budget of the path's group before sending and records X-Rate-Limit-* from replies. */
  request<T = unknown>(method: Method, path: string, opts?: RequestOptions<T>): Promise<T>;
  /** Token in a header; the uri must be on the server's origin (or its media host). */
  fetchBinary(uri: string): Promise<{ blob: Blob; contentType: string }>;
  loggedIn(): Promise<boolean>;
  /** Token request (code + PKCE, or JWT), counted against the Auth budget. */
  login(options: LoginOptions): Promise<void>;
  /** Revokes the session (errors ignored, docs/emulator.md, OAuth) and always forgets the tokens. */
  logout(): Promise<void>;
  /** Called once each time the session is found dead (refresh refused, refresh token missing or expired). */
  onSessionLost(listener: (message: string) => void): () => void;
  budget: RateBudget;
}

const DEFAULT_TIMEOUT_MS = 30_000;

export function createRcClient(opts: RcClientOptions): RcClient {
  const budget = opts.budget ?? new RateBudget();
  const baseFetch = opts.fetch ?? globalThis.fetch.bind(globalThis);
  const server = opts.server.replace(/\/+$/, '');
  const sdk = new SDK({
    server,
    clientId: opts.clientId,
    clientSecret: opts.clientSecret,
    appName: opts.appName ?? 'ThreadDesk',
    appVersion: opts.appVersion,
    fetch: withTimeout(baseFetch, opts.timeoutMs ?? DEFAULT_TIMEOUT_MS),
    Request: globalThis.Request,
    Response: globalThis.Response,
    Headers: globalThis.Headers,
    // The SDK accepts an async storage (docs/architecture.md, Data flow); its type says Storage.
    localStorage: opts.store as unknown as Storage,
    // A network error during refresh must not sign the agent out; we decide what a failure means below.
    clearCacheOnRefreshError: false,
    handleRateLimit: false,
  });
  const platform = sdk.platform();
  const lostListeners = new Set<(message: string) => void>();

  // X-Rate-Limit-* and 429s of every request, including the ones @ringcentral/subscriptions makes.
  sdk.client().on(sdk.client().events.requestSuccess, (response: Response, request: Request) => {
    budget.observe(groupOf(request.method, request.url), response.headers);
  });
  sdk.client().on(sdk.client().events.requestError, (e: { response?: Response; request?: Request }) => {
    if (!e.response || !e.request) return;
    const group = groupOf(e.request.method, e.request.url);
    budget.observe(group, e.response.headers);
    if (e.response.status === 429) {
      void toRcError(e).then((rc) => budget.retryAfter(group, rc.retryAfterMs ?? 60_000));
    }
  });

  async function sessionLost(message: string): Promise<RcError> {
    await sdk.cache().clean();
    for (const l of lostListeners) l(message);
    return new RcError('signedOut', message, { status: 401 });
  }

  async function refreshFailure(e: unknown): Promise<RcError> {
    const text = e instanceof Error ? e.message : '';
    if (/Refresh token (is missing|has expired)/.test(text)) {
      return sessionLost('Your RingCentral session has expired. Sign in again.');
    }
    const rc = await toRcError(e);
    if (rc.status !== undefined && rc.status >= 400 && rc.status < 500 && rc.status !== 429) {
      return sessionLost('RingCentral ended your session. Sign in again.');
    }
    return rc;
  }

  // One refresh at a time per client, and one client per worker: the SDK's ensureLoggedIn and our 401 path
  // both come through here.
  const sdkRefresh = platform.refresh.bind(platform);
  let refreshing: Promise<Response> | undefined;
  platform.refresh = () => {
    refreshing ??= (async () => {
      try {
        await budget.acquire('Auth');
        return await sdkRefresh();
      } catch (e) {
        throw await refreshFailure(e);
      } finally {
        refreshing = undefined;
      }
    })();
    return refreshing;
  };

  const accessToken = async () => (await platform.auth().data()).access_token;

  async function send(method: Method, url: string, o: RequestOptions<unknown>): Promise<Response> {
    const group = o.group ?? groupOf(method, url);
    for (let attempt = 0; ; attempt++) {
      await budget.acquire(group);
      const sentWith = await accessToken();
      try {
        // retry:true turns off the SDK's own 401/429 handling: a 401 per concurrent request would each cancel
        // the token and refresh again; we refresh only if nobody has since the request left.
        return await platform.send({
          method,
          url,
          query: cleanQuery(o.query),
          body: o.form ?? o.body,
          retry: true,
        });
      } catch (e) {
        const rc = await toRcError(e);
        if (rc.status === 401 && rc.code !== 'signedOut' && attempt === 0) {
          if ((await accessToken()) === sentWith) await platform.refresh();
          continue;
        }
        if (rc.status === 401 && rc.code !== 'signedOut') {
          throw await sessionLost('RingCentral no longer accepts your session. Sign in again.');
        }
        throw rc;
      }
    }
  }

  const mediaOrigins = allowedOrigins(server);

  return {
    sdk,
    server,
    budget,
    async request<T>(method: Method, path: string, o: RequestOptions<T> = {}): Promise<T> {
      const response = await send(method, path, o as RequestOptions<unknown>);
      if (response.status === 204 || !o.schema) {
        const text = response.status === 204 ? '' : await response.text();
        return (text ? JSON.parse(text) : undefined) as T;
      }
      const unusable = (body: unknown) =>
        new RcError('badReply', `Unexpected reply from RingCentral for ${method} ${path}`, {
          status: response.status,
          body,
        });
      let json: unknown;
      try {
        json = await response.json();
      } catch (e) {
        throw unusable(e instanceof Error ? e.message : String(e));
      }
      const parsed = o.schema.safeParse(json);
      if (!parsed.success) {
        throw unusable(parsed.error.issues.slice(0, 5));
      }
      return parsed.data;
    },
    async fetchBinary(uri) {
      const url = new URL(uri, server);
      if (!mediaOrigins.has(url.origin)) {
        throw new RcError('forbiddenOrigin', `Not a RingCentral media address: ${url.origin}`);
      }
      const response = await send('GET', url.href, { group: 'Light' });
      const contentType = response.headers.get('Content-Type') ?? 'application/octet-stream';
      return { blob: await response.blob(), contentType };
    },
    loggedIn: () => platform.loggedIn(),
    async login(options) {
      await budget.acquire('Auth');
      try {
        await platform.login(options);
      } catch (e) {
        throw await toRcError(e);
      }
    },
    async logout() {
      try {
        if (await accessToken()) {
          await budget.acquire('Auth');
          await platform.logout();
        }
      } catch {
        // Revoke errors are ignored (docs/emulator.md, OAuth): the tokens are forgotten either way.
      } finally {
        await sdk.cache().clean();
      }
    },
    onSessionLost(listener) {
      lostListeners.add(listener);
      return () => lostListeners.delete(listener);
    },
  };
}

/** Array values repeat the key (the SDK does that); undefined values are dropped instead of sent empty. */
function cleanQuery(query: Query | undefined): Record<string, string | string[]> | undefined {
  if (!query) return undefined;
  const out: Record<string, string | string[]> = {};
  for (const [k, v] of Object.entries(query)) {
    if (v === undefined) continue;
    out[k] = typeof v === 'number' ? String(v) : v;
  }
  return out;
}

/** The server's origin, plus its media host for production (media.ringcentral.com serves MMS content). */
export function allowedOrigins(server: string): Set<string> {
  const url = new URL(server);
  const origins = new Set([url.origin]);
  if (url.hostname.startsWith('platform.')) {
    origins.add(`${url.protocol}//media.${url.hostname.slice('platform.'.length)}`);
  }
  return origins;
}

/** A fetch that gives up after `ms`, failing with a TimeoutError the error mapper recognises. */
function withTimeout(base: typeof fetch, ms: number): typeof fetch {
  return async (input, init) => {
    const timeout = AbortSignal.timeout(ms);
    const signal = init?.signal ? AbortSignal.any([init.signal, timeout]) : timeout;
    try {
      return await base(input, { ...init, signal });
    } catch (e) {
      if (timeout.aborted) {
        const err = new Error(`No reply within ${ms} ms`);
        err.name = 'TimeoutError';
        throw err;
      }
      throw e instanceof Error ? e : new Error(String(e));
    }
  };
}
