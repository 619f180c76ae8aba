// Waiting, one way for every loop that waits (push reconnects, the rate budget, the outbox, bulk hand-over).

/** Resolves after `ms`, or at once when `signal` aborts (the caller checks `signal.aborted` itself). */
export function sleep(ms: number, signal?: AbortSignal): Promise<void> {
  return new Promise((resolve) => {
    if (signal?.aborted) return resolve();
    const timer = setTimeout(done, ms);
    signal?.addEventListener('abort', done, { once: true });
    function done() {
      clearTimeout(timer);
      signal?.removeEventListener('abort', done);
      resolve();
    }
  });
}
