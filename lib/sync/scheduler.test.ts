import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { StreamScheduler } from './scheduler';

describe('StreamScheduler', () => {
  beforeEach(() => {
    vi.useFakeTimers();
  });
  afterEach(() => {
    vi.useRealTimers();
  });

  function gatedRun() {
    const gates: Array<() => void> = [];
    const run = vi.fn(() => new Promise<void>((resolve) => gates.push(resolve)));
    return { run, release: () => gates.shift()?.() };
  }

  it('coalesces a burst of triggers within the debounce into one run', async () => {
    const run = vi.fn(async () => undefined);
    const s = new StreamScheduler(run, 150);
    const done = Promise.all(Array.from({ length: 100 }, () => s.trigger()));
    await vi.advanceTimersByTimeAsync(149);
    expect(run).not.toHaveBeenCalled();
    await vi.advanceTimersByTimeAsync(1);
    await done;
    expect(run).toHaveBeenCalledTimes(1);
  });

  it('triggers during a run schedule exactly one follow-up', async () => {
    const { run, release } = gatedRun();
    const s = new StreamScheduler(run, 150);
    const first = s.trigger();
    await vi.advanceTimersByTimeAsync(150);
    expect(run).toHaveBeenCalledTimes(1);
    const followUps = Promise.all([s.trigger(), s.trigger(), s.trigger()]);
    release();
    await first;
    await vi.advanceTimersByTimeAsync(149);
    expect(run).toHaveBeenCalledTimes(1);
    await vi.advanceTimersByTimeAsync(1);
    expect(run).toHaveBeenCalledTimes(2);
    release();
    await followUps;
    await vi.advanceTimersByTimeAsync(1000);
    expect(run).toHaveBeenCalledTimes(2);
  });

  it('now() skips the debounce and a failing run rejects its callers only', async () => {
    const run = vi.fn().mockRejectedValueOnce(new Error('boom')).mockResolvedValue(undefined);
    const s = new StreamScheduler(run, 150);
    const failed = s.now();
    await vi.advanceTimersByTimeAsync(0);
    await expect(failed).rejects.toThrow('boom');
    const ok = s.trigger();
    await vi.advanceTimersByTimeAsync(150);
    await expect(ok).resolves.toBeUndefined();
    expect(run).toHaveBeenCalledTimes(2);
  });

  it('a sustained stream of triggers costs a handful of runs; isolated triggers stay quick', async () => {
    const run = vi.fn(async () => undefined);
    const s = new StreamScheduler(run, 150);
    for (let t = 0; t < 10_000; t += 100) {
      void s.trigger();
      await vi.advanceTimersByTimeAsync(100);
    }
    // Three back to back, then one per 5 s refill.
    expect(run.mock.calls.length).toBeGreaterThanOrEqual(4);
    expect(run.mock.calls.length).toBeLessThanOrEqual(6);
    await vi.advanceTimersByTimeAsync(30_000);
    const settled = run.mock.calls.length;
    void s.trigger();
    await vi.advanceTimersByTimeAsync(150);
    expect(run).toHaveBeenCalledTimes(settled + 1);
  });

  it('a long retry delay does not postpone a sooner pending run', async () => {
    const run = vi.fn(async () => undefined);
    const s = new StreamScheduler(run, 150);
    void s.trigger();
    void s.trigger(60_000);
    await vi.advanceTimersByTimeAsync(150);
    expect(run).toHaveBeenCalledTimes(1);
  });

  it('stop() cancels a pending run', async () => {
    const run = vi.fn(async () => undefined);
    const s = new StreamScheduler(run, 150);
    const p = s.trigger();
    s.stop();
    await vi.advanceTimersByTimeAsync(1000);
    await p;
    expect(run).not.toHaveBeenCalled();
  });
});

describe('StreamScheduler follow-up delay', () => {
  beforeEach(() => {
    vi.useFakeTimers();
  });
  afterEach(() => {
    vi.useRealTimers();
  });

  it('a retry asked for during a run waits its delay, not the debounce', async () => {
    let runs = 0;
    const s: StreamScheduler = new StreamScheduler(async () => {
      runs++;
      if (runs === 1) void s.trigger(5_000);
    }, 150);
    void s.now();
    await vi.advanceTimersByTimeAsync(0);
    expect(runs).toBe(1);
    await vi.advanceTimersByTimeAsync(4_999);
    expect(runs).toBe(1);
    await vi.advanceTimersByTimeAsync(1);
    expect(runs).toBe(2);
  });
});
