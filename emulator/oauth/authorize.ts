// GET/POST /restapi/oauth/authorize (docs/emulator.md "OAuth"): validates the client and redirect URI, sends the browser
// (302, as RingCentral does) to the sign-in page, checks the user's password and redirects back with a
// single-use code (or an error).
import type { Core } from '../core.ts';
import { findUserByLogin } from '../directory.ts';
import type { Reply, RequestCtx } from '../http/route.ts';
import { findApp, isRegisteredRedirect } from './apps.ts';
import { errorRedirect, oauthError } from './errors.ts';
import type { ChallengeMethod } from './pkce.ts';
import { signInPage } from './sign-in-page.ts';
import { CODE_TTL_MS, type TokenStore } from './tokens.ts';

interface AuthorizeRequest {
  clientId: string;
  redirectUri: string;
  state?: string;
  challenge?: { value: string; method: ChallengeMethod };
}

/** Checks the parameters; errors before the redirect URI is trusted are a 400, later ones a redirect. */
function checkParams(core: Core, params: URLSearchParams): AuthorizeRequest | { redirect: string } {
  const apps = core.world().state.apps;
  const clientId = params.get('client_id') ?? '';
  const app = findApp(apps, clientId);
  if (!app) throw oauthError('invalid_client', 'OAU-120', 'Client [client_id] is unknown.');
  const redirectUri = params.get('redirect_uri') ?? '';
  if (!redirectUri || !isRegisteredRedirect(redirectUri)) {
    throw oauthError(
      'invalid_request',
      'OAU-109',
      'Parameter [redirect_uri] does not match a registered redirect URI.',
    );
  }
  const state = params.get('state') || undefined;
  const fail = (error: 'invalid_request' | 'unsupported_response_type', description: string) => ({
    redirect: errorRedirect(redirectUri, error, description, state),
  });
  if (params.get('response_type') !== 'code') {
    return fail('unsupported_response_type', 'Only response_type=code is supported.');
  }
  const challengeValue = params.get('code_challenge') || undefined;
  const method = params.get('code_challenge_method') || 'plain';
  if (method !== 'plain' && method !== 'S256')
    return fail('invalid_request', 'Unsupported code_challenge_method.');
  if (!challengeValue && app.kind === 'public') {
    return fail('invalid_request', 'A code_challenge is required for this client (PKCE).');
  }
  return {
    clientId,
    redirectUri,
    ...(state ? { state } : {}),
    ...(challengeValue ? { challenge: { value: challengeValue, method } } : {}),
  };
}

const APP_NAME = 'ThreadDesk';

/** The emulator's login UI; under the authorize path so the e2e harness's URL check still holds. */
export const SIGN_IN_PATH = '/restapi/oauth/authorize/sign-in';

/** The spec's Location is a full URL, built from the configured base URL (never from the Host header). */
function signInLocation(core: Core, params: URLSearchParams): string {
  return `${core.baseUrl()}${SIGN_IN_PATH}?${params.toString()}`;
}

/** GET /restapi/oauth/authorize/sign-in: the form, for parameters that still check out (it can be reached directly). */
export function signInForm(core: Core, ctx: RequestCtx): Reply {
  const params = ctx.url.searchParams;
  const checked = checkParams(core, params);
  if ('redirect' in checked) return { status: 302, location: checked.redirect };
  return { status: 200, html: signInPage({ params, appName: APP_NAME }) };
}

export function authorize(core: Core, tokens: TokenStore, ctx: RequestCtx): Reply {
  const params = ctx.form ?? ctx.url.searchParams;
  const checked = checkParams(core, params);
  if ('redirect' in checked) return { status: 302, location: checked.redirect };
  const isSubmit = ctx.req.method === 'POST' && (params.has('username') || params.has('action'));
  if (!isSubmit) return { status: 302, location: signInLocation(core, params) };
  if (params.get('action') === 'cancel') {
    return {
      status: 302,
      location: errorRedirectFor(checked, 'access_denied', 'The user cancelled the sign-in.'),
    };
  }
  const username = params.get('username') ?? '';
  const found = findUserByLogin(core.world().accounts, username);
  if (!found || found.user.password !== (params.get('password') ?? '')) {
    return {
      status: 200,
      html: signInPage({
        params,
        appName: APP_NAME,
        username,
        error: 'Wrong username or password. Try again.',
      }),
    };
  }
  const code = tokens.issueCode({
    clientId: checked.clientId,
    redirectUri: checked.redirectUri,
    ...(checked.challenge ? { challenge: checked.challenge } : {}),
    accountId: found.account.id,
    extensionId: found.user.id,
  });
  const target = new URL(checked.redirectUri);
  target.searchParams.set('code', code.code);
  if (checked.state) target.searchParams.set('state', checked.state);
  target.searchParams.set('expires_in', String(CODE_TTL_MS / 1000));
  return { status: 302, location: target.toString() };
}

function errorRedirectFor(request: AuthorizeRequest, error: 'access_denied', description: string): string {
  return errorRedirect(request.redirectUri, error, description, request.state);
}
