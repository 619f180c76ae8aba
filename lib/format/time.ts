// Times in the inbox: short and relative to now, in the browser's locale.
const MINUTE = 60_000;
const HOUR = 60 * MINUTE;
const DAY = 24 * HOUR;

/** "14:05" today, "Mon" within a week, "12 Mar" before that. */
export function formatShortTime(iso: string | undefined, now: number, locale?: string): string {
  if (!iso) return '';
  const date = new Date(iso);
  if (Number.isNaN(date.getTime())) return '';
  const today = new Date(now);
  if (date.toDateString() === today.toDateString()) {
    return date.toLocaleTimeString(locale, { hour: '2-digit', minute: '2-digit' });
  }
  if (now - date.getTime() < 6 * DAY) return date.toLocaleDateString(locale, { weekday: 'short' });
  return date.toLocaleDateString(locale, { day: 'numeric', month: 'short' });
}

/** Full date and time, for tooltips and the timeline. */
export function formatFullTime(iso: string | undefined, locale?: string): string {
  if (!iso) return '';
  const date = new Date(iso);
  return Number.isNaN(date.getTime())
    ? ''
    : date.toLocaleString(locale, { dateStyle: 'medium', timeStyle: 'short' });
}

const unit = (value: number, name: 'minute' | 'hour' | 'day', locale?: string) =>
  new Intl.NumberFormat(locale, { style: 'unit', unit: name, unitDisplay: 'narrow' }).format(value);

/** How long since `iso`, compact and localised by Intl: "5m", "3h", "2d" in English. */
export function formatDuration(iso: string | undefined, now: number, locale?: string): string {
  if (!iso) return '';
  const ms = Math.max(0, now - new Date(iso).getTime());
  if (Number.isNaN(ms)) return '';
  if (ms < HOUR) return unit(Math.floor(ms / MINUTE), 'minute', locale);
  if (ms < DAY) return unit(Math.floor(ms / HOUR), 'hour', locale);
  return unit(Math.floor(ms / DAY), 'day', locale);
}

/** Seconds until `at`, at least 1. */
export const secondsUntil = (at: number, now: number) => Math.max(1, Math.ceil((at - now) / 1000));
