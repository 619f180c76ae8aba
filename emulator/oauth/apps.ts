// The two registered apps: a public one (PKCE, browser extensions) and a private one (client secret, JWT).
import type { AppsRec } from '../state.ts';

export type AppKind = 'public' | 'private';

export interface App {
  clientId: string;
  kind: AppKind;
  secret?: string;
}

export function findApp(apps: AppsRec, clientId: string | null | undefined): App | undefined {
  if (!clientId) return undefined;
  if (clientId === apps.publicClientId) return { clientId, kind: 'public' };
  if (clientId === apps.privateClientId)
    return { clientId, kind: 'private', secret: apps.privateClientSecret };
  return undefined;
}

/**
 * Registered redirect URIs. Browser extensions receive the redirect on `https://<id>.chromiumapp.org/…`
 * (Chrome: 32 letters a–p) or `https://<id>.extensions.allizom.org/…` (Firefox); tests use loopback pages.
 */
const REGISTERED_REDIRECTS: RegExp[] = [
  /^https:\/\/[a-p]{32}\.chromiumapp\.org\/[^?#\s]*$/,
  /^https:\/\/[a-z0-9-]{1,64}\.extensions\.allizom\.org\/[^?#\s]*$/,
  /^http:\/\/(127\.0\.0\.1|localhost)(:\d{1,5})?\/[^#\s]*$/,
];

export function isRegisteredRedirect(uri: string): boolean {
  return REGISTERED_REDIRECTS.some((pattern) => pattern.test(uri));
}
