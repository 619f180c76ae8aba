import { describe, expect, it } from 'vitest';
import { addWorkingMs, workingMs, type BusinessHours } from './business-hours';

const MIN = 60_000;
const HOUR = 60 * MIN;
const NY: BusinessHours = {
  timeZone: 'America/New_York',
  start: 9 * 60,
  end: 17 * 60,
  days: [1, 2, 3, 4, 5],
};
const t = (iso: string) => Date.parse(iso);
const iso = (ms: number | undefined) => (ms === undefined ? undefined : new Date(ms).toISOString());

describe('workingMs', () => {
  it('counts every minute without business hours', () => {
    expect(workingMs(t('2026-03-02T10:00:00Z'), t('2026-03-02T12:30:00Z'))).toBe(150 * MIN);
    expect(workingMs(t('2026-03-02T12:00:00Z'), t('2026-03-02T10:00:00Z'))).toBe(0);
  });

  it('counts only open hours in the zone, skipping nights and weekends', () => {
    // Friday 16:00 New York → Monday 10:00: one hour Friday, one hour Monday.
    expect(workingMs(t('2026-03-06T21:00:00Z'), t('2026-03-09T14:00:00Z'), NY)).toBe(2 * HOUR);
    // Within one day.
    expect(workingMs(t('2026-03-03T14:00:00Z'), t('2026-03-03T15:30:00Z'), NY)).toBe(90 * MIN);
    // Entirely at night.
    expect(workingMs(t('2026-03-03T23:00:00Z'), t('2026-03-04T13:00:00Z'), NY)).toBe(0);
  });

  it('follows DST: the open window is 09:00–17:00 local on both sides of the change', () => {
    // Fri 6 March (EST) 09:00 = 14:00Z; Mon 9 March (EDT) 09:00 = 13:00Z.
    expect(workingMs(t('2026-03-06T14:00:00Z'), t('2026-03-09T13:00:00Z'), NY)).toBe(8 * HOUR);
    expect(workingMs(t('2026-03-09T12:59:00Z'), t('2026-03-09T13:01:00Z'), NY)).toBe(1 * MIN);
    // Europe changes on 29 March; a London window on Monday 30 March opens at 08:00Z.
    const london: BusinessHours = { timeZone: 'Europe/London', start: 9 * 60, end: 10 * 60, days: [1] };
    expect(workingMs(t('2026-03-30T07:00:00Z'), t('2026-03-30T12:00:00Z'), london)).toBe(HOUR);
  });

  it('handles a zone east of UTC whose day starts the day before in UTC', () => {
    const tokyo: BusinessHours = {
      timeZone: 'Asia/Tokyo',
      start: 8 * 60,
      end: 18 * 60,
      days: [1, 2, 3, 4, 5],
    };
    // Monday 2 March 08:00 JST = Sunday 1 March 23:00Z; Sunday in Tokyo stays closed.
    expect(workingMs(t('2026-03-01T22:00:00Z'), t('2026-03-02T00:00:00Z'), tokyo)).toBe(HOUR);
    expect(workingMs(t('2026-02-28T23:00:00Z'), t('2026-03-01T09:00:00Z'), tokyo)).toBe(0);
  });

  it('counts nothing when no day is open', () => {
    expect(workingMs(t('2026-03-02T00:00:00Z'), t('2026-03-09T00:00:00Z'), { ...NY, days: [] })).toBe(0);
  });
});

describe('addWorkingMs', () => {
  it('moves a deadline over the night and the weekend', () => {
    // Friday 16:30 New York + 1 h working → Monday 09:30 (EDT since 8 March).
    expect(iso(addWorkingMs(t('2026-03-06T21:30:00Z'), HOUR, NY))).toBe('2026-03-09T13:30:00.000Z');
    // A message at night starts counting at the next opening.
    expect(iso(addWorkingMs(t('2026-03-03T03:00:00Z'), 15 * MIN, NY))).toBe('2026-03-03T14:15:00.000Z');
    expect(iso(addWorkingMs(t('2026-03-03T03:00:00Z'), 15 * MIN))).toBe('2026-03-03T03:15:00.000Z');
  });

  it('agrees with workingMs', () => {
    const start = t('2026-10-30T20:00:00Z');
    for (const budget of [MIN, HOUR, 7 * HOUR, 20 * HOUR]) {
      const due = addWorkingMs(start, budget, NY)!;
      expect(workingMs(start, due, NY)).toBe(budget);
    }
  });

  it('gives up when the hours never open', () => {
    expect(addWorkingMs(t('2026-03-02T00:00:00Z'), HOUR, { ...NY, days: [] })).toBeUndefined();
  });
});
