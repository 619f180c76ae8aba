// Salesforce's OAuth 2.0 web server flow for a connected app without a secret: authorize (a sign-in page, then a
// redirect with the code), PKCE S256, the token answer with instance_url and id, refresh, revoke and userinfo
// (docs/emulator.md, "Salesforce OAuth").
import { createHash, randomBytes } from 'node:crypto';
import type { Clock } from '../clock.ts';
import {
  CrmError,
  escapeHtml,
  readFormBody,
  type CrmReply,
  type CrmRequest,
  type CrmRouter,
} from '../crm-kit/http.ts';
import type { SalesforceState } from './state.ts';

/** Authorization codes are valid for 15 minutes; sessions for the default 2-hour timeout. */
const CODE_TTL_MS = 15 * 60_000;
export const SESSION_TTL_MS = 2 * 3600_000;

/** Where a public client may be sent back: the browser's extension redirect hosts and loopback. */
const REDIRECT =
  /^(https:\/\/[a-z0-9]+\.chromiumapp\.org\/.*|https:\/\/[a-z0-9-]+\.extensions\.allizom\.org\/.*|http:\/\/(127\.0\.0\.1|localhost)(:\d+)?\/.*)$/i;
/** RFC 7636's characters; jsforce sends a 171-character verifier, which Salesforce accepts, so no upper bound. */
const VERIFIER = /^[A-Za-z0-9\-._~]{43,}$/;

interface PendingCode {
  code: string;
  userId: string;
  clientId: string;
  redirectUri: string;
  challenge?: string;
  expiresAt: number;
}

export interface OAuthDeps {
  state(): SalesforceState;
  clock: Clock;
  markDirty(): void;
  loginUrl(): string;
  instanceUrl(): string;
}

const oauthError = (error: string, description: string, status = 400) =>
  new CrmError(status, error, description, { oauth: true });

const errorPage = (error: string, description: string): CrmReply => ({
  status: 400,
  html: `<!doctype html><html lang="en"><head><meta charset="utf-8"><title>OAuth Error</title></head><body><h1>OAuth Error</h1><p>error=${escapeHtml(error)}</p><p>${escapeHtml(description)}</p></body></html>`,
});

function signInPage(params: URLSearchParams, message?: string): CrmReply {
  const hidden = ['client_id', 'redirect_uri', 'state', 'code_challenge', 'code_challenge_method', 'scope']
    .map((name) => {
      const value = params.get(name);
      return value === null ? '' : `<input type="hidden" name="${name}" value="${escapeHtml(value)}">`;
    })
    .join('');
  return {
    status: 200,
    html: `<!doctype html><html lang="en"><head><meta charset="utf-8"><title>Login | Salesforce</title></head><body><main><h1>Salesforce emulator</h1>${message ? `<p role="alert">${escapeHtml(message)}</p>` : ''}<form method="post"><label>Username <input name="username" autocomplete="username"></label><label>Password <input name="password" type="password" autocomplete="current-password"></label>${hidden}<button type="submit" name="Login">Log In</button></form></main></body></html>`,
  };
}

export function addSalesforceOAuth(
  router: CrmRouter,
  deps: OAuthDeps,
): { sessionFor(token: string | undefined): SalesforceState['sessions'][number] } {
  const codes = new Map<string, PendingCode>();
  const token = (prefix: string) => `${prefix}${randomBytes(36).toString('base64url')}`;

  function checkClient(params: URLSearchParams): CrmReply | undefined {
    if (params.get('client_id') !== deps.state().app.clientId)
      return errorPage('invalid_client_id', 'client identifier invalid');
    const redirect = params.get('redirect_uri') ?? '';
    if (!REDIRECT.test(redirect))
      return errorPage('redirect_uri_mismatch', 'redirect_uri must match configuration');
    if (params.get('response_type') !== 'code')
      return errorPage('unsupported_response_type', 'response type not supported');
    return undefined;
  }

  router.add(
    'GET',
    '/services/oauth2/authorize',
    ({ url }) => checkClient(url.searchParams) ?? signInPage(url.searchParams),
  );

  router.add('POST', '/services/oauth2/authorize', async ({ req, url }) => {
    const form = await readFormBody(req);
    const params = new URLSearchParams(url.searchParams);
    for (const [k, v] of form) params.set(k, v);
    params.set('response_type', 'code');
    const refused = checkClient(params);
    if (refused) return refused;
    const user = deps
      .state()
      .users.find(
        (u) =>
          u.username.toLowerCase() === (params.get('username') ?? '').toLowerCase() &&
          u.password === params.get('password'),
      );
    if (!user)
      return signInPage(
        params,
        "Please check your username and password. If you still can't log in, contact your Salesforce administrator.",
      );
    const code = token('aPrx');
    const challenge = params.get('code_challenge') ?? undefined;
    codes.set(code, {
      code,
      userId: user.id,
      clientId: params.get('client_id') ?? '',
      redirectUri: params.get('redirect_uri') ?? '',
      ...(challenge ? { challenge } : {}),
      expiresAt: deps.clock.now() + CODE_TTL_MS,
    });
    const back = new URL(params.get('redirect_uri') ?? '');
    back.searchParams.set('code', code);
    const state = params.get('state');
    if (state !== null) back.searchParams.set('state', state);
    return { status: 302, location: back.toString() };
  });

  function answer(session: SalesforceState['sessions'][number], withRefresh: boolean) {
    const issuedAt = String(deps.clock.now());
    return {
      access_token: session.accessToken,
      ...(withRefresh ? { refresh_token: session.refreshToken } : {}),
      signature: createHash('sha256')
        .update(session.accessToken + issuedAt)
        .digest('base64'),
      scope: 'refresh_token api',
      instance_url: deps.instanceUrl(),
      id: `${deps.loginUrl()}/id/${deps.state().orgId}/${session.userId}`,
      token_type: 'Bearer',
      issued_at: issuedAt,
    };
  }

  router.add('POST', '/services/oauth2/token', async ({ req }) => {
    const form = await readFormBody(req);
    const state = deps.state();
    if (form.get('client_id') !== state.app.clientId)
      throw oauthError('invalid_client_id', 'client identifier invalid');
    if (form.get('client_secret')) throw oauthError('invalid_client', 'invalid client credentials');
    const grant = form.get('grant_type');
    const now = deps.clock.now();
    if (grant === 'authorization_code') {
      const pending = codes.get(form.get('code') ?? '');
      if (!pending || pending.expiresAt < now)
        throw oauthError('invalid_grant', 'invalid authorization code');
      codes.delete(pending.code);
      if (pending.redirectUri !== form.get('redirect_uri'))
        throw oauthError('invalid_grant', 'redirect_uri must match configuration');
      const verifier = form.get('code_verifier');
      if (pending.challenge) {
        if (!verifier) throw oauthError('invalid_grant', 'invalid code verifier');
        if (
          !VERIFIER.test(verifier) ||
          createHash('sha256').update(verifier).digest('base64url') !== pending.challenge
        ) {
          throw oauthError('invalid_grant', 'invalid code verifier');
        }
      } else {
        throw oauthError(
          'invalid_grant',
          'a connected app without a secret needs PKCE: missing code_challenge',
        );
      }
      const session = {
        accessToken: `${state.orgId}!${token('AQ')}`,
        refreshToken: token('5Aep'),
        userId: pending.userId,
        expiresAt: now + SESSION_TTL_MS,
        revoked: false,
      };
      state.sessions.push(session);
      deps.markDirty();
      return { status: 200, json: answer(session, true) };
    }
    if (grant === 'refresh_token') {
      const old = state.sessions.find((s) => s.refreshToken === form.get('refresh_token') && !s.revoked);
      if (!old) throw oauthError('invalid_grant', 'expired access/refresh token');
      // Salesforce keeps the refresh token (no rotation by default) and issues a new access token.
      old.accessToken = `${state.orgId}!${token('AQ')}`;
      old.expiresAt = now + SESSION_TTL_MS;
      deps.markDirty();
      return { status: 200, json: answer(old, false) };
    }
    throw oauthError('unsupported_grant_type', 'grant type not supported');
  });

  router.add('POST', '/services/oauth2/revoke', async ({ req }) => {
    const form = await readFormBody(req);
    const value = form.get('token');
    const session = deps.state().sessions.find((s) => s.accessToken === value || s.refreshToken === value);
    if (!session) throw oauthError('unsupported_token_type', 'this token type is not supported');
    session.revoked = true;
    deps.markDirty();
    return { status: 200 };
  });

  function sessionFor(header: string | undefined) {
    const value = /^Bearer\s+(.+)$/i.exec(header ?? '')?.[1]?.trim();
    const session = deps.state().sessions.find((s) => s.accessToken === value);
    if (!session || session.revoked || session.expiresAt <= deps.clock.now()) {
      throw new CrmError(401, 'INVALID_SESSION_ID', 'Session expired or invalid');
    }
    return session;
  }

  router.add('GET', '/services/oauth2/userinfo', ({ req }: CrmRequest) => {
    const session = sessionFor(req.headers.authorization);
    const user = deps.state().users.find((u) => u.id === session.userId);
    return {
      status: 200,
      json: {
        sub: `${deps.loginUrl()}/id/${deps.state().orgId}/${session.userId}`,
        user_id: session.userId,
        organization_id: deps.state().orgId,
        preferred_username: user?.username,
        name: user?.name,
        email: user?.email,
        urls: { rest: `${deps.instanceUrl()}/services/data/v{version}/` },
      },
    };
  });

  return { sessionFor };
}
