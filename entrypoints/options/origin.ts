// Validating a custom CRM site the agent types: an https origin (http only for this machine).
export type OriginResult = { ok: true; origin: string } | { ok: false };

export function parseSiteOrigin(input: string): OriginResult {
  const text = input.trim();
  if (!text) return { ok: false };
  let url: URL;
  try {
    url = new URL(/^[a-z][a-z0-9+.-]*:\/\//i.test(text) ? text : `https://${text}`);
  } catch {
    return { ok: false };
  }
  const local = url.hostname === 'localhost' || url.hostname === '127.0.0.1';
  if (url.protocol !== 'https:' && !(url.protocol === 'http:' && local)) return { ok: false };
  if (!url.hostname.includes('.') && !local) return { ok: false };
  return { ok: true, origin: url.origin };
}

/** The match pattern a site's permission is requested for. */
export const originPattern = (origin: string) => `${origin}/*`;

/** A server URL as typed in the options: https, or http for a local emulator. */
export function parseServerUrl(input: string): string | undefined {
  const site = parseSiteOrigin(input);
  return site.ok ? site.origin : undefined;
}
