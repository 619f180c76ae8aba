// The emulator's demo CRM pages (/crm/* on this machine), whose customers have fictional numbers.
import { generic } from './generic';
import { cleanLabel, firstText, nameInRow } from './markup';
import type { CrmAdapter } from './types';

const LOCAL = new Set(['127.0.0.1', 'localhost']);

export const demo: CrmAdapter = {
  id: 'demo',
  name: 'Demo CRM',
  matches: ['http://127.0.0.1/crm/*', 'http://localhost/crm/*'],
  matchesUrl: (url) =>
    url.protocol === 'http:' && LOCAL.has(url.hostname) && url.pathname.startsWith('/crm/'),
  // The fixture pages mimic several CRMs' layouts (sidebars outside <main>): watch the whole page.
  containers: ['#app', 'body'],
  rowName: (el) => nameInRow(el, 'tr, [data-contact]', '[data-name], .contact-name') ?? generic.rowName(el),
  recordName: (doc) => firstText(doc, ['[data-record-name]', 'h1']),
  fieldLabel: (el) => cleanLabel(el.closest('[data-field]')?.getAttribute('data-field')),
  allowFictional: true,
};
