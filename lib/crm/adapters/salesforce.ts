// Salesforce Lightning Experience (and Classic's my.salesforce.com). Record fields are web components
// (records-record-layout-item, lightning-formatted-phone) whose phones render inside shadow roots.
import { closestAcrossShadow, cleanLabel, firstText, nameInRow } from './markup';
import type { CrmAdapter } from './types';

export const salesforce: CrmAdapter = {
  id: 'salesforce',
  name: 'Salesforce',
  matches: ['https://*.lightning.force.com/*', 'https://*.my.salesforce.com/*'],
  matchesUrl: (url) =>
    url.protocol === 'https:' && /\.(?:lightning\.force|my\.salesforce)\.com$/.test(url.hostname),
  containers: ['div.desktop.container', 'one-app-nav-bar + div', 'body'],
  // List views: the record name is the row header cell.
  rowName: (el) => nameInRow(el, 'tr', 'th[scope="row"] a, th[scope="row"]'),
  recordName: (doc) =>
    firstText(doc, [
      'records-highlights2 h1 lightning-formatted-name',
      'records-highlights2 h1',
      '.slds-page-header__title',
    ]),
  fieldLabel: (el) =>
    cleanLabel(closestAcrossShadow(el, 'records-record-layout-item')?.getAttribute('field-label')) ??
    cleanLabel(
      closestAcrossShadow(el, '.slds-form-element')?.querySelector('.slds-form-element__label')?.textContent,
    ),
};
