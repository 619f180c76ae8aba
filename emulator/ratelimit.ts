// RingCentral's rate limits (contract §12): sliding 60 s windows per (user, app, group); once a window is
// exceeded every request in that group is refused for 60 s, and each refused request restarts the penalty.
import type { Clock } from './clock.ts';
import type { ThrottleGroup } from './http/route.ts';

export const GROUP_LIMITS: Record<ThrottleGroup, number> = { Light: 50, Medium: 40, Heavy: 10, Auth: 5 };
export const WINDOW_S = 60;
export const PENALTY_S = 60;

export type Verdict =
  | { allowed: true; headers: Record<string, string> }
  | { allowed: false; retryAfter: number; headers: Record<string, string> };

interface Bucket {
  hits: number[];
  penaltyUntil: number;
}

export class RateLimiter {
  private readonly buckets = new Map<string, Bucket>();

  constructor(
    private readonly clock: Clock,
    public enabled = true,
  ) {}

  /** Counts one request for `key` (e.g. extension|client) in `group` and says whether it may proceed. */
  hit(key: string, group: ThrottleGroup): Verdict {
    const limit = GROUP_LIMITS[group];
    const base = {
      'X-Rate-Limit-Group': group.toLowerCase(),
      'X-Rate-Limit-Limit': String(limit),
      'X-Rate-Limit-Window': String(WINDOW_S),
    };
    if (!this.enabled)
      return { allowed: true, headers: { ...base, 'X-Rate-Limit-Remaining': String(limit) } };
    const now = this.clock.now();
    const id = `${key}|${group}`;
    const bucket = this.buckets.get(id) ?? { hits: [], penaltyUntil: 0 };
    this.buckets.set(id, bucket);
    const windowStart = now - WINDOW_S * 1000;
    while (bucket.hits.length > 0 && (bucket.hits[0] ?? 0) <= windowStart) bucket.hits.shift();
    if (now < bucket.penaltyUntil || bucket.hits.length >= limit) {
      bucket.penaltyUntil = now + PENALTY_S * 1000;
      return { allowed: false, retryAfter: PENALTY_S, headers: { ...base, 'X-Rate-Limit-Remaining': '0' } };
    }
    bucket.hits.push(now);
    return {
      allowed: true,
      headers: { ...base, 'X-Rate-Limit-Remaining': String(limit - bucket.hits.length) },
    };
  }

  reset(): void {
    this.buckets.clear();
  }
}
