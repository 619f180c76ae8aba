import { describe, expect, it } from 'vitest';
import { at, thread } from '../../test/support/threads';
import { BADGE_COLORS, badgeModel } from './model';

const threads = [
  thread('1'),
  thread('2'),
  thread('3', { owner: { extensionId: 'q2' } }),
  thread('4', { assignee: { extensionId: 'me' } }),
  thread('5', { assignee: { extensionId: 'other' } }),
  thread('6', { status: 'Resolved' }),
];
const summaries = new Map(
  ['1', '3', '4', '5'].map((id) => [id, { threadId: id, optedOut: false, lastInboundAt: at(5) }]),
);
const reads = new Map([['3', at(6)]]);

describe('badgeModel', () => {
  it('counts Open unassigned threads in all resources and breaks the inbox down', () => {
    const view = badgeModel(threads, summaries, reads, 'me', null);
    expect(view).toEqual({
      text: '3',
      color: BADGE_COLORS.normal,
      title: 'ThreadDesk — 3 unassigned · 1 mine · 2 unread',
    });
  });

  it('counts only the chosen resources', () => {
    const view = badgeModel(threads, summaries, reads, 'me', ['q2']);
    expect(view.text).toBe('1');
    expect(view.title).toBe('ThreadDesk — 1 unassigned · 0 mine · 0 unread');
    expect(view.color).toBe(BADGE_COLORS.quiet);
  });

  it('is empty with nothing waiting and caps large counts', () => {
    expect(badgeModel([], new Map(), new Map(), 'me', null).text).toBe('');
    const many = Array.from({ length: 150 }, (_, i) => thread(String(i)));
    expect(badgeModel(many, new Map(), new Map(), 'me', null).text).toBe('99+');
  });

  it('looks distinct when signed out or in trouble', () => {
    expect(badgeModel(threads, summaries, reads, undefined, null)).toEqual({
      text: '!',
      color: BADGE_COLORS.signedOut,
      title: 'Signed out — click to sign in',
    });
    const limited = badgeModel(threads, summaries, reads, 'me', null, 'rateLimited');
    expect(limited.text).toBe('…');
    expect(limited.color).toBe(BADGE_COLORS.trouble);
    expect(limited.title).toContain('limiting');
    expect(limited.title).toContain('3 unassigned');
  });
});

describe('badgeModel with response-time targets', () => {
  const state = (s: 'ok' | 'atRisk' | 'overdue') => ({
    state: s,
    kind: 'first' as const,
    waitingSince: 0,
    atRiskAt: 1,
    dueAt: 2,
  });

  it('counts at-risk and overdue threads among the unassigned and mine, never others', () => {
    const targets = new Map([
      ['1', state('atRisk')],
      ['2', state('ok')],
      ['4', state('atRisk')],
      ['5', state('overdue')],
      ['6', state('overdue')],
    ]);
    const view = badgeModel(threads, summaries, reads, 'me', null, 'ok', targets);
    expect(view.title).toBe('ThreadDesk — 3 unassigned · 1 mine · 2 unread · 2 at risk · 0 overdue');
    expect(view.color).toBe(BADGE_COLORS.normal);
  });

  it('turns the overdue colour while a thread in scope is overdue, and only in the chosen resources', () => {
    const targets = new Map([['3', state('overdue')]]);
    const all = badgeModel(threads, summaries, reads, 'me', null, 'ok', targets);
    expect(all.color).toBe(BADGE_COLORS.overdue);
    expect(all.title).toContain('· 0 at risk · 1 overdue');
    const elsewhere = badgeModel(threads, summaries, reads, 'me', ['q1'], 'ok', targets);
    expect(elsewhere.color).toBe(BADGE_COLORS.normal);
    expect(elsewhere.title).toContain('· 0 at risk · 0 overdue');
  });

  it('says nothing about targets when none is set', () => {
    expect(badgeModel(threads, summaries, reads, 'me', null).title).not.toContain('overdue');
  });
});
