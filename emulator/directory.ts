// Who is who in an account: users, common resources, IVR menus, phone numbers, and who handles what.
// Pure lookups over the account records; nothing here mutates.
import type { AccountRec, PhoneNumberRec, ResourceRec, UserRec } from './state.ts';

export const fullName = (user: Pick<UserRec, 'firstName' | 'lastName'>): string =>
  `${user.firstName} ${user.lastName}`;

export function findUser(account: AccountRec, extensionId: string): UserRec | undefined {
  return account.users.find((u) => u.id === extensionId);
}

export function findResource(account: AccountRec, extensionId: string): ResourceRec | undefined {
  return account.resources.find((r) => r.id === extensionId);
}

/** A resource by its own id or by the id of an IVR menu that belongs to it. */
export function findResourceOrIvr(account: AccountRec, extensionId: string): ResourceRec | undefined {
  const ivr = account.ivrs.find((i) => i.id === extensionId);
  return findResource(account, ivr ? ivr.siteResourceId : extensionId);
}

export function sharedNumber(account: AccountRec, phoneNumber: string): PhoneNumberRec | undefined {
  return account.phoneNumbers.find((n) => n.phoneNumber === phoneNumber && n.resourceId !== undefined);
}

export function isHandler(resource: ResourceRec, extensionId: string): boolean {
  return resource.recipients.some((r) => r.extensionId === extensionId);
}

export function isAssignable(resource: ResourceRec, extensionId: string): boolean {
  return resource.recipients.some((r) => r.extensionId === extensionId && r.assignable);
}

export function handledResources(account: AccountRec, extensionId: string): ResourceRec[] {
  return account.resources.filter((r) => isHandler(r, extensionId));
}

export function handlerIds(resource: ResourceRec): string[] {
  return resource.recipients.map((r) => r.extensionId);
}

/** Shared numbers of a resource (its own direct/company numbers and those of its IVR menus). */
export function numbersOfResource(account: AccountRec, resourceId: string): PhoneNumberRec[] {
  return account.phoneNumbers.filter((n) => n.resourceId === resourceId);
}

/** Username is an email (any case) or an extension number. */
export function findUserByLogin(
  accounts: AccountRec[],
  username: string,
): { account: AccountRec; user: UserRec } | undefined {
  const wanted = username.trim().toLowerCase();
  for (const account of accounts) {
    const user = account.users.find((u) => u.email.toLowerCase() === wanted || u.extensionNumber === wanted);
    if (user) return { account, user };
  }
  return undefined;
}

export function findUserAnywhere(
  accounts: AccountRec[],
  extensionId: string,
): { account: AccountRec; user: UserRec } | undefined {
  for (const account of accounts) {
    const user = findUser(account, extensionId);
    if (user) return { account, user };
  }
  return undefined;
}

export function resourceExtensionType(resource: ResourceRec): 'Department' | 'Site' {
  return resource.kind === 'CallQueue' ? 'Department' : 'Site';
}
