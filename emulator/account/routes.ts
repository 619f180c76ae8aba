// Account endpoints around thread messaging (docs/emulator.md "Account endpoints"), legacy error style (top-level errorCode/message).
import { z } from 'zod';
import type { Core } from '../core.ts';
import { findResource, findResourceOrIvr, findUser, handledResources, isHandler } from '../directory.ts';
import { readJson } from '../http/body.ts';
import { badParam, forbidden, notFound } from '../http/errors.ts';
import {
  json,
  mustCaller,
  noContent,
  type AppRouter,
  type Reply,
  type RequestCtx,
  type ThrottleGroup,
} from '../http/route.ts';
import type { HttpMethod } from '../http/router.ts';
import { parseWith, queryObject } from '../http/validate.ts';
import { resolveAccount } from '../threads/access.ts';
import { grantRecords, notifyGrantChange, setRecipients } from './grants.ts';
import { navigation, paginate } from '../threads/paging.ts';
import { Paging } from '../threads/schemas.ts';
import {
  callQueueView,
  featureRecords,
  ivrExtensionView,
  phoneNumberView,
  resourceExtensionView,
  siteView,
  smsRecipientsView,
  userExtensionView,
  type AccountViewContext,
} from './views.ts';

const ACCOUNT = '/restapi/v1.0/account/:accountId';

const PagingQuery = z.object(Paging);
const FeaturesQuery = z.object({
  featureId: z.array(z.string()).optional(),
  availableOnly: z.enum(['true', 'false']).optional(),
});
const PhoneNumberQuery = z.object({
  usageType: z.array(z.string()).optional(),
  status: z.string().optional(),
  ...Paging,
});
const ExtensionListQuery = z.object({ type: z.array(z.string()).optional(), ...Paging });
const GrantQuery = z.object({ extensionType: z.array(z.string()).optional(), ...Paging });
const CallQueueQuery = z.object({ memberExtensionId: z.string().optional(), ...Paging });
const BulkAssignBody = z
  .object({
    addedExtensionIds: z.array(z.string().min(1)).max(50).optional(),
    removedExtensionIds: z.array(z.string().min(1)).max(50).optional(),
  })
  .refine((b) => (b.addedExtensionIds?.length ?? 0) + (b.removedExtensionIds?.length ?? 0) > 0, {
    message: 'addedExtensionIds or removedExtensionIds must not be empty',
    path: ['addedExtensionIds'],
  });

function listReply<T>(uri: string, items: T[], q: { page: number; perPage: number }): Reply {
  const { records, paging } = paginate(items, q.page, q.perPage);
  return json(200, {
    uri,
    records,
    paging,
    navigation: navigation(uri, q.page, q.perPage, paging.totalPages),
  });
}

export function addAccountRoutes(router: AppRouter, core: Core): void {
  const add = (
    method: HttpMethod,
    path: string,
    group: ThrottleGroup,
    handler: (ctx: RequestCtx) => Reply | Promise<Reply>,
  ) => router.add(method, `${ACCOUNT}${path}`, { kind: 'api', group, style: 'legacy', handler });
  const viewOf = (ctx: RequestCtx): AccountViewContext => ({
    account: resolveAccount(core, mustCaller(ctx), ctx.params.accountId ?? '~'),
    baseUrl: core.baseUrl(),
  });
  const extensionIdOf = (ctx: RequestCtx) => {
    const raw = ctx.params.extensionId ?? '~';
    return raw === '~' ? mustCaller(ctx).extensionId : raw;
  };
  /** Personal data (features, phone numbers) of another extension needs admin rights nobody has here. */
  const selfOnly = (ctx: RequestCtx, view: AccountViewContext) => {
    const id = extensionIdOf(ctx);
    if (!findUser(view.account, id) && !findResourceOrIvr(view.account, id)) throw notFound('extensionId');
    if (id !== mustCaller(ctx).extensionId) {
      throw forbidden(
        'In order to call this API endpoint, user needs to have [ReadExtensions] permission for requested resource.',
      );
    }
    return id;
  };

  add('GET', '/extension', 'Light', (ctx) => {
    const view = viewOf(ctx);
    const q = parseWith(ExtensionListQuery, queryObject(ctx.url, ['type']));
    const types = new Set(q.type ?? []);
    const wanted = (type: string) => types.size === 0 || types.has(type);
    const { account } = view;
    const items = [
      ...account.users.filter(() => wanted('User')).map((u) => userExtensionView(view, u)),
      ...account.resources
        .filter((r) =>
          r.kind === 'CallQueue'
            ? wanted('Department')
            : wanted('Site') || (r.kind === 'MainSite' && types.has('CompanyExtension')),
        )
        .map((r) => resourceExtensionView(view, r)),
      ...account.ivrs.filter(() => wanted('IvrMenu')).map((i) => ivrExtensionView(view, i)),
    ];
    return listReply(`${core.baseUrl()}/restapi/v1.0/account/${account.id}/extension`, items, q);
  });

  add('GET', '/extension/:extensionId', 'Light', (ctx) => {
    const view = viewOf(ctx);
    const id = extensionIdOf(ctx);
    const user = findUser(view.account, id);
    if (user) return json(200, userExtensionView(view, user));
    const resource = findResource(view.account, id);
    if (resource) return json(200, resourceExtensionView(view, resource));
    const ivr = view.account.ivrs.find((i) => i.id === id);
    if (ivr) return json(200, ivrExtensionView(view, ivr));
    throw notFound('extensionId');
  });

  add('GET', '/extension/:extensionId/features', 'Medium', (ctx) => {
    const view = viewOf(ctx);
    selfOnly(ctx, view);
    const q = parseWith(FeaturesQuery, queryObject(ctx.url, ['featureId']));
    const records = featureRecords(view.account).filter(
      (f) =>
        (!q.featureId?.length || q.featureId.includes(f.id)) && (q.availableOnly !== 'true' || f.available),
    );
    return json(200, { records });
  });

  add('GET', '/extension/:extensionId/phone-number', 'Light', (ctx) => {
    const view = viewOf(ctx);
    const id = selfOnly(ctx, view);
    const q = parseWith(PhoneNumberQuery, queryObject(ctx.url, ['usageType']));
    const handled = new Set(handledResources(view.account, id).map((r) => r.id));
    const numbers = view.account.phoneNumbers.filter(
      (n) =>
        (n.extensionId === id || (n.resourceId !== undefined && handled.has(n.resourceId))) &&
        (!q.usageType?.length || q.usageType.includes(n.usageType)) &&
        (!q.status || q.status === 'Normal'),
    );
    return listReply(
      `${core.baseUrl()}/restapi/v1.0/account/${view.account.id}/extension/${id}/phone-number`,
      numbers.map((n) => phoneNumberView(view, n)),
      q,
    );
  });

  add('GET', '/extension/:extensionId/sms-recipients', 'Light', (ctx) => {
    const view = viewOf(ctx);
    const resource = findResourceOrIvr(view.account, extensionIdOf(ctx));
    if (!resource) throw notFound('extensionId');
    return json(200, smsRecipientsView(view.account, resource));
  });

  add('POST', '/extension/:extensionId/sms-recipients/bulk-assign', 'Medium', async (ctx) => {
    const view = viewOf(ctx);
    const resource = findResourceOrIvr(view.account, extensionIdOf(ctx));
    if (!resource) throw notFound('extensionId');
    const body = parseWith(BulkAssignBody, await readJson(ctx.req));
    const added = body.addedExtensionIds ?? [];
    const removed = body.removedExtensionIds ?? [];
    for (const [name, ids] of [
      ['addedExtensionIds', added],
      ['removedExtensionIds', removed],
    ] as const) {
      const unknown = ids.find((id) => !findUser(view.account, id));
      if (unknown) throw badParam(name, `Extension [${unknown}] is not a user of this account.`);
    }
    const both = added.find((id) => removed.includes(id));
    if (both) throw badParam('removedExtensionIds', `Extension [${both}] is both added and removed.`);
    const changed = [
      ...removed.filter((id) => isHandler(resource, id)),
      ...added.filter((id) => !isHandler(resource, id)),
    ];
    setRecipients(resource, added, removed);
    core.markDirty();
    notifyGrantChange(core, view.account, changed);
    return noContent();
  });

  add('GET', '/extension/:extensionId/grant', 'Light', (ctx) => {
    const view = viewOf(ctx);
    const id = selfOnly(ctx, view);
    const q = parseWith(GrantQuery, queryObject(ctx.url, ['extensionType']));
    const types = new Set(q.extensionType ?? []);
    const records = grantRecords(view, id).filter((g) => types.size === 0 || types.has(g.extension.type));
    return listReply(
      `${core.baseUrl()}/restapi/v1.0/account/${view.account.id}/extension/${id}/grant`,
      records,
      q,
    );
  });

  add('GET', '/call-queues', 'Medium', (ctx) => {
    const view = viewOf(ctx);
    const q = parseWith(CallQueueQuery, queryObject(ctx.url));
    const queues = view.account.resources.filter(
      (r) => r.kind === 'CallQueue' && (!q.memberExtensionId || isHandler(r, q.memberExtensionId)),
    );
    return listReply(
      `${core.baseUrl()}/restapi/v1.0/account/${view.account.id}/call-queues`,
      queues.map((r) => callQueueView(view, r)),
      q,
    );
  });

  add('GET', '/sites', 'Light', (ctx) => {
    const view = viewOf(ctx);
    const q = parseWith(PagingQuery, queryObject(ctx.url));
    // listSites answers sub-sites only; the main site is reached through the company extension (docs/emulator.md "Account endpoints").
    const sites = view.account.resources.filter((r) => r.kind === 'Site');
    return listReply(
      `${core.baseUrl()}/restapi/v1.0/account/${view.account.id}/sites`,
      sites.map((r) => siteView(view, r)),
      q,
    );
  });
}
