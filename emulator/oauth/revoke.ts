// POST /restapi/oauth/revoke (docs/emulator.md "OAuth"): the token (access or refresh, body or query) ends its session.
import type { Core } from '../core.ts';
import type { Reply, RequestCtx } from '../http/route.ts';
import { authenticateClient } from './token.ts';
import type { TokenStore } from './tokens.ts';

export function revoke(core: Core, tokens: TokenStore, ctx: RequestCtx): Reply {
  const form = ctx.form ?? new URLSearchParams();
  const token = form.get('token') ?? ctx.url.searchParams.get('token');
  if (form.has('client_id') || ctx.req.headers.authorization) {
    authenticateClient(core, ctx.req.headers.authorization, form);
  }
  // RFC 7009: an unknown token is not an error.
  if (token && tokens.revokeByToken(token)) core.markDirty();
  return { status: 200 };
}
