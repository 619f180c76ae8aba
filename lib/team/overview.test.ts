import { describe, expect, it } from 'vitest';
import { at, summary, thread } from '../../test/support/threads';
import { ALEX, caps, ME } from '../ui/ui.test-helpers';
import { teamOverview } from './overview';

const site = { extensionId: 's1', extensionType: 'Site', name: 'Main site' };
const sitePhone = { phoneNumber: '+16505550199' };

describe('teamOverview', () => {
  it('counts unassigned per resource and held per handler, with the longest waits', () => {
    const threads = [
      thread('u1', { guest: '+16505551001' }),
      thread('u2', { guest: '+16505551002' }),
      thread('u3', { guest: '+16505551003', owner: site, ownerParty: sitePhone }),
      thread('a1', { guest: '+16505551004', assignee: ALEX }),
      thread('a2', { guest: '+16505551005', assignee: ALEX }),
      thread('m1', { guest: '+16505551006', assignee: ME }),
      thread('r1', { guest: '+16505551007', status: 'Resolved' }),
      thread('x1', { guest: '+16505551008', assignee: { extensionId: 'gone', name: 'Former Agent' } }),
      thread('elsewhere', {
        guest: '+16505551009',
        owner: { extensionId: 'q9' },
        ownerParty: { phoneNumber: '+1999' },
      }),
    ];
    const summaries = new Map(
      [
        summary('u1', { waitingSince: at(10) }),
        summary('u2', { waitingSince: at(3) }),
        summary('a1', { waitingSince: at(7) }),
        summary('a2'),
        summary('r1', { waitingSince: at(1) }),
      ].map((s) => [s.threadId, s]),
    );
    const overview = teamOverview(threads, summaries, caps().resources, { alex: { kind: 'busy', at: 1 } });
    expect(overview.resources).toEqual([
      { id: 'q1', name: 'Support', unassigned: 2, longestWaitSince: at(3) },
      { id: 's1', name: 'Main site', unassigned: 1 },
    ]);
    expect(overview.handlers).toEqual([
      { id: 'alex', name: 'Alex Rivera', presence: 'busy', held: 2, longestWaitSince: at(7) },
      { id: 'me', name: 'Dana Agent', held: 1 },
      { id: 'gone', name: 'Former Agent', held: 1 },
    ]);
  });

  it('is empty without resources', () => {
    expect(teamOverview([thread('u1')], new Map(), [], {})).toEqual({ resources: [], handlers: [] });
  });
});
