// Client-side rate-limit budget (docs/emulator.md, Rate limits). RingCentral counts requests per user, app and group in a
// sliding 60 s window, and a request over the limit restarts a 60 s penalty ("429 trap"), so we would rather
// wait a little before sending than be locked out. The core is pure (state + timestamps in, decision out);
// RateBudget is the thin async wrapper the client awaits before each request.
import { sleep } from '../util/sleep';

export type RateGroup = 'Light' | 'Medium' | 'Heavy' | 'Auth';

export const RATE_LIMITS: Record<RateGroup, number> = { Light: 50, Medium: 40, Heavy: 10, Auth: 5 };
export const WINDOW_MS = 60_000;
/** Share of the limit we allow ourselves; the rest is headroom for other tabs, devices and clock skew. */
export const USE_RATIO = 0.8;

export interface GroupState {
  limit: number;
  /** Send times inside the current window, oldest first. */
  sent: number[];
  /** No sends before this time (Retry-After, or the server saying the window is spent). */
  blockedUntil: number;
}

export const initialGroup = (limit: number): GroupState => ({ limit, sent: [], blockedUntil: 0 });

export const usable = (limit: number) => Math.max(1, Math.floor(limit * USE_RATIO));

function inWindow(state: GroupState, now: number): number[] {
  return state.sent.filter((t) => t > now - WINDOW_MS);
}

/** Earliest time a request of this group may be sent. */
export function nextSendAt(state: GroupState, now: number): number {
  const sent = inWindow(state, now);
  const cap = usable(state.limit);
  const windowFree = sent.length < cap ? now : sent[sent.length - cap]! + WINDOW_MS;
  return Math.max(now, windowFree, state.blockedUntil);
}

/** Records a send at `now`; callers check nextSendAt first. */
export function recordSend(state: GroupState, now: number): GroupState {
  return { ...state, sent: [...inWindow(state, now), now] };
}

/** Retry-After (or a 429 without it): nothing is sent in this group before `now + ms`. */
export function block(state: GroupState, now: number, ms: number): GroupState {
  return { ...state, blockedUntil: Math.max(state.blockedUntil, now + ms) };
}

export interface ServerView {
  limit?: number;
  remaining?: number;
  windowSeconds?: number;
}

/** Folds X-Rate-Limit-* of a reply in. The server also counts other clients of the same user and app, so
 *  when it says little is left we slow down even if our own window looks empty. */
export function observe(state: GroupState, now: number, view: ServerView): GroupState {
  let next = state;
  if (view.limit && view.limit > 0 && view.limit !== state.limit) next = { ...next, limit: view.limit };
  if (view.remaining === undefined) return next;
  const windowMs = (view.windowSeconds ?? WINDOW_MS / 1000) * 1000;
  const reserve = next.limit - usable(next.limit);
  if (view.remaining <= 0) return block(next, now, windowMs);
  if (view.remaining <= reserve) return block(next, now, windowMs / next.limit);
  return next;
}

/** Which group an endpoint belongs to (docs/emulator.md, Rate limits); unknown endpoints count as Medium to be safe. */
export function groupOf(method: string, path: string): RateGroup {
  const p = path.replace(/^https?:\/\/[^/]+/, '').split('?')[0]!;
  if (p.startsWith('/restapi/oauth/')) return 'Auth';
  if (p.includes('/message-threads')) return 'Medium';
  if (/\/features$/.test(p) || /\/call-queues(\/|$)/.test(p)) return 'Medium';
  if (/\/subscription(\/|$)/.test(p)) return method === 'GET' || p.endsWith('/renew') ? 'Light' : 'Medium';
  if (/\/extension\/[^/]+(\/phone-number|\/sms-recipients)?$/.test(p) || /\/extension$/.test(p))
    return 'Light';
  if (/\/sites(\/|$)/.test(p)) return 'Light';
  return 'Medium';
}

export interface Clock {
  now(): number;
  sleep(ms: number): Promise<void>;
}

const realClock: Clock = {
  now: () => Date.now(),
  sleep,
};

/** One per RC client. Waits rather than sends when a group is spent. */
export class RateBudget {
  private readonly groups = new Map<RateGroup, GroupState>();
  private user: string | undefined;

  constructor(
    private readonly clock: Clock = realClock,
    limits: Record<RateGroup, number> = RATE_LIMITS,
    /** Whether X-Rate-Limit-* headers steer the budget; off only where the server's limiter is off. */
    private readonly followServer = true,
  ) {
    for (const [g, limit] of Object.entries(limits)) this.groups.set(g as RateGroup, initialGroup(limit));
  }

  /** The user whose requests the budget counts (RingCentral counts per user and app): when another user's
   *  session begins on this client, what the previous one sent no longer counts against it. */
  countFor(user: string): void {
    if (this.user !== undefined && this.user !== user)
      for (const [g, state] of this.groups) this.groups.set(g, initialGroup(state.limit));
    this.user = user;
  }

  state(group: RateGroup): GroupState {
    return this.groups.get(group)!;
  }

  /** Time until a request of the group could go, 0 when it could go now. */
  waitMs(group: RateGroup): number {
    const now = this.clock.now();
    return nextSendAt(this.state(group), now) - now;
  }

  /** Resolves when a request of the group may be sent, and counts it as sent. */
  async acquire(group: RateGroup, signal?: AbortSignal): Promise<void> {
    for (;;) {
      signal?.throwIfAborted();
      const now = this.clock.now();
      const at = nextSendAt(this.state(group), now);
      if (at <= now) {
        this.groups.set(group, recordSend(this.state(group), now));
        return;
      }
      await this.clock.sleep(at - now);
    }
  }

  retryAfter(group: RateGroup, ms: number): void {
    this.groups.set(group, block(this.state(group), this.clock.now(), ms));
  }

  observe(group: RateGroup, headers: Headers): void {
    if (!this.followServer) return;
    const num = (name: string) => {
      const v = headers.get(name);
      const n = v === null ? NaN : Number(v);
      return Number.isFinite(n) ? n : undefined;
    };
    const named = parseGroup(headers.get('X-Rate-Limit-Group')) ?? group;
    this.groups.set(
      named,
      observe(this.state(named), this.clock.now(), {
        limit: num('X-Rate-Limit-Limit'),
        remaining: num('X-Rate-Limit-Remaining'),
        windowSeconds: num('X-Rate-Limit-Window'),
      }),
    );
  }
}

function parseGroup(value: string | null): RateGroup | undefined {
  if (!value) return undefined;
  const cap = (value[0]!.toUpperCase() + value.slice(1).toLowerCase()) as RateGroup;
  return cap in RATE_LIMITS ? cap : undefined;
}
