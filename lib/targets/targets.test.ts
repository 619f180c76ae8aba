import { describe, expect, it } from 'vitest';
import { at, summary, thread, T0 } from '../../test/support/threads';
import {
  isFirstWait,
  nextTargetChange,
  ResponseTarget,
  targetsOf,
  threadTarget,
  urgency,
  validTargets,
} from './targets';

const MIN = 60_000;
const target = { firstReplyMinutes: 20, followUpMinutes: 60 };

describe('threadTarget', () => {
  it('measures a first reply from the first message, at risk at 75 %, overdue at the target', () => {
    const t = thread('t1', { creationTime: at(0) });
    const s = summary('t1', { waitingSince: at(0) });
    expect(threadTarget(t, s, target, T0 + 10 * MIN)).toEqual({
      state: 'ok',
      kind: 'first',
      waitingSince: T0,
      atRiskAt: T0 + 15 * MIN,
      dueAt: T0 + 20 * MIN,
    });
    expect(threadTarget(t, s, target, T0 + 15 * MIN)?.state).toBe('atRisk');
    expect(threadTarget(t, s, target, T0 + 20 * MIN)?.state).toBe('overdue');
  });

  it('uses the follow-up target when the customer wrote again after our reply', () => {
    const t = thread('t1', { creationTime: at(0) });
    const s = summary('t1', { waitingSince: at(30) });
    expect(threadTarget(t, s, target, T0 + 60 * MIN)).toMatchObject({
      kind: 'followUp',
      state: 'ok',
      dueAt: T0 + 90 * MIN,
    });
    expect(threadTarget(t, s, { firstReplyMinutes: 20 }, T0 + 300 * MIN)).toBeUndefined();
  });

  it('has nothing to say about answered, resolved or untargeted threads', () => {
    const t = thread('t1');
    expect(threadTarget(t, summary('t1'), target, T0 + 99 * MIN)).toBeUndefined();
    expect(
      threadTarget(
        thread('t2', { status: 'Resolved' }),
        summary('t2', { waitingSince: at(0) }),
        target,
        T0 + 99 * MIN,
      ),
    ).toBeUndefined();
    expect(threadTarget(t, summary('t1', { waitingSince: at(0) }), undefined, T0 + 99 * MIN)).toBeUndefined();
    expect(
      threadTarget(t, summary('t1', { waitingSince: 'garbage' }), target, T0 + 99 * MIN),
    ).toBeUndefined();
  });

  it('stops the clock outside business hours, in the resource time zone', () => {
    // T0 is Monday 2 March 2026 15:00Z = 10:00 in New York; the office closes at 10:10.
    const hours = { timeZone: 'America/New_York', start: 9 * 60, end: 10 * 60 + 10, days: [1, 2, 3, 4, 5] };
    const t = thread('t1', { creationTime: at(0) });
    const s = summary('t1', { waitingSince: at(0) });
    const result = threadTarget(t, s, { ...target, businessHours: hours }, T0 + 12 * 60 * MIN);
    // 10 minutes on Monday, 10 more from Tuesday 09:00 New York (14:00Z).
    expect(new Date(result!.dueAt).toISOString()).toBe('2026-03-03T14:10:00.000Z');
    expect(result?.state).toBe('ok');
    const tuesday = Date.parse('2026-03-03T14:06:00Z');
    expect(threadTarget(t, s, { ...target, businessHours: hours }, tuesday)?.state).toBe('atRisk');
  });

  it('ranks overdue before at risk before the rest', () => {
    const t = thread('t1', { creationTime: at(0) });
    const s = summary('t1', { waitingSince: at(0) });
    const ranks = [25, 16, 1].map((m) => urgency(threadTarget(t, s, target, T0 + m * MIN)));
    expect(ranks).toEqual([0, 1, 2]);
    expect(urgency(undefined)).toBe(2);
  });
});

describe('isFirstWait and the settings schema', () => {
  it('tolerates a moment between the thread and its first message', () => {
    expect(isFirstWait({ creationTime: at(0) }, new Date(T0 + 1500).toISOString())).toBe(true);
    expect(isFirstWait({ creationTime: at(0) }, at(1))).toBe(false);
  });

  it('refuses nonsense settings', () => {
    expect(ResponseTarget.safeParse({ firstReplyMinutes: 0 }).success).toBe(false);
    expect(
      ResponseTarget.safeParse({ businessHours: { timeZone: 'Nowhere/Land', start: 0, end: 60, days: [1] } })
        .success,
    ).toBe(false);
    expect(
      ResponseTarget.safeParse({ businessHours: { timeZone: 'UTC', start: 600, end: 540, days: [1] } })
        .success,
    ).toBe(false);
    expect(
      ResponseTarget.safeParse({
        firstReplyMinutes: 15,
        businessHours: { timeZone: 'UTC', start: 540, end: 1020, days: [1, 2] },
      }).success,
    ).toBe(true);
  });
});

describe('targetsOf and nextTargetChange', () => {
  const resources = [
    { id: 'q1', name: 'Support', type: 'Department', sharedNumbers: [], handlers: [] },
    { id: 'q2', name: 'Sales', type: 'Department', sharedNumbers: [], handlers: [] },
  ];
  const threads = [
    thread('a', { creationTime: at(0) }),
    thread('b', { creationTime: at(0), owner: { extensionId: 'q2', name: 'Sales' } }),
    thread('c', { creationTime: at(0), status: 'Resolved' }),
  ];
  const summaries = new Map([
    ['a', summary('a', { waitingSince: at(0) })],
    ['b', summary('b', { waitingSince: at(0) })],
    ['c', summary('c', { waitingSince: at(0) })],
  ]);

  it('measures each open waiting thread against its own resource and skips bad stored targets', () => {
    const targets = validTargets({ q1: target, q2: { firstReplyMinutes: 0 } });
    expect([...targets.keys()]).toEqual(['q1']);
    const standing = targetsOf(threads, summaries, resources, targets, T0 + 16 * MIN);
    expect([...standing].map(([id, t]) => [id, t.state])).toEqual([['a', 'atRisk']]);
  });

  it('names the next change: at risk for a thread that is fine, overdue for one at risk, none after', () => {
    const targets = validTargets({ q1: target, q2: { firstReplyMinutes: 40 } });
    const early = targetsOf(threads, summaries, resources, targets, T0 + MIN);
    expect(nextTargetChange(early.values(), T0 + MIN)).toBe(T0 + 15 * MIN);
    const later = targetsOf(threads, summaries, resources, targets, T0 + 16 * MIN);
    expect(nextTargetChange(later.values(), T0 + 16 * MIN)).toBe(T0 + 20 * MIN);
    const late = targetsOf(threads, summaries, resources, targets, T0 + 41 * MIN);
    expect(nextTargetChange(late.values(), T0 + 41 * MIN)).toBeUndefined();
  });
});
