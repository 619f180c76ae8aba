// Whose Auth budget an OAuth request spends (docs/emulator.md "Rate limits"): the user being authenticated — the
// code's user, the refresh token's owner, the JWT's subject, the username typed on the sign-in form — together with
// the app that proved who it is. Nothing here trusts the Basic header or client_id on its own: an app that does
// not authenticate spends the user's budget of "no app", and a request that names nobody spends the anonymous
// budget of its IP address, so neither a new client id nor a made-up credential buys a fresh budget.
import type { Core } from '../core.ts';
import { findUserByLogin } from '../directory.ts';
import type { RequestCtx } from '../http/route.ts';
import type { RateSubject } from '../ratelimit.ts';
import { authenticateClient } from './token.ts';
import { findApp } from './apps.ts';
import type { TokenStore } from './tokens.ts';

const JWT_GRANT = 'urn:ietf:params:oauth:grant-type:jwt-bearer';

function verifiedApp(core: Core, ctx: RequestCtx, form: URLSearchParams): string {
  try {
    return authenticateClient(core, ctx.req.headers.authorization, form).clientId;
  } catch {
    return '';
  }
}

function userOfGrant(core: Core, tokens: TokenStore, form: URLSearchParams): string | undefined {
  const grant = form.get('grant_type');
  if (grant === 'authorization_code') return tokens.findCode(form.get('code') ?? '')?.extensionId;
  if (grant === 'refresh_token') return tokens.ownerOf(form.get('refresh_token') ?? '');
  if (grant === JWT_GRANT) {
    const assertion = form.get('assertion');
    if (!assertion) return undefined;
    return core
      .world()
      .accounts.flatMap((a) => a.users)
      .find((u) => u.jwt === assertion)?.id;
  }
  if (grant === 'password')
    return findUserByLogin(core.world().accounts, form.get('username') ?? '')?.user.id;
  return undefined;
}

const subject = (user: string | undefined, app: string, ctx: RequestCtx): RateSubject =>
  user ? { user, app } : { anonymousIp: ctx.ip };

/** POST /restapi/oauth/token */
export function tokenRateSubject(core: Core, tokens: TokenStore, ctx: RequestCtx): RateSubject {
  const form = ctx.form ?? new URLSearchParams();
  return subject(userOfGrant(core, tokens, form), verifiedApp(core, ctx, form), ctx);
}

/** POST /restapi/oauth/revoke: the owner of the token being revoked. */
export function revokeRateSubject(core: Core, tokens: TokenStore, ctx: RequestCtx): RateSubject {
  const form = ctx.form ?? new URLSearchParams();
  const token = form.get('token') ?? ctx.url.searchParams.get('token') ?? '';
  return subject(tokens.ownerOf(token), verifiedApp(core, ctx, form), ctx);
}

/**
 * GET/POST /restapi/oauth/authorize: only a submitted sign-in form names a user (the typed username). Opening the
 * authorize page authenticates nobody, so it spends only the per-IP defensive limit.
 */
export function authorizeRateSubject(core: Core, ctx: RequestCtx): RateSubject | undefined {
  const form = ctx.form;
  if (!form?.has('username')) return undefined;
  const found = findUserByLogin(core.world().accounts, form.get('username') ?? '');
  return subject(
    found?.user.id,
    findApp(core.world().state.apps, form.get('client_id'))?.clientId ?? '',
    ctx,
  );
}
