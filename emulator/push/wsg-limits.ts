// The session limits the gateway announces in ConnectionDetails (docs/emulator.md "Push", values from RingCentral's docs).
export const WSG_LIMITS = {
  maxConnectionsPerSession: 50,
  recoveryBufferSize: 100,
  recoveryTimeout: 180,
  idleTimeout: 1800,
  absoluteTimeout: 86400,
  maxActiveRequests: 10,
} as const;

/** Lifetime reported for a WebSocket subscription; it renews itself while the session lives. */
export const SUBSCRIPTION_EXPIRES_IN_S = 900;

/** RFC 6455 ping cadence and the pong deadline RingCentral documents (real time, not emulator time). */
export const DEFAULT_PING_INTERVAL_MS = 25_000;
export const PONG_TIMEOUT_MS = 10_000;

/** How often timeouts, faults and expired sessions are checked. */
export const DEFAULT_TICK_MS = 200;

/**
 * Delay between a successful recovery's ConnectionDetails and the replay of missed notifications. The official
 * client attaches its subscription listener only after ConnectionDetails resolves a promise; frames that Node's ws
 * emits in the same tick would reach no listener.
 */
export const REPLAY_DELAY_MS = 50;

/** Largest client frame accepted; subscription requests are tiny. */
export const MAX_CLIENT_FRAME_BYTES = 64 * 1024;

/**
 * Gateway error codes. WSG-400, WSG-1003 and WSG-1005 were observed against RingCentral, WSG-902/903 are
 * documented; the others are the emulator's own choice (RingCentral does not publish them).
 */
export const WSG_ERRORS = {
  malformedWsc: { errorCode: 'WSG-400', message: 'Malformed WebSocket session context token' },
  invalidAccessToken: { errorCode: 'WSG-401', message: 'Invalid or expired WebSocket access token' },
  malformedMessage: { errorCode: 'WSG-100', message: 'Malformed WebSocket message' },
  idleTimeout: { errorCode: 'WSG-902', message: 'Idle timeout expired' },
  absoluteTimeout: { errorCode: 'WSG-903', message: 'Absolute timeout expired' },
} as const;

export const RECOVERY_ERRORS = {
  sessionExpired: 'WSG-1001',
  otherAuthSession: 'WSG-1003',
  noSubscription: 'WSG-1005',
} as const;
