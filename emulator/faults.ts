// Fault switches for tests (POST /__emulator/faults): latency, random 5xx, a burst of 429s, dropped sockets,
// rate limits on/off, event filters a subscription accepts but does not deliver. Patches merge into the current switches.
import { z } from 'zod';

export const FaultPatch = z.object({
  latencyMs: z.number().int().min(0).max(60_000).optional(),
  errorRate: z.number().min(0).max(1).optional(),
  burst429: z
    .object({
      count: z.number().int().min(0).max(10_000),
      retryAfterSeconds: z.number().int().min(0).max(3600).optional(),
    })
    .optional(),
  dropSockets: z.boolean().optional(),
  rateLimits: z.boolean().optional(),
  /** Event filters (as a client writes them, `~` allowed) that new subscriptions accept but do not deliver. */
  disabledFilters: z.array(z.string().min(1).max(500)).max(20).optional(),
  /** Whether latency and errors also hit the OAuth endpoints (off by default so sign-in keeps working). */
  includeOAuth: z.boolean().optional(),
});
export type FaultPatch = z.infer<typeof FaultPatch>;

export interface FaultState {
  latencyMs: number;
  errorRate: number;
  burst429Remaining: number;
  burst429RetryAfter: number;
  dropSockets: boolean;
  disabledFilters: string[];
  includeOAuth: boolean;
}

export const noFaults = (): FaultState => ({
  latencyMs: 0,
  errorRate: 0,
  burst429Remaining: 0,
  burst429RetryAfter: 1,
  dropSockets: false,
  disabledFilters: [],
  includeOAuth: false,
});

export function applyFaultPatch(state: FaultState, patch: FaultPatch): FaultState {
  return {
    latencyMs: patch.latencyMs ?? state.latencyMs,
    errorRate: patch.errorRate ?? state.errorRate,
    burst429Remaining: patch.burst429 ? patch.burst429.count : state.burst429Remaining,
    burst429RetryAfter: patch.burst429?.retryAfterSeconds ?? state.burst429RetryAfter,
    dropSockets: patch.dropSockets ?? state.dropSockets,
    disabledFilters: patch.disabledFilters ?? state.disabledFilters,
    includeOAuth: patch.includeOAuth ?? state.includeOAuth,
  };
}
