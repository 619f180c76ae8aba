// Content-script registration for the sites an agent enabled beyond the known CRMs. The background calls
// browser.scripting.registerContentScripts / updateContentScripts with what this computes once the host
// permission is granted; the known CRMs are covered by the manifest and left out.
import { z } from 'zod';
import { isKnownCrmUrl } from './index';

/** Id of the one registration that covers every custom site. */
export const CUSTOM_CRM_SCRIPT_ID = 'threaddesk-crm-custom';
/** Where WXT writes the crm content script (entrypoints/crm.content). */
export const CRM_SCRIPT_FILE = 'content-scripts/crm.js';

/** An origin as the options page stores it: https, or http for this machine only. */
const SiteOrigin = z
  .string()
  .url()
  .transform((value) => new URL(value))
  .refine(
    (url) =>
      url.protocol === 'https:' ||
      (url.protocol === 'http:' && (url.hostname === 'localhost' || url.hostname === '127.0.0.1')),
    'only https sites (or http on this machine)',
  )
  .refine((url) => !url.hostname.includes('*'), 'no wildcards');

export interface CustomScriptRegistration {
  id: string;
  matches: string[];
  js: string[];
  runAt: 'document_idle';
  allFrames: false;
  persistAcrossSessions: true;
}

/** The match pattern of a site origin; match patterns ignore ports. */
export function originMatchPattern(origin: string): string | undefined {
  const parsed = SiteOrigin.safeParse(origin);
  return parsed.success ? `${parsed.data.protocol}//${parsed.data.hostname}/*` : undefined;
}

/**
 * The registration for the agent's custom sites, or undefined when none needs one (then the background
 * unregisters CUSTOM_CRM_SCRIPT_ID). Invalid origins and known CRMs are left out.
 */
export function customCrmRegistration(origins: readonly string[]): CustomScriptRegistration | undefined {
  const matches = [
    ...new Set(
      origins
        .filter((origin) => !isKnownCrmUrl(`${origin}/`))
        .flatMap((origin) => originMatchPattern(origin) ?? []),
    ),
  ];
  if (matches.length === 0) return undefined;
  return {
    id: CUSTOM_CRM_SCRIPT_ID,
    matches,
    js: [CRM_SCRIPT_FILE],
    runAt: 'document_idle',
    allFrames: false,
    persistAcrossSessions: true,
  };
}
