// Account records → RingCentral JSON (docs/emulator.md "Account endpoints"): extension info, phone numbers, SMS recipients, call queues,
// sites, features. Ids the spec types as int64 are numbers here, as in RingCentral's answers.
import { findResource, findUser, fullName, resourceExtensionType } from '../directory.ts';
import type { AccountRec, IvrRec, PhoneNumberRec, ResourceRec, UserRec } from '../state.ts';

export interface AccountViewContext {
  account: AccountRec;
  baseUrl: string;
}

const accountUri = (ctx: AccountViewContext) => `${ctx.baseUrl}/restapi/v1.0/account/${ctx.account.id}`;
export const extensionUri = (ctx: AccountViewContext, id: string) => `${accountUri(ctx)}/extension/${id}`;

function siteRef(ctx: AccountViewContext, siteId: string) {
  const site = ctx.account.resources.find((r) => r.siteId === siteId && r.kind !== 'CallQueue');
  return { id: siteId, name: site?.name ?? ctx.account.companyName };
}

export function userExtensionView(ctx: AccountViewContext, user: UserRec) {
  return {
    id: Number(user.id),
    uri: extensionUri(ctx, user.id),
    extensionNumber: user.extensionNumber,
    name: fullName(user),
    type: 'User',
    status: 'Enabled',
    contact: {
      firstName: user.firstName,
      lastName: user.lastName,
      email: user.email,
      company: ctx.account.companyName,
    },
    account: { id: ctx.account.id, uri: accountUri(ctx) },
    site: siteRef(ctx, user.siteId),
    permissions: { admin: { enabled: false }, internationalCalling: { enabled: false } },
  };
}

export function resourceExtensionView(ctx: AccountViewContext, resource: ResourceRec) {
  return {
    id: Number(resource.id),
    uri: extensionUri(ctx, resource.id),
    extensionNumber: resource.extensionNumber,
    name: resource.name,
    type: resourceExtensionType(resource),
    status: 'Enabled',
    contact: { firstName: resource.name, email: `${resource.extensionNumber}@${ctx.account.id}.example` },
    account: { id: ctx.account.id, uri: accountUri(ctx) },
    site: siteRef(ctx, resource.siteId),
  };
}

export function ivrExtensionView(ctx: AccountViewContext, ivr: IvrRec) {
  const site = findResource(ctx.account, ivr.siteResourceId);
  return {
    id: Number(ivr.id),
    uri: extensionUri(ctx, ivr.id),
    extensionNumber: ivr.extensionNumber,
    name: ivr.name,
    type: 'IvrMenu',
    status: 'Enabled',
    account: { id: ctx.account.id, uri: accountUri(ctx) },
    ...(site ? { site: siteRef(ctx, site.siteId) } : {}),
  };
}

function numberOwnerName(
  ctx: AccountViewContext,
  number: PhoneNumberRec,
): { name?: string; extensionNumber?: string } {
  const user = findUser(ctx.account, number.extensionId);
  if (user) return { name: fullName(user), extensionNumber: user.extensionNumber };
  const resource = findResource(ctx.account, number.extensionId);
  if (resource) return { name: resource.name, extensionNumber: resource.extensionNumber };
  const ivr = ctx.account.ivrs.find((i) => i.id === number.extensionId);
  return ivr ? { name: ivr.name, extensionNumber: ivr.extensionNumber } : {};
}

export function phoneNumberView(ctx: AccountViewContext, number: PhoneNumberRec) {
  const uk = number.phoneNumber.startsWith('+44');
  return {
    uri: `${accountUri(ctx)}/phone-number/${number.id}`,
    id: number.id,
    country: uk
      ? { id: '224', uri: `${ctx.baseUrl}/restapi/v1.0/dictionary/country/224`, name: 'United Kingdom' }
      : { id: '1', uri: `${ctx.baseUrl}/restapi/v1.0/dictionary/country/1`, name: 'United States' },
    extension: {
      id: Number(number.extensionId),
      uri: extensionUri(ctx, number.extensionId),
      type: number.extensionType,
      ...numberOwnerName(ctx, number),
    },
    ...(number.label ? { label: number.label } : {}),
    paymentType: 'Local',
    phoneNumber: number.phoneNumber,
    primary: number.usageType === 'MainCompanyNumber',
    status: 'Normal',
    type: 'VoiceFax',
    usageType: number.usageType,
    features: number.features,
  };
}

export function smsRecipientsView(account: AccountRec, resource: ResourceRec) {
  return {
    smsRecipients: resource.recipients.map((r) => {
      const user = findUser(account, r.extensionId);
      return {
        id: r.extensionId,
        extensionNumber: user?.extensionNumber ?? '',
        extensionType: 'User' as const,
        name: user ? fullName(user) : r.extensionId,
        assignable: r.assignable,
        hasLicense: r.hasLicense,
      };
    }),
  };
}

export function callQueueView(ctx: AccountViewContext, resource: ResourceRec) {
  return {
    uri: extensionUri(ctx, resource.id),
    id: resource.id,
    extensionNumber: resource.extensionNumber,
    name: resource.name,
    status: 'Enabled',
    site: siteRef(ctx, resource.siteId),
  };
}

export function siteView(ctx: AccountViewContext, resource: ResourceRec) {
  return {
    id: resource.siteId,
    uri: `${accountUri(ctx)}/sites/${resource.siteId}`,
    name: resource.name,
    extensionNumber: resource.extensionNumber,
    callerIdName: resource.name.slice(0, 15),
    email: `site-${resource.extensionNumber}@${ctx.account.id}.example`,
    code: resource.extensionNumber,
  };
}

const MESSAGE_THREADS_ON = {
  id: 'MessageThreads',
  available: true,
  params: [
    { name: 'callQueueSupported', value: 'true' },
    { name: 'siteSupported', value: 'true' },
  ],
};

const MESSAGE_THREADS_OFF = {
  id: 'MessageThreads',
  available: false,
  reason: {
    code: 'ServicePlanLimitation',
    message: 'The feature is unavailable for the current service plan',
  },
};

export function featureRecords(account: AccountRec) {
  return [account.messageThreads ? MESSAGE_THREADS_ON : MESSAGE_THREADS_OFF, { id: 'SMS', available: true }];
}
