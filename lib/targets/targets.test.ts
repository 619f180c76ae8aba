import { describe, expect, it } from 'vitest';
import { at, summary, thread, T0 } from '../../test/support/threads';
import { isFirstWait, ResponseTarget, threadTarget, urgency } from './targets';

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
