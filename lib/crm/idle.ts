// Runs work when the page is idle, in slices that keep every task short (requestIdleCallback's deadline,
// or a fixed slice where the browser has no requestIdleCallback).

export interface Deadline {
  /** Milliseconds left in this slice. */
  timeRemaining(): number;
  /**
   * The slice ran because the wait for idle time ran out, maybe before the browser laid out what changed
   * since the last frame: reading layout then would force a relayout.
   */
  busy?: boolean;
}

/**
 * Longest slice we take even when the browser offers more (its idle periods last up to 50 ms). Every
 * slice that adds chips costs the page one relayout, which on a huge table takes longer than the slice;
 * fewer, fuller slices finish sooner, while staying clear of 50 ms long tasks.
 */
export const SLICE_MS = 30;
/** How long a slice may wait for idle time before it runs anyway, so a busy page still gets chips. */
const IDLE_TIMEOUT_MS = 100;
/** The slice taken when the wait ran out: short, since the page is busy. */
const BUSY_SLICE_MS = 8;

type IdleWindow = Window & {
  requestIdleCallback?: (
    cb: (deadline: Deadline & { didTimeout: boolean }) => void,
    options?: { timeout: number },
  ) => number;
  cancelIdleCallback?: (handle: number) => void;
};

/** Calls `work` with a deadline once the page is idle; returns a function that cancels it. */
export function whenIdle(win: Window, work: (deadline: Deadline) => void): () => void {
  const w = win as IdleWindow;
  const capped = (deadline: Deadline & { didTimeout: boolean }, start: number): Deadline => ({
    busy: deadline.didTimeout,
    timeRemaining: () =>
      deadline.didTimeout
        ? BUSY_SLICE_MS - (performance.now() - start)
        : Math.min(deadline.timeRemaining(), SLICE_MS - (performance.now() - start)),
  });
  if (typeof w.requestIdleCallback === 'function' && typeof w.cancelIdleCallback === 'function') {
    const handle = w.requestIdleCallback((deadline) => work(capped(deadline, performance.now())), {
      timeout: IDLE_TIMEOUT_MS,
    });
    return () => w.cancelIdleCallback!(handle);
  }
  return soon(win, work);
}

/** Calls `work` with a full slice as soon as the current task ends, without waiting for idle time. */
export function soon(win: Window, work: (deadline: Deadline) => void): () => void {
  const handle = win.setTimeout(() => {
    const start = performance.now();
    work({ timeRemaining: () => SLICE_MS - (performance.now() - start) });
  }, 0);
  return () => win.clearTimeout(handle);
}
