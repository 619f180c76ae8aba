// Zoho CRM, in each of its data centres. List rows carry 19-digit record ids, which the detector must not
// take for phones; the name is the row's link to the record.
import { closestAcrossShadow, cleanLabel, firstText, nameInRow } from './markup';
import type { CrmAdapter } from './types';

const HOSTS = [
  'crm.zoho.com',
  'crm.zoho.eu',
  'crm.zoho.in',
  'crm.zoho.com.au',
  'crm.zoho.jp',
  'crm.zoho.com.cn',
  'crm.zoho.sa',
  'crm.zoho.uk',
  'crm.zohocloud.ca',
];

export const zoho: CrmAdapter = {
  id: 'zoho',
  name: 'Zoho CRM',
  matches: HOSTS.map((host) => `https://${host}/*`),
  matchesUrl: (url) => url.protocol === 'https:' && HOSTS.includes(url.hostname),
  containers: ['#crm-app', 'crm-list-view', 'body'],
  rowName: (el) => nameInRow(el, 'tr', 'a.linkToDetail, [data-zcqa="fullName"] a'),
  recordName: (doc) => firstText(doc, ['#subvalue_FULLNAME', '[data-zcqa="dv_header_name"]', 'h1']),
  fieldLabel: (el) =>
    cleanLabel(
      closestAcrossShadow(el, '[data-zcqa-field]')?.getAttribute('data-zcqa-field')?.replace(/_/g, ' '),
    ),
};
