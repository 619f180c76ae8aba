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

/**
 * Whether this build talks to the local emulator (`npm start` and the tests build with WXT_RC_SERVER on
 * loopback). Only such builds know the demo CRM pages the emulator serves: a production manifest matches CRM
 * hosts only, never localhost.
 */
export function isEmulatorBuild(server: string | undefined = import.meta.env.WXT_RC_SERVER): boolean {
  try {
    return ['127.0.0.1', 'localhost', '[::1]'].includes(new URL(server ?? '').hostname);
  } catch {
    return false;
  }
}

/** The CRMs the content script is declared for, with the local demo CRM last in emulator builds. */
export function knownAdapters(emulatorBuild = isEmulatorBuild()): readonly CrmAdapter[] {
  const crms = [salesforce, hubspot, zoho, pipedrive, dynamics];
  return emulatorBuild ? [...crms, demo] : crms;
}

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
  return parsed && knownAdapters().find((adapter) => adapter.matchesUrl(parsed));
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
export function knownCrmMatches(emulatorBuild = isEmulatorBuild()): string[] {
  return knownAdapters(emulatorBuild).flatMap((adapter) => adapter.matches);
}
