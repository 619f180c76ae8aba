// What a sync failure means for the agent (pure): offline, rate-limited until a time, unreachable, or an error.
import type { ConnectionStatus } from '../storage';
import { addedJitter, exponentialMs } from '../util/backoff';

export interface FailureLike {
  status?: number;
  code?: string;
  retryAfterMs?: number;
  message?: string;
}

export function failureStatus(e: unknown, now: number, online = true): Partial<ConnectionStatus> {
  const err = (e ?? {}) as FailureLike;
  if (err.status === 429) {
    return { state: 'rateLimited', retryAt: now + (err.retryAfterMs ?? 60_000), message: err.message };
  }
  if (err.code === 'network' || err.code === 'timeout') {
    return { state: online ? 'unreachable' : 'offline', message: err.message };
  }
  if (err.status !== undefined && err.status >= 500) return { state: 'unreachable', message: err.message };
  return { state: 'error', message: err.message ?? String(e) };
}

/** Retry delay after `failures` consecutive failures: exponential from 2 s to 5 min, never before Retry-After. */
export function retryDelay(failures: number, e: unknown, jitter = Math.random()): number {
  const after = (e as FailureLike | undefined)?.retryAfterMs ?? 0;
  return Math.max(Math.round(addedJitter(exponentialMs(failures, 2_000, 300_000), jitter)), after);
}

/** Whether retrying can help (signed out and malformed requests will not heal by themselves). */
export function isRetryable(e: unknown): boolean {
  const err = (e ?? {}) as FailureLike;
  if (err.code === 'signedOut' || err.status === 401) return false;
  if (err.status !== undefined && err.status >= 400 && err.status < 500 && err.status !== 408) {
    return err.status === 429;
  }
  return true;
}
