// Presence endpoints (docs/emulator.md, "Presence"): one extension's presence (Light), the whole account's
// (Heavy, paged), and the test-control route that changes a user's presence and pushes it.
import { z } from 'zod';
import type { Core } from '../core.ts';
import { findResourceOrIvr, findUser } from '../directory.ts';
import { readJson } from '../http/body.ts';
import { notFound } from '../http/errors.ts';
import { json, mustCaller, type AppRouter, type RequestCtx } from '../http/route.ts';
import { parseWith, queryObject } from '../http/validate.ts';
import type { AccountRec } from '../state.ts';
import { resolveAccount } from '../threads/access.ts';
import { navigation, paginate } from '../threads/paging.ts';
import { Paging } from '../threads/schemas.ts';
import type { PresenceBook } from './book.ts';
import { PresencePatch } from './model.ts';
import { nonUserPresenceView, userPresenceView, type PresenceViewContext } from './views.ts';

const Flag = z.enum(['true', 'false']).optional();
const PresenceQuery = z.object({ detailedTelephonyState: Flag, sipData: Flag });
const AccountPresenceQuery = PresenceQuery.extend(Paging);

export function addPresenceRoutes(router: AppRouter, core: Core, book: PresenceBook): void {
  const context = (ctx: RequestCtx, detailed: string | undefined): PresenceViewContext => ({
    account: resolveAccount(core, mustCaller(ctx), ctx.params.accountId ?? '~'),
    baseUrl: core.baseUrl(),
    detailed: detailed === 'true',
  });

  function presenceOf(view: PresenceViewContext, extensionId: string) {
    const user = findUser(view.account, extensionId);
    const presence = user && book.get(view.account, extensionId);
    if (user && presence) return userPresenceView(view, presence, user.extensionNumber);
    const ivr = view.account.ivrs.find((i) => i.id === extensionId);
    const resource = findResourceOrIvr(view.account, extensionId);
    const number = ivr?.extensionNumber ?? resource?.extensionNumber;
    return number === undefined ? undefined : nonUserPresenceView(view, extensionId, number);
  }

  router.add('GET', '/restapi/v1.0/account/:accountId/extension/:extensionId/presence', {
    kind: 'api',
    group: 'Light',
    style: 'legacy',
    handler(ctx) {
      const q = parseWith(PresenceQuery, queryObject(ctx.url));
      const view = context(ctx, q.detailedTelephonyState);
      const raw = ctx.params.extensionId ?? '~';
      const body = presenceOf(view, raw === '~' ? mustCaller(ctx).extensionId : raw);
      if (!body) throw notFound('extensionId');
      return json(200, body);
    },
  });

  router.add('GET', '/restapi/v1.0/account/:accountId/presence', {
    kind: 'api',
    group: 'Heavy',
    style: 'legacy',
    handler(ctx) {
      const q = parseWith(AccountPresenceQuery, queryObject(ctx.url));
      const view = context(ctx, q.detailedTelephonyState);
      const records = extensionIds(view.account).flatMap((id) => presenceOf(view, id) ?? []);
      const uri = `${core.baseUrl()}/restapi/v1.0/account/${view.account.id}/presence`;
      const page = paginate(records, q.page, q.perPage);
      return json(200, {
        uri,
        records: page.records,
        paging: page.paging,
        navigation: navigation(uri, q.page, q.perPage, page.paging.totalPages),
      });
    },
  });

  router.add('POST', '/__emulator/presence', {
    kind: 'control',
    style: 'legacy',
    async handler(ctx) {
      const patch = parseWith(PresencePatch, await readJson(ctx.req));
      const change = book.set(patch);
      if (!change) throw notFound('extensionId');
      const account = core.world().account(change.accountId);
      const user = account && findUser(account, patch.extensionId);
      if (!account || !user) throw notFound('extensionId');
      const view = { account, baseUrl: core.baseUrl(), detailed: false };
      return json(200, userPresenceView(view, change.presence, user.extensionNumber));
    },
  });
}

/** Users first, then queues, sites and IVR menus, as in the extension list. */
function extensionIds(account: AccountRec): string[] {
  return [
    ...account.users.map((u) => u.id),
    ...account.resources.map((r) => r.id),
    ...account.ivrs.map((i) => i.id),
  ];
}
