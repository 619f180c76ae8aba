// Working time between two instants under a resource's business hours (pure). Hours are one daily window in
// the resource's time zone on chosen weekdays; without business hours every minute counts.
import { localTime, zonedToUtc } from './zoned';

export interface BusinessHours {
  /** IANA zone, e.g. "America/New_York". */
  timeZone: string;
  /** Minutes after local midnight, start < end. */
  start: number;
  end: number;
  /** Weekdays that have the window, 0 = Sunday … 6 = Saturday. */
  days: number[];
}

const DAY_MS = 86_400_000;

/** The open windows [from, to) in UTC ms that overlap [startMs, endMs), in order. */
function* windows(hours: BusinessHours, startMs: number, endMs: number): Generator<[number, number]> {
  const days = new Set(hours.days);
  if (days.size === 0 || hours.end <= hours.start) return;
  const first = localTime(startMs, hours.timeZone);
  // Walk local calendar dates; Date.UTC normalises day overflow across months and years.
  for (let i = -1; ; i++) {
    const date = new Date(Date.UTC(first.year, first.month - 1, first.day + i));
    const y = date.getUTCFullYear();
    const m = date.getUTCMonth() + 1;
    const d = date.getUTCDate();
    const open = zonedToUtc(y, m, d, hours.start, hours.timeZone);
    if (open >= endMs) return;
    if (!days.has(date.getUTCDay())) continue;
    const close = zonedToUtc(y, m, d, hours.end, hours.timeZone);
    if (close <= startMs) continue;
    yield [Math.max(open, startMs), Math.min(close, endMs)];
  }
}

/** Milliseconds of working time in [startMs, endMs). */
export function workingMs(startMs: number, endMs: number, hours?: BusinessHours): number {
  if (!(endMs > startMs)) return 0;
  if (!hours) return endMs - startMs;
  let total = 0;
  for (const [from, to] of windows(hours, startMs, endMs)) total += to - from;
  return total;
}

/**
 * The instant when `budgetMs` of working time has passed since `startMs`; undefined when the hours never
 * open (no weekdays) or it lies more than `horizonDays` ahead.
 */
export function addWorkingMs(
  startMs: number,
  budgetMs: number,
  hours?: BusinessHours,
  horizonDays = 60,
): number | undefined {
  if (!hours) return startMs + budgetMs;
  let left = budgetMs;
  for (const [from, to] of windows(hours, startMs, startMs + horizonDays * DAY_MS)) {
    if (to - from >= left) return from + left;
    left -= to - from;
  }
  return undefined;
}
