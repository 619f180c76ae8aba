// Retry delays, one rule for every loop that retries (sync, push reconnects, the outbox): exponential from a
// first delay, capped, with jitter so many clients (or many items) that failed together do not retry together.

/** `firstMs` after the first failure, doubled after each further one, never above `maxMs`. */
export function exponentialMs(failures: number, firstMs: number, maxMs = Number.POSITIVE_INFINITY): number {
  return Math.min(maxMs, firstMs * 2 ** Math.max(0, failures - 1));
}

/** "Equal jitter": half the delay fixed, half random (random in [0, 1)). */
export const equalJitter = (ms: number, random: number): number => ms / 2 + (ms / 2) * random;

/** The delay plus up to `fraction` of it more, at random (random in [0, 1)). */
export const addedJitter = (ms: number, random: number, fraction = 0.2): number =>
  ms + ms * fraction * random;
