// The rate limiter on its own: sliding windows per (user, app, group), the penalty that each refusal restarts, and
// the per-IP defensive limit far above one user's budget.
import { describe, expect, it } from 'vitest';
import { createClock } from './clock.ts';
import { GROUP_LIMITS, IP_LIMIT_FACTOR, RateLimiter } from './ratelimit.ts';

const a = { user: 'a', app: 'app1' };
const k = { user: 'k', app: 'app1' };

describe('RateLimiter', () => {
  it('slides the window and keeps groups, users and apps apart', () => {
    const clock = createClock();
    const limiter = new RateLimiter(clock);
    for (let i = 0; i < 5; i++) expect(limiter.hit(a, 'Auth').allowed).toBe(true);
    expect(limiter.hit(a, 'Auth')).toMatchObject({ allowed: false, retryAfter: 60 });
    expect(limiter.hit({ user: 'b', app: 'app1' }, 'Auth').allowed).toBe(true);
    expect(limiter.hit({ user: 'a', app: 'app2' }, 'Auth').allowed).toBe(true);
    expect(limiter.hit({ anonymousIp: '127.0.0.1' }, 'Auth').allowed).toBe(true);
    expect(limiter.hit(a, 'Light').headers).toMatchObject({
      'X-Rate-Limit-Group': 'light',
      'X-Rate-Limit-Remaining': '49',
    });
    clock.advance(120_001);
    expect(limiter.hit(a, 'Auth').allowed).toBe(true);
  });

  it('restarts the penalty on every refused request', () => {
    const clock = createClock();
    const limiter = new RateLimiter(clock);
    for (let i = 0; i < 10; i++) limiter.hit(k, 'Heavy');
    expect(limiter.hit(k, 'Heavy').allowed).toBe(false);
    clock.advance(50_000);
    expect(limiter.hit(k, 'Heavy').allowed).toBe(false);
    clock.advance(50_000);
    expect(limiter.hit(k, 'Heavy').allowed).toBe(false);
    clock.advance(60_001);
    expect(limiter.hit(k, 'Heavy').allowed).toBe(true);
  });

  it('holds one address to many users worth of requests', () => {
    const limiter = new RateLimiter(createClock());
    const limit = GROUP_LIMITS.Auth * IP_LIMIT_FACTOR;
    for (let i = 0; i < limit; i++) expect(limiter.hitIp('10.0.0.1', 'Auth').allowed).toBe(true);
    expect(limiter.hitIp('10.0.0.1', 'Auth').allowed).toBe(false);
    expect(limiter.hitIp('10.0.0.2', 'Auth').allowed).toBe(true);
  });

  it('lets everything through when disabled', () => {
    const limiter = new RateLimiter(createClock(), false);
    for (let i = 0; i < 100; i++) expect(limiter.hit(k, 'Auth').allowed).toBe(true);
  });
});
