// POST /restapi/oauth/token (docs/emulator.md "OAuth"): authorization_code (+PKCE), refresh_token (single-use rotation)
// and jwt-bearer, with client authentication by Basic header (private app) or client_id (public app).
import type { Core } from '../core.ts';
import type { Reply, RequestCtx } from '../http/route.ts';
import type { SessionRec } from '../state.ts';
import { findApp, type App } from './apps.ts';
import { oauthError } from './errors.ts';
import { verifierMatches } from './pkce.ts';
import { DEFAULT_ACCESS_TTL_S, DEFAULT_REFRESH_TTL_S, type TokenStore } from './tokens.ts';

const JWT_GRANT = 'urn:ietf:params:oauth:grant-type:jwt-bearer';

/** The client from the Basic header or the body's client_id; a private app must prove its secret. */
export function authenticateClient(
  core: Core,
  authorization: string | undefined,
  form: URLSearchParams,
): App {
  const apps = core.world().state.apps;
  if (authorization?.toLowerCase().startsWith('basic ')) {
    const decoded = Buffer.from(authorization.slice(6).trim(), 'base64').toString('utf8');
    const split = decoded.indexOf(':');
    const app = findApp(apps, split > 0 ? decoded.slice(0, split) : decoded);
    const secret = split > 0 ? decoded.slice(split + 1) : '';
    if (!app || (app.kind === 'private' && app.secret !== secret)) {
      throw oauthError('invalid_client', 'OAU-146', 'Invalid client credentials.');
    }
    return app;
  }
  const app = findApp(apps, form.get('client_id'));
  if (!app) throw oauthError('invalid_client', 'OAU-146', 'Invalid client credentials.');
  if (app.kind === 'private')
    throw oauthError('invalid_client', 'OAU-146', 'This client must authenticate with its secret.');
  return app;
}

/** TTL parameters: missing, empty or NaN mean "default" (the SDK sends NaN); others are kept within limits. */
export function ttlParam(raw: string | null, fallback: number, min: number, max: number): number {
  const value = raw === null || raw.trim() === '' ? Number.NaN : Number(raw);
  if (!Number.isFinite(value)) return fallback;
  return Math.min(max, Math.max(min, Math.floor(value)));
}

function tokenInfo(core: Core, session: SessionRec) {
  const now = core.clock.now();
  return {
    access_token: session.accessToken,
    token_type: 'bearer',
    expires_in: Math.round((session.accessExpiresAt - now) / 1000),
    refresh_token: session.refreshToken,
    refresh_token_expires_in: Math.round((session.refreshExpiresAt - now) / 1000),
    scope: session.scope,
    owner_id: session.extensionId,
    endpoint_id: session.endpointId,
    session_id: session.id,
  };
}

export function token(core: Core, tokens: TokenStore, ctx: RequestCtx): Reply {
  const form = ctx.form ?? new URLSearchParams();
  const app = authenticateClient(core, ctx.req.headers.authorization, form);
  const accessTtl = ttlParam(form.get('access_token_ttl'), DEFAULT_ACCESS_TTL_S, 600, 3600);
  const refreshTtl = ttlParam(form.get('refresh_token_ttl'), DEFAULT_REFRESH_TTL_S, 600, 2_592_000);
  const grant = form.get('grant_type');
  let session: SessionRec;
  if (grant === 'authorization_code') {
    session = exchangeCode(core, tokens, app, form, accessTtl, refreshTtl);
  } else if (grant === 'refresh_token') {
    const current = tokens.findByRefresh(form.get('refresh_token') ?? '');
    if (!current || current.clientId !== app.clientId) {
      // RingCentral's exact code for a dead refresh token is not documented; any OAU-1xx with invalid_grant fits.
      throw oauthError('invalid_grant', 'OAU-104', 'Refresh token is invalid, expired or already used.');
    }
    session = tokens.rotate(current, accessTtl, refreshTtl);
  } else if (grant === JWT_GRANT) {
    session = exchangeJwt(
      core,
      tokens,
      app,
      form.get('assertion'),
      accessTtl,
      refreshTtl,
      form.get('endpoint_id'),
    );
  } else if (!grant) {
    throw oauthError('invalid_request', 'OAU-101', 'Parameter [grant_type] is required.');
  } else {
    throw oauthError('unsupported_grant_type', 'OAU-101', `Grant type [${grant}] is not supported.`);
  }
  core.markDirty();
  return {
    status: 200,
    json: tokenInfo(core, session),
    headers: { 'Cache-Control': 'no-store', Pragma: 'no-cache' },
  };
}

function exchangeCode(
  core: Core,
  tokens: TokenStore,
  app: App,
  form: URLSearchParams,
  accessTtl: number,
  refreshTtl: number,
): SessionRec {
  const value = form.get('code');
  if (!value) throw oauthError('invalid_request', 'OAU-101', 'Parameter [code] is required.');
  const code = tokens.findCode(value);
  if (!code || code.clientId !== app.clientId) {
    throw oauthError('invalid_grant', 'OAU-106', 'Authorization code is invalid.');
  }
  if (code.sessionId) {
    // A replayed code is a sign of theft: kill what the first exchange produced (RFC 6749 §4.1.2).
    const stolen = tokens.findSession(code.sessionId);
    if (stolen) tokens.revoke(stolen);
    throw oauthError('invalid_grant', 'OAU-106', 'Authorization code was already used.');
  }
  if (code.expiresAt <= core.clock.now()) {
    tokens.forgetCode(value);
    throw oauthError('invalid_grant', 'OAU-108', 'Authorization code has expired.');
  }
  if (form.get('redirect_uri') !== code.redirectUri) {
    throw oauthError(
      'invalid_grant',
      'OAU-109',
      'Parameter [redirect_uri] does not match the authorization request.',
    );
  }
  if (
    code.challenge &&
    !verifierMatches(code.challenge.value, code.challenge.method, form.get('code_verifier'))
  ) {
    throw oauthError(
      'invalid_grant',
      'OAU-106',
      'Parameter [code_verifier] does not match the code challenge.',
    );
  }
  const session = tokens.createSession(
    { accountId: code.accountId, extensionId: code.extensionId, clientId: app.clientId },
    accessTtl,
    refreshTtl,
    form.get('endpoint_id') ?? undefined,
  );
  code.sessionId = session.id;
  return session;
}

function exchangeJwt(
  core: Core,
  tokens: TokenStore,
  app: App,
  assertion: string | null,
  accessTtl: number,
  refreshTtl: number,
  endpointId: string | null,
): SessionRec {
  if (app.kind !== 'private') {
    throw oauthError('unauthorized_client', 'OAU-101', 'This client may not use the JWT grant.');
  }
  if (!assertion) throw oauthError('invalid_request', 'OAU-101', 'Parameter [assertion] is required.');
  const user = core
    .world()
    .accounts.flatMap((a) => a.users.map((u) => ({ account: a, user: u })))
    .find((entry) => entry.user.jwt === assertion);
  if (!user) {
    throw oauthError('invalid_grant', 'OAU-140', 'The JWT assertion is invalid.');
  }
  return tokens.createSession(
    { accountId: user.account.id, extensionId: user.user.id, clientId: app.clientId },
    accessTtl,
    refreshTtl,
    endpointId ?? undefined,
  );
}
