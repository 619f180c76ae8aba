// The emulator clock: real time plus an offset that tests move forward (POST /__emulator/clock), so token
// lifetimes, the 72 h thread expiry, sync-token age and rate-limit windows can be tested without waiting.
export interface Clock {
  now(): number;
  /** Moves time forward; negative values are refused because nothing in RingCentral runs backwards. */
  advance(ms: number): void;
  offsetMs(): number;
  setOffset(ms: number): void;
}

export function createClock(initialOffsetMs = 0): Clock {
  let offset = initialOffsetMs;
  return {
    now: () => Date.now() + offset,
    advance(ms) {
      if (!Number.isFinite(ms) || ms < 0) throw new RangeError('the emulator clock only moves forward');
      offset += ms;
    },
    offsetMs: () => offset,
    setOffset(ms) {
      offset = ms;
    },
  };
}

export const iso = (ms: number): string => new Date(ms).toISOString();

export const SECOND = 1000;
export const MINUTE = 60 * SECOND;
export const HOUR = 60 * MINUTE;
export const DAY = 24 * HOUR;
