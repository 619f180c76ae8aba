// Pipedrive: person and organisation views list phones as labelled field values; the person's name is
// the page's heading.
import { closestAcrossShadow, cleanLabel, firstText, nameInRow } from './markup';
import type { CrmAdapter } from './types';

export const pipedrive: CrmAdapter = {
  id: 'pipedrive',
  name: 'Pipedrive',
  matches: ['https://*.pipedrive.com/*'],
  matchesUrl: (url) => url.protocol === 'https:' && /(?:^|\.)pipedrive\.com$/.test(url.hostname),
  containers: ['#application', 'main', 'body'],
  rowName: (el) =>
    nameInRow(el, '[data-test="person-row"], tr', '[data-test="person-name"], a[href*="/person/"]'),
  recordName: (doc) => firstText(doc, ['[data-test="person-name-heading"]', 'h1']),
  fieldLabel: (el) =>
    cleanLabel(
      closestAcrossShadow(el, '[data-test="field"]')?.querySelector('[data-test="field-label"]')?.textContent,
    ),
};
