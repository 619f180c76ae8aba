// One way to call a CRM: fetch with a timeout, JSON both ways, and every failure turned into a CrmApiError the
// agent can read (each CRM says how to read its error body and its rate-limit answers).
import { CrmApiError } from './types';

export interface CallResult {
  status: number;
  body: unknown;
  headers: Headers;
}

export interface ErrorReader {
  /** The CRM's own message and code from an error body. */
  (status: number, body: unknown, headers: Headers): CrmApiError;
}

const TIMEOUT_MS = 20_000;

export async function callJson(
  url: string,
  init: { method?: string; headers?: Record<string, string>; body?: unknown },
  readError: ErrorReader,
): Promise<CallResult> {
  let res: Response;
  try {
    res = await fetch(url, {
      method: init.method ?? 'GET',
      headers: {
        Accept: 'application/json',
        ...(init.body !== undefined ? { 'Content-Type': 'application/json' } : {}),
        ...init.headers,
      },
      ...(init.body !== undefined ? { body: JSON.stringify(init.body) } : {}),
      signal: AbortSignal.timeout(TIMEOUT_MS),
    });
  } catch (error) {
    throw new CrmApiError('network', `The CRM could not be reached (${(error as Error).message}).`);
  }
  const text = await res.text().catch(() => '');
  let body: unknown;
  try {
    body = text ? (JSON.parse(text) as unknown) : undefined;
  } catch {
    body = text;
  }
  if (res.status >= 400) throw readError(res.status, body, res.headers);
  return { status: res.status, body, headers: res.headers };
}

export function retryAfterMs(headers: Headers, fallbackMs: number): number {
  const value = Number(headers.get('retry-after'));
  return Number.isFinite(value) && value > 0 ? value * 1000 : fallbackMs;
}
