import { describe, expect, it } from 'vitest';
import { countViews, matchesSearch, selectThreads } from './inbox';
import { ALEX, caps, ME } from './ui.test-helpers';
import { at, summary, thread } from '../../test/support/threads';

const threads = [
  thread('u1', { guest: '+16505551001', lastModifiedTime: at(1) }),
  thread('m1', { guest: '+16505551002', assignee: ME, lastModifiedTime: at(2) }),
  thread('o1', { guest: '+16505551003', assignee: ALEX, lastModifiedTime: at(3) }),
  thread('r1', {
    guest: '+16505551004',
    status: 'Resolved',
    statusReason: 'Manual',
    lastModifiedTime: at(4),
  }),
  thread('d1', { guest: '+16505551005', availability: 'Deleted', lastModifiedTime: at(5) }),
  thread('s1', {
    guest: '+16505551006',
    owner: { extensionId: 's1', extensionType: 'Site' },
    ownerParty: { phoneNumber: '+16505550199' },
    lastModifiedTime: at(6),
  }),
];
const summaries = new Map([
  ['u1', summary('u1', { preview: 'Where is my order?', lastEntryAt: at(30) })],
  ['s1', summary('s1', { preview: 'Opening hours?', lastEntryAt: at(10) })],
]);

describe('inbox views', () => {
  it('counts each view, leaving deleted threads out', () => {
    expect(countViews(threads, 'me')).toEqual({ unassigned: 2, mine: 1, open: 4, resolved: 1 });
  });

  it('filters by resource through the owner extension', () => {
    const support = caps().resources[0];
    expect(countViews(threads, 'me', support)).toEqual({ unassigned: 1, mine: 1, open: 3, resolved: 1 });
  });

  it('sorts by last activity (newest entry, else the thread’s own time)', () => {
    const rows = selectThreads(threads, summaries, {}, { view: 'open', query: '', me: 'me' });
    expect(rows.map((t) => t.id)).toEqual(['u1', 's1', 'o1', 'm1']);
  });

  it('searches by CRM name, by number in any format and by preview text', () => {
    const names = { '+16505551003': { hints: { 'https://crm.example.com': { name: 'Jane Doe', at: 1 } } } };
    const find = (query: string) =>
      selectThreads(threads, summaries, names, { view: 'open', query, me: 'me' }).map((t) => t.id);
    expect(find('jane')).toEqual(['o1']);
    expect(find('(650) 555-1002')).toEqual(['m1']);
    expect(find('order')).toEqual(['u1']);
    expect(find('zzz')).toEqual([]);
    // Short digit fragments inside words do not match every number.
    expect(matchesSearch(threads[0]!, undefined, undefined, '2nd')).toBe(false);
  });
});
