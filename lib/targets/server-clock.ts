// RingCentral's clock as this machine sees it (docs/architecture.md, "Server time"). Waiting times start at
// RingCentral's message times, so "now" must be RingCentral's too, or an agent whose computer runs a few
// minutes late would see a thread overdue minutes after a colleague does. Every HTTP answer carries the
// server's clock in its Date header (RFC 9110 §6.6.1; one-second resolution): the offset is that time minus
// the local time the answer arrived. A sample within TOLERANCE_MS of the held offset changes nothing (the
// header's rounding plus network delay); a larger one replaces it (the server's clock moved, or ours did).
import type { RcClient } from '../rc/client';

export const TOLERANCE_MS = 1_500;

/** Date headers are truncated to the second: the middle of that second is the best single guess. */
const HALF_SECOND = 500;

export interface ServerClock {
  /** Server time minus local time, in ms. */
  offsetMs: number;
}

/** One sample of the offset from a Date header read at local time `receivedAt`; undefined when unreadable. */
export function offsetFromDate(date: string | null | undefined, receivedAt: number): number | undefined {
  if (!date) return undefined;
  const at = Date.parse(date);
  return Number.isNaN(at) ? undefined : at + HALF_SECOND - receivedAt;
}

/** The offset to keep after a sample: the held one while the sample agrees with it, else the sample. */
export function nextOffset(held: number | undefined, sample: number): number {
  return held !== undefined && Math.abs(sample - held) <= TOLERANCE_MS ? held : sample;
}

/** The held offset in ms; none, or an unreadable stored value (another version wrote it), is 0: the machine's
 *  clock. */
export function offsetOf(clock: ServerClock | null | undefined): number {
  const offset: unknown = clock?.offsetMs;
  return typeof offset === 'number' && Number.isFinite(offset) ? offset : 0;
}

/** RingCentral's time now: local time corrected by the held offset (none yet: the machine's clock). */
export const serverNow = (clock: ServerClock | null | undefined, local = Date.now()): number =>
  local + offsetOf(clock);

/**
 * Feeds `onSample` with the Date header of every answer the client's SDK receives (successes and errors
 * alike, including the requests @ringcentral/subscriptions makes). Returns the unsubscribe.
 */
export function observeServerClock(
  client: Pick<RcClient, 'sdk'>,
  onSample: (offsetMs: number) => void,
  localNow: () => number = Date.now,
): () => void {
  const http = client.sdk.client();
  const read = (response: Response | undefined) => {
    const sample = offsetFromDate(response?.headers.get('Date'), localNow());
    if (sample !== undefined) onSample(sample);
  };
  const onSuccess = (response: Response) => read(response);
  const onError = (e: { response?: Response }) => read(e.response);
  http.on(http.events.requestSuccess, onSuccess);
  http.on(http.events.requestError, onError);
  return () => {
    http.off(http.events.requestSuccess, onSuccess);
    http.off(http.events.requestError, onError);
  };
}
