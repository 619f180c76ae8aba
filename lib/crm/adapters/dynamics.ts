// Microsoft Dynamics 365 (model-driven apps): forms show stored values in read-only inputs labelled by
// aria-label; grids are ARIA grids; the record's name is the form header title.
import { cleanLabel, firstText, nameInRow } from './markup';
import type { CrmAdapter } from './types';

/** The regional hosts: crm.dynamics.com (North America), crm2…crm21.dynamics.com elsewhere. */
const HOST = /^[a-z0-9-]+\.crm(?:\d{1,2})?\.dynamics\.com$/;
const REGIONS = [
  '',
  '2',
  '3',
  '4',
  '5',
  '6',
  '7',
  '8',
  '9',
  '11',
  '12',
  '14',
  '15',
  '16',
  '17',
  '19',
  '20',
  '21',
];

export const dynamics: CrmAdapter = {
  id: 'dynamics',
  name: 'Microsoft Dynamics 365',
  matches: REGIONS.map((n) => `https://*.crm${n}.dynamics.com/*`),
  matchesUrl: (url) => url.protocol === 'https:' && HOST.test(url.hostname),
  containers: ['#mainContent', '[data-id="form-container"]', 'body'],
  rowName: (el) => nameInRow(el, '[role="row"]', '[col-id="fullname"] a, [col-id="fullname"]'),
  recordName: (doc) => firstText(doc, ['h1[data-id="header_title"]', '[data-id="header_title"]']),
  fieldLabel: (el) => cleanLabel(el.getAttribute('aria-label')),
};
