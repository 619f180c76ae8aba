import { describe, expect, it } from 'vitest';
import { isTimeZone, localTime, offsetAt, zonedToUtc } from './zoned';

describe('zoned time', () => {
  it('reads an instant in a zone, across DST', () => {
    expect(localTime(Date.parse('2026-03-08T06:59:00Z'), 'America/New_York')).toMatchObject({
      hour: 1,
      minute: 59,
      weekday: 0,
    });
    expect(localTime(Date.parse('2026-03-08T07:00:00Z'), 'America/New_York')).toMatchObject({
      hour: 3,
      minute: 0,
    });
    expect(offsetAt(Date.parse('2026-01-15T12:00:00Z'), 'America/New_York')).toBe(-5 * 3600_000);
    expect(offsetAt(Date.parse('2026-07-15T12:00:00Z'), 'America/New_York')).toBe(-4 * 3600_000);
    expect(offsetAt(Date.parse('2026-07-15T12:00:00Z'), 'Asia/Kolkata')).toBe(5.5 * 3600_000);
  });

  it('turns local times into instants, gaps forward and repeats to the earlier one', () => {
    expect(new Date(zonedToUtc(2026, 1, 15, 9 * 60, 'America/New_York')).toISOString()).toBe(
      '2026-01-15T14:00:00.000Z',
    );
    expect(new Date(zonedToUtc(2026, 7, 15, 9 * 60, 'America/New_York')).toISOString()).toBe(
      '2026-07-15T13:00:00.000Z',
    );
    // 02:30 does not exist on 8 March 2026 in New York.
    expect(new Date(zonedToUtc(2026, 3, 8, 150, 'America/New_York')).toISOString()).toBe(
      '2026-03-08T07:30:00.000Z',
    );
    // 01:30 happens twice on 1 November 2026.
    expect(new Date(zonedToUtc(2026, 11, 1, 90, 'America/New_York')).toISOString()).toBe(
      '2026-11-01T05:30:00.000Z',
    );
    expect(new Date(zonedToUtc(2026, 3, 29, 9 * 60, 'Europe/London')).toISOString()).toBe(
      '2026-03-29T08:00:00.000Z',
    );
    expect(new Date(zonedToUtc(2026, 12, 31, 24 * 60, 'UTC')).toISOString()).toBe('2027-01-01T00:00:00.000Z');
  });

  it('knows a zone from a typo', () => {
    expect(isTimeZone('Europe/Berlin')).toBe(true);
    expect(isTimeZone('Mars/Olympus')).toBe(false);
  });
});
