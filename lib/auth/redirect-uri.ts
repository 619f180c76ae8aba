// Its own module so the options page can show the redirect URI without bundling session.ts (and the SDK).
import { browser } from 'wxt/browser';

/** The redirect URI to register in the RingCentral app (shown on the options page). */
export function getRedirectUri(): string {
  return browser.identity.getRedirectURL();
}
