// The OAuth endpoints (throttling group Auth). wstoken is Bearer-authenticated, so it is an `api` route.
import type { Core } from '../core.ts';
import type { AppRouter, RequestCtx } from '../http/route.ts';
import { json, mustCaller } from '../http/route.ts';
import { authorize, SIGN_IN_PATH, signInForm } from './authorize.ts';
import { authorizeRateSubject, revokeRateSubject, tokenRateSubject } from './rate-subject.ts';
import { revoke } from './revoke.ts';
import { token } from './token.ts';
import type { TokenStore } from './tokens.ts';

export function addOAuthRoutes(router: AppRouter, core: Core, tokens: TokenStore, wsUri: () => string): void {
  const oauth = { kind: 'oauth' as const, group: 'Auth' as const, style: 'oauth' as const };
  const authorizeRoute = {
    ...oauth,
    rateSubject: (ctx: RequestCtx) => authorizeRateSubject(core, ctx),
    handler: (ctx: RequestCtx) => authorize(core, tokens, ctx),
  };
  router.add('GET', '/restapi/oauth/authorize', authorizeRoute);
  router.add('POST', '/restapi/oauth/authorize', authorizeRoute);
  // The login UI is not an API operation: no Auth throttling group, like RingCentral's own login pages.
  router.add('GET', SIGN_IN_PATH, { kind: 'oauth', style: 'oauth', handler: (ctx) => signInForm(core, ctx) });
  router.add('POST', '/restapi/oauth/token', {
    ...oauth,
    rateSubject: (ctx) => tokenRateSubject(core, tokens, ctx),
    handler: (ctx) => token(core, tokens, ctx),
  });
  router.add('POST', '/restapi/oauth/revoke', {
    ...oauth,
    rateSubject: (ctx) => revokeRateSubject(core, tokens, ctx),
    handler: (ctx) => revoke(core, tokens, ctx),
  });
  router.add('POST', '/restapi/oauth/wstoken', {
    kind: 'api',
    group: 'Auth',
    style: 'legacy',
    handler: (ctx) => {
      const caller = mustCaller(ctx);
      const minted = tokens.mintWsToken(caller);
      return json(200, { uri: wsUri(), ws_access_token: minted.token, expires_in: minted.expiresIn });
    },
  });
}
