import { describe, expect, it } from 'vitest';
import { summary, thread } from '../../test/support/threads';
import { chipStates } from './chip-state';

describe('chipStates', () => {
  it('tells unassigned, mine, someone else’s, opted out and none apart, with unread', () => {
    const threads = [
      thread('t1', { guest: '+15551000001' }),
      thread('t2', { guest: '+15551000002', assignee: { extensionId: 'me' } }),
      thread('t3', { guest: '+15551000003', assignee: { extensionId: 'x', name: 'Ann Lee' } }),
      thread('t4', { guest: '+15551000004', status: 'Resolved' }),
      thread('t5', { guest: '+15551000005', status: 'Resolved' }),
    ];
    const summaries = new Map([
      ['t1', summary('t1', { lastInboundAt: '2026-01-01T10:00:00.000Z' })],
      ['t2', summary('t2', { lastInboundAt: '2026-01-01T10:00:00.000Z' })],
      ['t5', summary('t5', { optedOut: true })],
    ]);
    const reads = new Map([['t2', '2026-01-01T10:00:00.000Z']]);
    const phones = [
      '+15551000001',
      '+15551000002',
      '+15551000003',
      '+15551000004',
      '+15551000005',
      '+15559999999',
    ];
    expect(chipStates(phones, { threads, summaries, reads, me: 'me' })).toEqual({
      '+15551000001': { kind: 'unassigned', unread: true },
      '+15551000002': { kind: 'mine', unread: false },
      '+15551000003': { kind: 'other', unread: false, assigneeName: 'Ann Lee' },
      '+15551000004': { kind: 'none', unread: false },
      '+15551000005': { kind: 'optedOut', unread: false },
      '+15559999999': { kind: 'none', unread: false },
    });
  });
});
