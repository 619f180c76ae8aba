import { describe, expect, it } from 'vitest';
import { coalesce } from './coalesce';

describe('coalesce', () => {
  it('runs once more for calls made while running, and shares the run with those callers', async () => {
    let runs = 0;
    let release: () => void = () => undefined;
    const run = coalesce(async () => {
      runs += 1;
      if (runs === 1) await new Promise<void>((r) => (release = r));
      return runs;
    });
    const first = run();
    const second = run();
    const third = run();
    release();
    expect(await Promise.all([first, second, third])).toEqual([2, 2, 2]);
    expect(runs).toBe(2);
    expect(await run()).toBe(3);
  });
});
