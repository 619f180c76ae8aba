// Any other site the agent enabled: no knowledge of its markup beyond common layouts.
import { cleanName, firstText } from './markup';
import type { CrmAdapter } from './types';

export const generic: CrmAdapter = {
  id: 'generic',
  name: 'Other site',
  matches: [],
  matchesUrl: () => true,
  containers: ['main', '[role="main"]', 'body'],
  // A table row's first cell, when it is a name rather than a number or a date.
  rowName: (el) => {
    const row = el.closest('tr');
    return row ? cleanName(row.firstElementChild?.textContent) : undefined;
  },
  recordName: (doc) => firstText(doc, ['[itemprop="name"]', 'h1']),
};
