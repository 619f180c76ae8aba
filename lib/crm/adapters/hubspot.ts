// HubSpot CRM: contact tables (one row per contact, name in the first data cell) and record pages whose
// properties carry data-selenium-test hooks.
import { closestAcrossShadow, cleanLabel, firstText, nameInRow } from './markup';
import type { CrmAdapter } from './types';

export const hubspot: CrmAdapter = {
  id: 'hubspot',
  name: 'HubSpot',
  matches: ['https://app.hubspot.com/*', 'https://app-eu1.hubspot.com/*'],
  matchesUrl: (url) => url.protocol === 'https:' && /^app(?:-eu1)?\.hubspot\.com$/.test(url.hostname),
  containers: ['#hs-app-root', 'main', 'body'],
  rowName: (el) => nameInRow(el, 'tr', '[data-test-id="name-cell"] a, td a[href*="/record/0-1/"]'),
  recordName: (doc) => firstText(doc, ['[data-selenium-test="highlightTitle"]', 'h1']),
  fieldLabel: (el) =>
    cleanLabel(
      closestAcrossShadow(el, '[data-selenium-test^="property-input-"]')?.querySelector('label')?.textContent,
    ),
};
