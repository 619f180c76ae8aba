import { describe, expect, it } from 'vitest';
import {
  block,
  groupOf,
  initialGroup,
  nextSendAt,
  observe,
  RateBudget,
  recordSend,
  usable,
  WINDOW_MS,
  type Clock,
  type GroupState,
} from './budget';

/** Sends as fast as the pure core allows, from `start` for `durationMs`, and returns the send times. */
function simulate(limit: number, arrivals: number[], durationMs: number): number[] {
  let state: GroupState = initialGroup(limit);
  const sent: number[] = [];
  for (const arrival of arrivals) {
    const at = nextSendAt(state, Math.max(arrival, sent.at(-1) ?? 0));
    if (at > durationMs) break;
    state = recordSend(state, at);
    sent.push(at);
  }
  return sent;
}

function maxInAnyWindow(times: number[]): number {
  let max = 0;
  for (let i = 0; i < times.length; i++) {
    let j = i;
    while (j < times.length && times[j]! < times[i]! + WINDOW_MS) j++;
    max = Math.max(max, j - i);
  }
  return max;
}

describe('rate budget core', () => {
  it('a burst of 200 requests never puts more than 80% of the limit in any 60 s window', () => {
    for (const limit of [50, 40, 10, 5]) {
      const sent = simulate(limit, new Array(200).fill(0), 10 * WINDOW_MS);
      expect(sent.length).toBeGreaterThan(usable(limit));
      expect(maxInAnyWindow(sent)).toBe(usable(limit));
    }
  });

  it('steady traffic at 2 requests per second stays under the Medium limit over 10 minutes', () => {
    const arrivals = Array.from({ length: 1200 }, (_, i) => i * 500);
    const sent = simulate(40, arrivals, 10 * WINDOW_MS);
    expect(maxInAnyWindow(sent)).toBeLessThanOrEqual(32);
    // It still makes progress: about 32 per minute.
    expect(sent.length).toBeGreaterThanOrEqual(32 * 9);
  });

  it('sends immediately while under budget', () => {
    expect(nextSendAt(recordSend(initialGroup(40), 1000), 1500)).toBe(1500);
  });

  it('Retry-After blocks the group until then', () => {
    const s = block(initialGroup(40), 1000, 30_000);
    expect(nextSendAt(s, 2000)).toBe(31_000);
    expect(nextSendAt(s, 40_000)).toBe(40_000);
  });

  it('server headers: nothing left blocks for the window, a low count slows down, a new limit is adopted', () => {
    expect(observe(initialGroup(40), 0, { remaining: 0, windowSeconds: 60 }).blockedUntil).toBe(60_000);
    expect(observe(initialGroup(40), 0, { remaining: 3 }).blockedUntil).toBe(WINDOW_MS / 40);
    expect(observe(initialGroup(40), 0, { remaining: 20 }).blockedUntil).toBe(0);
    expect(observe(initialGroup(40), 0, { limit: 100 }).limit).toBe(100);
  });

  it('groups endpoints as docs/emulator.md (Rate limits) says', () => {
    expect(groupOf('POST', '/restapi/oauth/token')).toBe('Auth');
    expect(groupOf('POST', 'https://x.test/restapi/oauth/wstoken')).toBe('Auth');
    expect(groupOf('GET', '/restapi/v1.0/account/~/message-threads/sync?syncType=ISync')).toBe('Medium');
    expect(groupOf('GET', '/restapi/v1.0/account/~/extension/~')).toBe('Light');
    expect(groupOf('GET', '/restapi/v1.0/account/~/extension/~/phone-number')).toBe('Light');
    expect(groupOf('GET', '/restapi/v1.0/account/~/extension/123/sms-recipients')).toBe('Light');
    expect(groupOf('GET', '/restapi/v1.0/account/~/extension/~/features')).toBe('Medium');
    expect(groupOf('GET', '/restapi/v1.0/account/~/call-queues')).toBe('Medium');
    expect(groupOf('GET', '/restapi/v1.0/account/~/sites')).toBe('Light');
    expect(groupOf('POST', '/restapi/v1.0/subscription')).toBe('Medium');
    expect(groupOf('GET', '/restapi/v1.0/subscription/abc')).toBe('Light');
  });
});

describe('RateBudget', () => {
  function fakeClock(): Clock & { t: number; sleeps: number[] } {
    const c = {
      t: 0,
      sleeps: [] as number[],
      now: () => c.t,
      sleep: async (ms: number) => {
        c.sleeps.push(ms);
        c.t += ms;
      },
    };
    return c;
  }

  it('waits instead of sending when the group is spent, and honours Retry-After', async () => {
    const clock = fakeClock();
    const budget = new RateBudget(clock);
    for (let i = 0; i < 4; i++) await budget.acquire('Auth');
    expect(clock.t).toBe(0);
    await budget.acquire('Auth');
    expect(clock.t).toBe(WINDOW_MS);
    budget.retryAfter('Medium', 5000);
    await budget.acquire('Medium');
    expect(clock.t).toBe(WINDOW_MS + 5000);
  });

  it('counts per user: another user’s session does not inherit what the last user sent', async () => {
    const clock = fakeClock();
    const budget = new RateBudget(clock);
    budget.countFor('101@server');
    for (let i = 0; i < 4; i++) await budget.acquire('Auth');
    budget.retryAfter('Medium', 5000);
    budget.countFor('101@server');
    expect(budget.waitMs('Auth')).toBe(WINDOW_MS);
    budget.countFor('202@server');
    expect(budget.waitMs('Auth')).toBe(0);
    expect(budget.waitMs('Medium')).toBe(0);
  });

  it('reads X-Rate-Limit-* headers, naming the group in lower case', () => {
    const clock = fakeClock();
    const budget = new RateBudget(clock);
    budget.observe(
      'Medium',
      new Headers({
        'X-Rate-Limit-Group': 'light',
        'X-Rate-Limit-Remaining': '0',
        'X-Rate-Limit-Window': '60',
      }),
    );
    expect(budget.waitMs('Light')).toBe(60_000);
    expect(budget.waitMs('Medium')).toBe(0);
  });
});
