import { describe, expect, it } from 'vitest';
import { nextOffset, offsetFromDate, serverNow, TOLERANCE_MS, type ServerClock } from './server-clock';

describe('server clock', () => {
  const received = Date.parse('2026-12-02T01:00:00.000Z');

  it('reads a Date header as the middle of its second, relative to when the answer arrived', () => {
    expect(offsetFromDate('Wed, 02 Dec 2026 01:10:00 GMT', received)).toBe(10 * 60_000 + 500);
    expect(offsetFromDate('Wed, 02 Dec 2026 00:59:59 GMT', received)).toBe(-500);
    expect(offsetFromDate('not a date', received)).toBeUndefined();
    expect(offsetFromDate(null, received)).toBeUndefined();
    expect(offsetFromDate('', received)).toBeUndefined();
  });

  it('keeps the held offset against rounding and delay, and follows a clock that moved', () => {
    expect(nextOffset(undefined, 700)).toBe(700);
    expect(nextOffset(500, 500 + TOLERANCE_MS)).toBe(500);
    expect(nextOffset(500, 500 - TOLERANCE_MS)).toBe(500);
    expect(nextOffset(500, 600_500)).toBe(600_500);
    expect(nextOffset(600_500, 400)).toBe(400);
  });

  it('is the machine clock until an offset is known', () => {
    expect(serverNow(null, 1_000)).toBe(1_000);
    expect(serverNow({ offsetMs: 60_000 }, 1_000)).toBe(61_000);
  });

  it('takes an unreadable stored offset for none, so no time on screen or alarm becomes NaN', () => {
    expect(serverNow({ offsetMs: Number.NaN }, 1_000)).toBe(1_000);
    expect(serverNow({ offsetMs: '60000' } as unknown as ServerClock, 1_000)).toBe(1_000);
    expect(serverNow({} as ServerClock, 1_000)).toBe(1_000);
  });
});
