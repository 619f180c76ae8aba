// Writing responses: JSON, empty, HTML, binary. Every response goes through here so headers stay consistent.
import type { ServerResponse } from 'node:http';
import { errorBody, type ErrorStyle, type RcError } from './errors.ts';

export function sendJson(
  res: ServerResponse,
  status: number,
  body: unknown,
  headers: Record<string, string> = {},
): void {
  if (res.headersSent) return;
  const text = JSON.stringify(body);
  res.writeHead(status, {
    ...headers,
    'Content-Type': 'application/json; charset=utf-8',
    'Content-Length': String(Buffer.byteLength(text)),
  });
  res.end(text);
}

export function sendEmpty(res: ServerResponse, status: number, headers: Record<string, string> = {}): void {
  if (res.headersSent) return;
  res.writeHead(status, { ...headers, 'Content-Length': '0' });
  res.end();
}

export function sendHtml(res: ServerResponse, status: number, html: string): void {
  if (res.headersSent) return;
  res.writeHead(status, {
    'Content-Type': 'text/html; charset=utf-8',
    'Content-Length': String(Buffer.byteLength(html)),
    'Cache-Control': 'no-store',
  });
  res.end(html);
}

export function sendBytes(
  res: ServerResponse,
  status: number,
  bytes: Uint8Array,
  headers: Record<string, string>,
): void {
  if (res.headersSent) return;
  res.writeHead(status, { ...headers, 'Content-Length': String(bytes.byteLength) });
  res.end(bytes);
}

export function redirect(res: ServerResponse, location: string): void {
  if (res.headersSent) return;
  res.writeHead(302, { Location: location, 'Content-Length': '0', 'Cache-Control': 'no-store' });
  res.end();
}

export function sendError(res: ServerResponse, error: RcError, style: ErrorStyle): void {
  sendJson(res, error.status, errorBody(error, style), error.headers);
}
