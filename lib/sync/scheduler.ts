// Debounced, single-flight runs of one sync stream. A burst of triggers becomes one run; triggers that land
// while a run is in flight schedule exactly one follow-up, because the running request may already have been
// answered before the change they announce. Runs draw on a small token bucket (3 runs, one more every 5 s):
// isolated pushes sync after the short debounce, while a sustained burst costs a handful of requests, not one
// per message, and two streams together stay well inside the Medium group's 40 requests a minute.

export interface SchedulerTiming {
  /** Delay of a run when the bucket has a token (ms). */
  debounceMs: number;
  /** Runs that may go back to back. */
  burst: number;
  /** One more run is allowed every refillMs. */
  refillMs: number;
}

export const DEFAULT_TIMING: SchedulerTiming = { debounceMs: 150, burst: 3, refillMs: 5_000 };

interface Deferred {
  promise: Promise<void>;
  resolve(): void;
  reject(e: unknown): void;
}

function deferred(): Deferred {
  let resolve!: () => void;
  let reject!: (e: unknown) => void;
  const promise = new Promise<void>((res, rej) => {
    resolve = res;
    reject = rej;
  });
  // Callers that fire and forget must not cause unhandled rejections.
  promise.catch(() => undefined);
  return { promise, resolve, reject };
}

export class StreamScheduler {
  private timer: ReturnType<typeof setTimeout> | undefined;
  private timerDue = 0;
  private running = false;
  /** Delay for the follow-up of the current run (the shortest any trigger during it asked for). */
  private followUpDelay: number | undefined;
  /** The run that has not started yet; every trigger before it starts waits for it. */
  private next: Deferred | undefined;
  private stopped = false;
  /** Run allowance (token bucket), as of `bucketAt`. */
  private tokens: number;
  private bucketAt = Date.now();
  private readonly timing: SchedulerTiming;
  /** Runs started, for tests and benchmarks. */
  runs = 0;

  constructor(
    private readonly run: () => Promise<void>,
    timing: Partial<SchedulerTiming> | number = {},
  ) {
    this.timing = { ...DEFAULT_TIMING, ...(typeof timing === 'number' ? { debounceMs: timing } : timing) };
    this.tokens = this.timing.burst;
  }

  /** Schedules a run after the debounce (or after `delayMs`, for retries). Resolves when that run is done. */
  trigger(delayMs = this.timing.debounceMs): Promise<void> {
    return this.request(delayMs, false);
  }

  /** No debounce and no burst spacing: for "sync now" and start-up. */
  now(): Promise<void> {
    return this.request(0, true);
  }

  get busy(): boolean {
    return this.running || this.timer !== undefined;
  }

  stop(): void {
    this.stopped = true;
    if (this.timer) clearTimeout(this.timer);
    this.timer = undefined;
    this.next?.resolve();
    this.next = undefined;
  }

  private request(delayMs: number, urgent: boolean): Promise<void> {
    if (this.stopped) return Promise.resolve();
    this.next ??= deferred();
    const promise = this.next.promise;
    if (!this.running) this.arm(delayMs, urgent);
    else this.followUpDelay = Math.min(this.followUpDelay ?? Infinity, urgent ? 0 : delayMs);
    return promise;
  }

  private refill(now: number): number {
    const { burst, refillMs } = this.timing;
    this.tokens = Math.min(burst, this.tokens + (now - this.bucketAt) / refillMs);
    this.bucketAt = now;
    return this.tokens;
  }

  /** Earliest time the bucket allows the next run. */
  private bucketFloor(now: number): number {
    const tokens = this.refill(now);
    return tokens >= 1 ? now : now + Math.ceil((1 - tokens) * this.timing.refillMs);
  }

  private arm(delayMs: number, urgent: boolean): void {
    const now = Date.now();
    const due = Math.max(now + delayMs, urgent ? 0 : this.bucketFloor(now));
    // An earlier pending run already covers this trigger; a retry delay never postpones a sooner run.
    if (this.timer !== undefined && this.timerDue <= due) return;
    if (this.timer !== undefined) clearTimeout(this.timer);
    this.timerDue = due;
    this.timer = setTimeout(() => void this.start(), due - now);
  }

  private async start(): Promise<void> {
    this.timer = undefined;
    const current = this.next;
    this.next = undefined;
    if (!current || this.stopped) return;
    this.tokens = Math.max(0, this.refill(Date.now()) - 1);
    this.running = true;
    this.runs++;
    try {
      await this.run();
      current.resolve();
    } catch (e) {
      current.reject(e);
    } finally {
      this.running = false;
      const delay = this.followUpDelay;
      this.followUpDelay = undefined;
      if (this.next && !this.stopped) this.arm(delay ?? this.timing.debounceMs, delay === 0);
    }
  }
}
