// Which of the agent's numbers are shared numbers of a common resource (docs/emulator.md, Account endpoints): the main and
// company numbers (the main site), and direct numbers of call queues, sites and IVR menus — only those that
// can send SMS. Pure, so the rules are tested without a server.
import type { PhoneNumberInfo } from '../rc/account-schemas';

export interface ResourceCandidate {
  id: string;
  type: string;
  name?: string;
  sharedNumbers: string[];
}

const RESOURCE_TYPES = new Set(['Department', 'Site', 'IvrMenu']);
const COMPANY_USAGE = new Set(['MainCompanyNumber', 'CompanyNumber']);
export const MAIN_SITE_ID = 'main-site';

export function isSmsSender(n: PhoneNumberInfo): boolean {
  return n.features?.includes('SmsSender') ?? false;
}

/** Groups shared SMS numbers by resource. Company numbers belong to the main site: its extension when the
 *  number record names it, else `mainSite`. */
export function sharedNumberResources(
  numbers: PhoneNumberInfo[],
  mainSite: { id: string; name?: string } = { id: MAIN_SITE_ID },
): ResourceCandidate[] {
  const byId = new Map<string, ResourceCandidate>();
  const add = (id: string, type: string, name: string | undefined, number: string) => {
    const r = byId.get(id) ?? { id, type, sharedNumbers: [] };
    r.name ??= name;
    if (!r.sharedNumbers.includes(number)) r.sharedNumbers.push(number);
    byId.set(id, r);
  };
  for (const n of numbers) {
    if (!isSmsSender(n)) continue;
    const ext = n.extension;
    if (n.usageType && COMPANY_USAGE.has(n.usageType)) {
      if (ext?.id && ext.type === 'Site') add(ext.id, 'Site', ext.name ?? mainSite.name, n.phoneNumber);
      else add(mainSite.id, 'Site', mainSite.name ?? ext?.name, n.phoneNumber);
    } else if (n.usageType === 'DirectNumber' && ext?.id && ext.type && RESOURCE_TYPES.has(ext.type)) {
      add(ext.id, ext.type, ext.name, n.phoneNumber);
    }
  }
  return [...byId.values()];
}
