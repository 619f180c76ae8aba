// CORS for the extension's pages and the pages the emulator serves itself, nobody else (docs/emulator.md
// "Hardening"). The SDK sends Authorization, Content-Type, X-User-Agent and Client-Id; Retry-After and
// X-Rate-Limit-* must be exposed or browsers hide them.
import type { IncomingMessage, ServerResponse } from 'node:http';

const EXTENSION_ORIGIN = /^(chrome-extension|moz-extension):\/\/[a-z0-9-]+$/i;

const ALLOW_HEADERS = 'Authorization, Content-Type, X-User-Agent, Client-Id, Accept, X-Requested-With';
const EXPOSE_HEADERS =
  'Retry-After, X-Rate-Limit-Group, X-Rate-Limit-Limit, X-Rate-Limit-Remaining, X-Rate-Limit-Window, Content-Disposition, RCRequestId';
const ALLOW_METHODS = 'GET, POST, PUT, PATCH, DELETE, OPTIONS';

/** `ownOrigins`: the emulator's own origins (its pages, e.g. the demo CRM and the simulator). */
export function isAllowedOrigin(
  origin: string | undefined,
  ownOrigins: readonly string[] = [],
): origin is string {
  return typeof origin === 'string' && (EXTENSION_ORIGIN.test(origin) || ownOrigins.includes(origin));
}

/** Adds CORS headers for allowed origins; other origins get none (the browser then blocks the response). */
export function applyCors(req: IncomingMessage, res: ServerResponse, ownOrigins: readonly string[]): void {
  const origin = req.headers.origin;
  if (!isAllowedOrigin(origin, ownOrigins)) return;
  res.setHeader('Access-Control-Allow-Origin', origin);
  res.setHeader('Access-Control-Allow-Credentials', 'true');
  res.setHeader('Access-Control-Expose-Headers', EXPOSE_HEADERS);
  res.setHeader('Vary', 'Origin');
}

/** Answers a preflight; true when the request was one. */
export function answerPreflight(
  req: IncomingMessage,
  res: ServerResponse,
  ownOrigins: readonly string[],
): boolean {
  if (req.method !== 'OPTIONS') return false;
  const origin = req.headers.origin;
  if (!isAllowedOrigin(origin, ownOrigins) || req.url?.startsWith('/__emulator/')) {
    res.writeHead(403, { 'Content-Length': '0' }).end();
    return true;
  }
  res.writeHead(204, {
    'Access-Control-Allow-Origin': origin,
    'Access-Control-Allow-Credentials': 'true',
    'Access-Control-Allow-Methods': ALLOW_METHODS,
    'Access-Control-Allow-Headers': ALLOW_HEADERS,
    'Access-Control-Max-Age': '600',
    Vary: 'Origin',
    'Content-Length': '0',
  });
  res.end();
  return true;
}

export function isLoopback(address: string | undefined): boolean {
  if (!address) return false;
  return address === '::1' || address.startsWith('127.') || address.startsWith('::ffff:127.');
}
