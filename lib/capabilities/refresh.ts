// What the signed-in agent can do with thread messaging: is the feature on, which common resources they
// handle SMS for, with their shared numbers and fellow handlers. Written to the `capabilities` item.
import type { NamedRecord } from '../rc/account-schemas';
import {
  listCallQueues,
  listExtensions,
  listMyPhoneNumbers,
  listSites,
  listSmsQueueGrants,
  listSmsRecipients,
  readExtension,
  readMe,
  readMessageThreadsFeature,
} from '../rc/api';
import type { RcClient } from '../rc/client';
import { capabilities, type Capabilities, type Resource } from '../storage';
import { FULL_REFRESH_MS, MEMBERSHIP_CHECK_MINUTES, NO_GRANTS_REFRESH_MS, queuesDiffer } from './membership';
import { isSmsSender, MAIN_SITE_ID, sharedNumberResources, type ResourceCandidate } from './shared-numbers';

type Rc = Pick<RcClient, 'request'>;

export async function fetchCapabilities(rc: Rc, now = Date.now()): Promise<Capabilities> {
  const me = await readMe(rc);
  const meUser = {
    extensionId: me.id,
    name: me.name ?? [me.contact?.firstName, me.contact?.lastName].filter(Boolean).join(' '),
    ...(me.type ? { extensionType: me.type } : {}),
  };
  const feature = await readMessageThreadsFeature(rc);
  if (!feature?.available) {
    return {
      me: meUser,
      feature: {
        available: false,
        reason: {
          code: feature?.reason?.code ?? 'FeatureUnavailable',
          message: feature?.reason?.message ?? 'Thread messaging is not available for this account.',
        },
      },
      resources: [],
      fetchedAt: now,
    };
  }
  const numbers = (await listMyPhoneNumbers(rc)).records;
  const needsMainSite = numbers.some(
    (n) =>
      isSmsSender(n) &&
      (n.usageType === 'MainCompanyNumber' || n.usageType === 'CompanyNumber') &&
      !(n.extension?.id && n.extension.type === 'Site'),
  );
  const mainSite = needsMainSite ? await findMainSite(rc) : undefined;
  const candidates = await mergeIvrIntoSites(
    rc,
    await nameResources(rc, sharedNumberResources(numbers, mainSite)),
  );
  const resources: Resource[] = [];
  for (const c of candidates) {
    const recipients = await listSmsRecipients(rc, c.id);
    if (!recipients.some((r) => r.id === me.id)) continue;
    resources.push({
      id: c.id,
      name: c.name ?? c.sharedNumbers[0]!,
      type: c.type,
      sharedNumbers: c.sharedNumbers,
      handlers: recipients
        .filter((r) => r.id)
        .map((r) => ({
          id: r.id!,
          name: r.name ?? r.extensionNumber ?? r.id!,
          assignable: r.assignable ?? false,
        })),
    });
  }
  return { me: meUser, feature: { available: true }, resources, fetchedAt: now };
}

/** The main site is the company's own extension; sub-sites come from /sites (docs/emulator.md, Account endpoints). */
async function findMainSite(rc: Rc): Promise<{ id: string; name?: string }> {
  const companies = await listExtensions(rc, 'Site').catch(() => [] as NamedRecord[]);
  const subSites = new Set((await listSites(rc).catch(() => [] as NamedRecord[])).map((s) => s.id));
  const main = companies.find((c) => !subSites.has(c.id));
  return main ? { id: main.id, name: main.name } : { id: MAIN_SITE_ID };
}

/** Fills in names the number records lacked, from the call-queue and site lists. */
async function nameResources(rc: Rc, candidates: ResourceCandidate[]): Promise<ResourceCandidate[]> {
  const missing = candidates.filter((c) => !c.name);
  if (missing.length === 0) return candidates;
  const names = new Map<string, string>();
  const add = (records: NamedRecord[]) => records.forEach((r) => r.name && names.set(r.id, r.name));
  if (missing.some((c) => c.type === 'Department')) add(await listCallQueues(rc));
  if (missing.some((c) => c.type === 'Site')) add(await listSites(rc));
  if (missing.some((c) => c.type === 'IvrMenu')) add(await listExtensions(rc, 'IvrMenu'));
  return candidates.map((c) => (c.name ? c : { ...c, name: names.get(c.id) }));
}

/** An IVR menu's number counts as its site's shared number (docs/emulator.md, Thread rules), and the site owns its threads:
 *  move it to the site's resource, found through the IVR extension's `site` (a site's id is its extension id,
 *  except the main site's, `main-site`). */
async function mergeIvrIntoSites(rc: Rc, candidates: ResourceCandidate[]): Promise<ResourceCandidate[]> {
  if (!candidates.some((c) => c.type === 'IvrMenu')) return candidates;
  const siteOf = new Map<string, { id: string; name?: string }>();
  for (const c of candidates) {
    if (c.type === 'Department') continue;
    const ext = await readExtension(rc, c.id).catch(() => undefined);
    if (ext?.site?.id) siteOf.set(c.id, ext.site);
  }
  const out = candidates.filter((c) => c.type !== 'IvrMenu');
  for (const ivr of candidates.filter((c) => c.type === 'IvrMenu')) {
    const site = siteOf.get(ivr.id);
    const home =
      site && out.find((c) => c.type === 'Site' && (siteOf.get(c.id)?.id === site.id || c.id === site.id));
    if (home) home.sharedNumbers.push(...ivr.sharedNumbers);
    else if (site && site.id !== MAIN_SITE_ID) {
      out.push({ id: site.id, type: 'Site', name: site.name ?? ivr.name, sharedNumbers: ivr.sharedNumbers });
    } else out.push(ivr);
  }
  return out;
}

/** Fetches and publishes; on failure the previous value stays. */
export async function refreshCapabilities(rc: Rc): Promise<Capabilities> {
  const caps = await fetchCapabilities(rc);
  await capabilities.setValue(caps);
  return caps;
}

/**
 * The periodic check: a full read when the last one is older than an hour or the grants say the agent's call
 * queues changed, otherwise nothing more. One Light request per check; site membership (not in the grants)
 * follows within the hour, and the grant push event triggers a full read at once.
 */
export async function checkCapabilities(rc: Rc, now = Date.now()): Promise<Capabilities> {
  const current = await capabilities.getValue();
  if (!current?.feature.available || now - current.fetchedAt >= FULL_REFRESH_MS)
    return refreshCapabilities(rc);
  const queues = await listSmsQueueGrants(rc).catch(() => undefined);
  if (queues === undefined) {
    // A server without the grants list: a full read every few checks instead.
    return now - current.fetchedAt >= NO_GRANTS_REFRESH_MS ? refreshCapabilities(rc) : current;
  }
  return queuesDiffer(current, queues) ? refreshCapabilities(rc) : current;
}

export const CAPABILITIES_ALARM = 'capabilities-refresh';
export const CAPABILITIES_PERIOD_MINUTES = MEMBERSHIP_CHECK_MINUTES;
