// The small HTTP kit both CRM emulators share: a typed error each CRM shapes its own way, bodies read with a size
// cap, CORS that exposes each CRM's limit headers, and a router keyed by method and path pattern.
import type { IncomingMessage, ServerResponse } from 'node:http';
import { isAllowedOrigin, isLoopback } from '../http/cors.ts';
import { Router, type HttpMethod } from '../http/router.ts';

export { isLoopback };

/** An error a CRM route throws; the CRM's `shape` turns it into that CRM's body. */
export class CrmError extends Error {
  constructor(
    readonly status: number,
    readonly code: string,
    message: string,
    readonly extra: Record<string, unknown> = {},
    readonly headers: Record<string, string> = {},
  ) {
    super(message);
  }
}

export interface CrmRequest {
  req: IncomingMessage;
  url: URL;
  params: Record<string, string>;
  ip: string;
  /** The rest of the path after the CRM's prefix. */
  path: string;
}

export type CrmReply =
  | { status: number; json?: unknown; headers?: Record<string, string> }
  | { status: number; html: string }
  | { status: 302; location: string };

export type CrmHandler = (request: CrmRequest) => CrmReply | Promise<CrmReply>;

export class CrmRouter {
  private readonly router = new Router<CrmHandler>();
  add(method: HttpMethod, pattern: string, handler: CrmHandler): void {
    this.router.add(method, pattern, handler);
  }
  match(method: string, path: string) {
    return this.router.match(method, path);
  }
}

export const KB = 1024;

export async function readText(req: IncomingMessage, limit: number): Promise<string> {
  const declared = Number(req.headers['content-length'] ?? NaN);
  if (Number.isFinite(declared) && declared > limit) {
    req.resume();
    throw new CrmError(413, 'REQUEST_TOO_LARGE', `The request body exceeds ${limit} bytes.`);
  }
  const chunks: Buffer[] = [];
  let size = 0;
  for await (const chunk of req) {
    const buf = chunk as Buffer;
    size += buf.byteLength;
    if (size > limit) {
      req.resume();
      throw new CrmError(413, 'REQUEST_TOO_LARGE', `The request body exceeds ${limit} bytes.`);
    }
    chunks.push(buf);
  }
  return Buffer.concat(chunks).toString('utf8');
}

/** A JSON body; undefined when empty; `JSON_PARSER_ERROR` (each CRM maps it) when not JSON. */
export async function readJsonBody(req: IncomingMessage, limit = 1024 * KB): Promise<unknown> {
  const text = await readText(req, limit);
  if (text.trim() === '') return undefined;
  try {
    return JSON.parse(text) as unknown;
  } catch {
    throw new CrmError(400, 'JSON_PARSER_ERROR', 'The request body is not valid JSON.');
  }
}

export async function readFormBody(req: IncomingMessage): Promise<URLSearchParams> {
  const type = (req.headers['content-type'] ?? '').split(';')[0]?.trim().toLowerCase();
  const text = await readText(req, 64 * KB);
  if (text && type !== 'application/x-www-form-urlencoded') {
    throw new CrmError(400, 'invalid_request', 'The body must be application/x-www-form-urlencoded.');
  }
  return new URLSearchParams(text);
}

/** CORS for the extension's pages; `expose` names the CRM's headers a browser must let the client read. */
export function applyCrmCors(req: IncomingMessage, res: ServerResponse, expose: string): boolean {
  const origin = req.headers.origin;
  if (isAllowedOrigin(origin)) {
    res.setHeader('Access-Control-Allow-Origin', origin);
    res.setHeader('Access-Control-Expose-Headers', expose);
    res.setHeader('Vary', 'Origin');
  }
  if (req.method !== 'OPTIONS') return false;
  if (!isAllowedOrigin(origin)) {
    res.writeHead(403, { 'Content-Length': '0' }).end();
    return true;
  }
  res.writeHead(204, {
    'Access-Control-Allow-Methods': 'GET, POST, PUT, PATCH, DELETE, OPTIONS',
    'Access-Control-Allow-Headers':
      'Authorization, Content-Type, Accept, X-Requested-With, Sforce-Call-Options',
    'Access-Control-Max-Age': '600',
    'Content-Length': '0',
  });
  res.end();
  return true;
}

export function writeReply(res: ServerResponse, reply: CrmReply, headers: Record<string, string> = {}): void {
  if (res.headersSent) return;
  for (const [name, value] of Object.entries(headers)) res.setHeader(name, value);
  if ('location' in reply) {
    res.writeHead(302, { Location: reply.location, 'Content-Length': '0', 'Cache-Control': 'no-store' });
    res.end();
    return;
  }
  if ('html' in reply) {
    res.writeHead(reply.status, {
      'Content-Type': 'text/html; charset=utf-8',
      'Content-Length': String(Buffer.byteLength(reply.html)),
      'Cache-Control': 'no-store',
    });
    res.end(reply.html);
    return;
  }
  if (reply.json === undefined) {
    res.writeHead(reply.status, { ...reply.headers, 'Content-Length': '0' });
    res.end();
    return;
  }
  const text = JSON.stringify(reply.json);
  res.writeHead(reply.status, {
    ...reply.headers,
    'Content-Type': 'application/json;charset=UTF-8',
    'Content-Length': String(Buffer.byteLength(text)),
  });
  res.end(text);
}

export const escapeHtml = (text: string): string => text.replace(/[&<>"']/g, (c) => `&#${c.charCodeAt(0)};`);
