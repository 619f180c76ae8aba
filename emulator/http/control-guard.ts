// Who may use the test-control API under /__emulator/ (docs/emulator.md "Test-control API"): loopback peers that
// name a loopback host (a DNS-rebound page names its own host), with no Origin or the emulator's own (its
// simulator page), and JSON bodies only (an HTML form cannot send those cross-origin without a preflight, and
// these routes answer no preflight). Nothing here ever sends CORS headers.
import type { IncomingMessage } from 'node:http';
import { isLoopback } from './cors.ts';

const LOOPBACK_HOST = /^(localhost|127(?:\.\d{1,3}){3}|\[::1\])(:\d{1,5})?$/i;

export const CONTROL_PREFIX = '/__emulator/';

/** Why the request is refused, or null when it may reach a control route. */
export function controlRefusal(req: IncomingMessage): string | null {
  if (!isLoopback(req.socket.remoteAddress)) return 'The test-control API answers loopback peers only.';
  const host = req.headers.host ?? '';
  if (!LOOPBACK_HOST.test(host))
    return 'The test-control API answers requests for a loopback host name only.';
  const origin = req.headers.origin;
  if (origin !== undefined && origin !== `http://${host}`)
    return 'The test-control API answers no cross-origin requests.';
  const method = req.method ?? 'GET';
  if (method === 'GET' || method === 'HEAD') return null;
  const type = (req.headers['content-type'] ?? '').split(';')[0]?.trim().toLowerCase();
  if (type !== 'application/json')
    return 'The test-control API takes JSON bodies only (Content-Type: application/json).';
  return null;
}
