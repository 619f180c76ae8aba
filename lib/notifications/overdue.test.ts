import { describe, expect, it } from 'vitest';
import { thread } from '../../test/support/threads';
import type { Resource } from '../storage';
import type { ThreadTarget } from '../targets/targets';
import { noticeThread } from './decide';
import { decideOverdue, type OverdueMemory } from './overdue';

const MIN = 60_000;
const on = { enabled: true, mutedResources: [] };
const resources: Resource[] = [
  {
    id: 'q1',
    name: 'Support',
    type: 'Department',
    sharedNumbers: [],
    handlers: [
      { id: 'me', name: 'Me', assignable: true },
      { id: 'other', name: 'Other', assignable: true },
    ],
  },
  { id: 'q2', name: 'Sales', type: 'Department', sharedNumbers: [], handlers: [] },
];
const overdue = (waitingSince: number, dueAt: number): ThreadTarget => ({
  state: 'overdue',
  kind: 'first',
  waitingSince,
  atRiskAt: dueAt - MIN,
  dueAt,
});
const since: OverdueMemory = { since: 0, told: {} };

describe('decideOverdue', () => {
  const threads = [
    thread('1'),
    thread('2', { assignee: { extensionId: 'me' } }),
    thread('3', { assignee: { extensionId: 'other' } }),
    thread('4', { owner: { extensionId: 'q2', name: 'Sales' } }),
    thread('5'),
  ];
  const targets = new Map([
    ['1', overdue(10 * MIN, 30 * MIN)],
    ['2', overdue(10 * MIN, 30 * MIN)],
    ['3', overdue(10 * MIN, 30 * MIN)],
    ['4', overdue(10 * MIN, 30 * MIN)],
    ['5', { ...overdue(10 * MIN, 60 * MIN), state: 'atRisk' as const }],
  ]);

  it('tells the assignee, or every handler while unassigned; not another assignee, a non-handler, or at risk', () => {
    const { notices, memory } = decideOverdue({
      threads,
      targets,
      resources,
      me: 'me',
      settings: on,
      memory: since,
      now: 35 * MIN,
    });
    expect(notices.map((n) => [n.id, n.contextMessage])).toEqual([
      ['overdue:1', 'Support · Unassigned'],
      ['overdue:2', 'Support · Assigned to you'],
    ]);
    expect(notices[0]?.message).toBe('First reply overdue by 5 min · waiting 25 min');
    expect(noticeThread(notices[0]!.id)).toBe('1');
    expect(memory.told).toEqual({ '1': 10 * MIN, '2': 10 * MIN });
  });

  it('takes unreadable stored memory for none: what was overdue already is not news', () => {
    const { notices, memory } = decideOverdue({
      threads,
      targets,
      resources,
      me: 'me',
      settings: on,
      memory: { since: 'soon', told: 5 } as unknown as OverdueMemory,
      now: 35 * MIN,
    });
    expect(notices).toEqual([]);
    expect(memory).toEqual({ since: 35 * MIN, told: { '1': 10 * MIN, '2': 10 * MIN } });
  });

  it('never repeats a wait it told, and tells again once a new wait is overdue', () => {
    const first = decideOverdue({
      threads,
      targets,
      resources,
      me: 'me',
      settings: on,
      memory: since,
      now: 35 * MIN,
    });
    const again = decideOverdue({
      threads,
      targets,
      resources,
      me: 'me',
      settings: on,
      memory: JSON.parse(JSON.stringify(first.memory)) as OverdueMemory,
      now: 40 * MIN,
    });
    expect(again.notices).toEqual([]);
    expect(again.memory).toEqual(first.memory);
    const newWait = new Map(targets).set('1', overdue(50 * MIN, 70 * MIN));
    const later = decideOverdue({
      threads,
      targets: newWait,
      resources,
      me: 'me',
      settings: on,
      memory: first.memory,
      now: 75 * MIN,
    });
    expect(later.notices.map((n) => n.id)).toEqual(['overdue:1']);
    expect(later.memory.told['1']).toBe(50 * MIN);
  });

  it('tells a handler once a thread overdue under someone else comes back to the team', () => {
    const first = decideOverdue({
      threads,
      targets,
      resources,
      me: 'me',
      settings: on,
      memory: since,
      now: 35 * MIN,
    });
    const back = threads.map((t) => (t.id === '3' ? thread('3') : t));
    const next = decideOverdue({
      threads: back,
      targets,
      resources,
      me: 'me',
      settings: on,
      memory: first.memory,
      now: 36 * MIN,
    });
    expect(next.notices.map((n) => n.id)).toEqual(['overdue:3']);
  });

  it('records silently what was overdue before the session watched, or while off or muted', () => {
    const fresh = decideOverdue({
      threads,
      targets,
      resources,
      me: 'me',
      settings: on,
      memory: null,
      now: 35 * MIN,
    });
    expect(fresh.notices).toEqual([]);
    expect(fresh.memory).toEqual({ since: 35 * MIN, told: { '1': 10 * MIN, '2': 10 * MIN } });
    const off = decideOverdue({
      threads,
      targets,
      resources,
      me: 'me',
      settings: { enabled: false, mutedResources: [] },
      memory: since,
      now: 35 * MIN,
    });
    expect(off.notices).toEqual([]);
    expect(Object.keys(off.memory.told)).toEqual(['1', '2']);
    const muted = decideOverdue({
      threads,
      targets,
      resources,
      me: 'me',
      settings: { enabled: true, mutedResources: ['q1'] },
      memory: since,
      now: 35 * MIN,
    });
    expect(muted.notices).toEqual([]);
  });

  it('forgets a wait once the thread is resolved or gone', () => {
    const first = decideOverdue({
      threads,
      targets,
      resources,
      me: 'me',
      settings: on,
      memory: since,
      now: 35 * MIN,
    });
    const resolved = [thread('1', { status: 'Resolved' })];
    const next = decideOverdue({
      threads: resolved,
      targets: new Map(),
      resources,
      me: 'me',
      settings: on,
      memory: first.memory,
      now: 36 * MIN,
    });
    expect(next.memory.told).toEqual({});
  });
});
