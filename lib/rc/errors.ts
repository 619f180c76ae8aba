// RingCentral failures as one error type, and their agent-facing ProtocolError (lib/messaging.ts).
// The SDK's ApiError.message ignores errors[0] of a thread-API body (docs/emulator.md, Errors), so the body is re-read.
import { ProtocolError, type ProtocolErrorCode } from '../messaging';
import { RcErrorBody } from './schemas';

export class RcError extends Error {
  override name = 'RcError';
  status?: number;
  /** errors[0].errorCode, OAuth `error`, or one of: network, timeout, signedOut, http-<status>. */
  code: string;
  retryAfterMs?: number;
  body?: unknown;

  constructor(
    code: string,
    message: string,
    init: { status?: number; retryAfterMs?: number; body?: unknown; cause?: unknown } = {},
  ) {
    super(message, { cause: init.cause });
    this.code = code;
    this.status = init.status;
    this.retryAfterMs = init.retryAfterMs;
    this.body = init.body;
  }

  /** Worth retrying later: the request may succeed unchanged. */
  get transient(): boolean {
    return (
      this.code === 'network' ||
      this.code === 'timeout' ||
      this.status === 429 ||
      this.status === 408 ||
      (this.status !== undefined && this.status >= 500)
    );
  }

  /** Will fail again the same way: a 4xx that is not about the session or the rate. */
  get permanent(): boolean {
    return (
      this.status !== undefined &&
      this.status >= 400 &&
      this.status < 500 &&
      !this.transient &&
      this.code !== 'signedOut'
    );
  }

  /** The request may have reached the server although we saw no reply. */
  get ambiguous(): boolean {
    return this.code === 'network' || this.code === 'timeout' || (this.status ?? 0) >= 500;
  }
}

/** Parses a reply's error body; anything unparsable becomes undefined rather than a second error. */
export async function readErrorBody(response: Response): Promise<RcErrorBody | undefined> {
  try {
    const parsed = RcErrorBody.safeParse(await response.clone().json());
    return parsed.success ? parsed.data : undefined;
  } catch {
    return undefined;
  }
}

export function retryAfterMs(headers: Headers): number | undefined {
  const v = headers.get('Retry-After');
  if (v === null) return undefined;
  const seconds = Number(v);
  if (Number.isFinite(seconds)) return Math.max(0, seconds * 1000);
  const at = Date.parse(v);
  return Number.isNaN(at) ? undefined : Math.max(0, at - Date.now());
}

/** Builds the RcError of a non-2xx reply. */
export function errorFromReply(status: number, body: RcErrorBody | undefined, headers: Headers): RcError {
  const first = body?.errors?.[0];
  const code = first?.errorCode ?? body?.errorCode ?? body?.error ?? `http-${status}`;
  const message =
    first?.message ?? body?.message ?? body?.error_description ?? `RingCentral replied ${status}`;
  const retry = status === 429 ? (retryAfterMs(headers) ?? 30_000) : undefined;
  return new RcError(code, message, { status, body, retryAfterMs: retry });
}

interface SdkErrorLike {
  response?: Response | null;
  message?: string;
  name?: string;
}

/** Any failure of an SDK call (ApiError with or without a response, TypeError from fetch, abort) → RcError. */
export async function toRcError(e: unknown): Promise<RcError> {
  if (e instanceof RcError) return e;
  const err = (e ?? {}) as SdkErrorLike;
  if (err.response) {
    const body = await readErrorBody(err.response);
    return errorFromReply(err.response.status, body, err.response.headers);
  }
  if (err.name === 'TimeoutError' || err.name === 'AbortError') {
    return new RcError('timeout', 'RingCentral did not answer in time', { cause: e });
  }
  return new RcError('network', err.message || 'Network error', { cause: e });
}

const OPT_OUT_CODES = new Set(['SMS-RC-413', 'MSG-243', 'MSG-313']);

/** The protocol code and the agent-facing words for a failure. */
export function describeRcError(e: RcError): {
  code: ProtocolErrorCode;
  message: string;
  retryAfterMs?: number;
} {
  if (e.code === 'MSG-427') {
    return {
      code: 'notAssignee',
      message: 'Another agent is assigned to this conversation. Assign it to yourself to reply.',
    };
  }
  if (OPT_OUT_CODES.has(e.code) || /opt(ed)?[\s-]?out|unsubscribed/i.test(e.message)) {
    return { code: 'optedOut', message: 'This customer has opted out of texts from this number.' };
  }
  if (e.code === 'signedOut' || e.status === 401) {
    return { code: 'signedOut', message: 'You are signed out of RingCentral. Sign in again to continue.' };
  }
  if (e.status === 429) {
    const wait = e.retryAfterMs ?? 60_000;
    const s = Math.ceil(wait / 1000);
    return {
      code: 'rateLimited',
      message: `RingCentral is limiting requests. Try again in ${s} s.`,
      retryAfterMs: wait,
    };
  }
  if (e.code === 'network' || e.code === 'timeout') {
    return { code: 'offline', message: 'RingCentral cannot be reached. Check your connection.' };
  }
  if (e.status !== undefined && e.status >= 500) {
    return { code: 'server', message: 'RingCentral had a problem. Please try again shortly.' };
  }
  if (e.code === 'MSG-428' || /resolved|not open/i.test(e.message)) {
    return { code: 'threadResolved', message: 'This conversation was resolved. Start a new one to reply.' };
  }
  if (e.status === 404 || e.code === 'CMN-102') {
    return { code: 'notFound', message: 'That item no longer exists in RingCentral.' };
  }
  if (e.status === 403) return { code: 'forbidden', message: `RingCentral refused: ${e.message}` };
  return { code: 'invalidRequest', message: `RingCentral refused: ${e.message}` };
}

/** The ProtocolError a failure crosses contexts as (one already is one stays as it is). */
export async function toProtocolError(e: unknown): Promise<ProtocolError> {
  if (e instanceof ProtocolError) return e;
  const { code, message, retryAfterMs } = describeRcError(await toRcError(e));
  // No `cause`: the reply crosses to other contexts, and the agent needs only the code and the words.
  return new ProtocolError(code, message, { retryAfterMs });
}
