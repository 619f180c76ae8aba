// The rate limiter on its own: sliding windows per key and group, and the penalty that each refusal restarts.
import { describe, expect, it } from 'vitest';
import { createClock } from './clock.ts';
import { RateLimiter } from './ratelimit.ts';

describe('RateLimiter', () => {
  it('slides the window and keeps groups and keys apart', () => {
    const clock = createClock();
    const limiter = new RateLimiter(clock);
    for (let i = 0; i < 5; i++) expect(limiter.hit('a', 'Auth').allowed).toBe(true);
    expect(limiter.hit('a', 'Auth')).toMatchObject({ allowed: false, retryAfter: 60 });
    expect(limiter.hit('b', 'Auth').allowed).toBe(true);
    expect(limiter.hit('a', 'Light').headers).toMatchObject({
      'X-Rate-Limit-Group': 'light',
      'X-Rate-Limit-Remaining': '49',
    });
  });

  it('restarts the penalty on every refused request', () => {
    const clock = createClock();
    const limiter = new RateLimiter(clock);
    for (let i = 0; i < 10; i++) limiter.hit('k', 'Heavy');
    expect(limiter.hit('k', 'Heavy').allowed).toBe(false);
    clock.advance(50_000);
    expect(limiter.hit('k', 'Heavy').allowed).toBe(false);
    clock.advance(50_000);
    expect(limiter.hit('k', 'Heavy').allowed).toBe(false);
    clock.advance(60_001);
    expect(limiter.hit('k', 'Heavy').allowed).toBe(true);
  });

  it('lets everything through when disabled', () => {
    const limiter = new RateLimiter(createClock(), false);
    for (let i = 0; i < 100; i++) expect(limiter.hit('k', 'Auth').allowed).toBe(true);
  });
});
