import { describe, expect, it } from 'vitest';
import { addedJitter, equalJitter, exponentialMs } from './backoff';

describe('backoff', () => {
  it('doubles from the first delay after each failure, up to the cap', () => {
    expect([0, 1, 2, 3, 4].map((n) => exponentialMs(n, 1_000, 5_000))).toEqual([
      1_000, 1_000, 2_000, 4_000, 5_000,
    ]);
    expect(exponentialMs(40, 1_000)).toBe(1_000 * 2 ** 39);
  });

  it('spreads delays: equal jitter between half and all, added jitter up to a fraction more', () => {
    expect([equalJitter(1_000, 0), equalJitter(1_000, 0.5), equalJitter(1_000, 0.999)]).toEqual([
      500, 750, 999.5,
    ]);
    expect([addedJitter(1_000, 0), addedJitter(1_000, 1), addedJitter(1_000, 0.5, 0.5)]).toEqual([
      1_000, 1_200, 1_250,
    ]);
  });
});
