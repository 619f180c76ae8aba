// RingCentral's rate limits (docs/emulator.md "Rate limits"): user-level sliding 60 s windows per
// (authenticated user, application, group); once a window is exceeded every request of that user and app in that
// group is refused for 60 s, and each refused request restarts the penalty. Above them sits a global defensive
// limit per client IP address, set well above one user's budget so that a team behind one office IP never meets it.
import type { Clock } from './clock.ts';
import type { ThrottleGroup } from './http/route.ts';

export const GROUP_LIMITS: Record<ThrottleGroup, number> = { Light: 50, Medium: 40, Heavy: 10, Auth: 5 };
/** The per-IP defensive limit is this many users' worth of each group. */
export const IP_LIMIT_FACTOR = 20;
export const WINDOW_S = 60;
export const PENALTY_S = 60;

export type Verdict =
  | { allowed: true; headers: Record<string, string> }
  | { allowed: false; retryAfter: number; headers: Record<string, string> };

/** Whose budget a request spends: a user of an app, or (nobody identified) the anonymous budget of its IP. */
export type RateSubject = { user: string; app: string } | { anonymousIp: string };

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

  /** Counts one request of `subject` in `group` (user level) and says whether it may proceed. */
  hit(subject: RateSubject, group: ThrottleGroup): Verdict {
    const key = 'user' in subject ? `user|${subject.user}|${subject.app}` : `anon|${subject.anonymousIp}`;
    return this.count(key, group, GROUP_LIMITS[group]);
  }

  /** The global defensive limit of one client address. */
  hitIp(ip: string, group: ThrottleGroup): Verdict {
    return this.count(`ip|${ip}`, group, GROUP_LIMITS[group] * IP_LIMIT_FACTOR);
  }

  private count(key: string, group: ThrottleGroup, limit: number): Verdict {
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
