import { describe, expect, it, vi } from 'vitest';
import { sleep } from './sleep';

describe('sleep', () => {
  it('resolves after the delay, or as soon as its signal aborts', async () => {
    vi.useFakeTimers();
    try {
      let done = false;
      const waiting = sleep(1_000).then(() => (done = true));
      await vi.advanceTimersByTimeAsync(999);
      expect(done).toBe(false);
      await vi.advanceTimersByTimeAsync(1);
      await waiting;
      expect(done).toBe(true);

      const abort = new AbortController();
      let woke = false;
      const aborted = sleep(60_000, abort.signal).then(() => (woke = true));
      abort.abort();
      await aborted;
      expect(woke).toBe(true);
      expect(vi.getTimerCount()).toBe(0);
    } finally {
      vi.useRealTimers();
    }
  });
});
