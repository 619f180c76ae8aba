// Which CRM adapter serves a page. Known CRMs are matched by URL; any other site the agent enabled gets
// the generic adapter.
import { demo } from './adapters/demo';
import { dynamics } from './adapters/dynamics';
import { generic } from './adapters/generic';
import { hubspot } from './adapters/hubspot';
import { pipedrive } from './adapters/pipedrive';
import { salesforce } from './adapters/salesforce';
import type { CrmAdapter } from './adapters/types';
import { zoho } from './adapters/zoho';

export type { CrmAdapter, CrmId, KnownCrmId } from './adapters/types';

/** The CRMs the content script is declared for, the local demo CRM last. */
export const KNOWN_ADAPTERS: readonly CrmAdapter[] = [salesforce, hubspot, zoho, pipedrive, dynamics, demo];

function toUrl(url: string | URL): URL | undefined {
  if (url instanceof URL) return url;
  try {
    return new URL(url);
  } catch {
    return undefined;
  }
}

/** The known CRM serving `url`, if any. */
export function knownAdapterFor(url: string | URL): CrmAdapter | undefined {
  const parsed = toUrl(url);
  return parsed && KNOWN_ADAPTERS.find((adapter) => adapter.matchesUrl(parsed));
}

/** Whether `url` belongs to a known CRM (where the manifest already runs the content script). */
export function isKnownCrmUrl(url: string | URL): boolean {
  return knownAdapterFor(url) !== undefined;
}

/** The adapter for a page: its known CRM, else the generic one. */
export function adapterFor(url: string | URL): CrmAdapter {
  return knownAdapterFor(url) ?? generic;
}

/** Match patterns of every known CRM, for the content script's manifest entry. */
export function knownCrmMatches(): string[] {
  return KNOWN_ADAPTERS.flatMap((adapter) => adapter.matches);
}
