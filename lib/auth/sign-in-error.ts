// Why a sign-in failed, in words for the agent: cancelled by the user, rate limited, wrong credentials, server
// unreachable, or refused by RingCentral. Never "cancelled" for a 429. Pure, except the one probe of an
// authorization page the browser could not load (the auth window only tells us that it failed).
import { ProtocolError, type ProtocolErrorCode } from '../messaging';
import { retryAfterMs, type RcError } from '../rc/errors';

export type SignInProblem = 'cancelled' | 'rateLimited' | 'wrongCredentials' | 'unreachable' | 'refused';

export interface SignInFailure {
  problem: SignInProblem;
  message: string;
}

const CODES: Record<SignInProblem, ProtocolErrorCode> = {
  cancelled: 'signedOut',
  rateLimited: 'rateLimited',
  wrongCredentials: 'signedOut',
  unreachable: 'offline',
  refused: 'signedOut',
};

/** The error that crosses to the page. */
export const toSignInError = (f: SignInFailure) => new ProtocolError(CODES[f.problem], f.message);

export const cancelled = (): SignInFailure => ({ problem: 'cancelled', message: 'Sign-in was cancelled.' });

function rateLimited(ms: number | undefined): SignInFailure {
  const s = Math.max(1, Math.ceil((ms ?? 60_000) / 1000));
  return {
    problem: 'rateLimited',
    message: `Too many sign-in attempts: RingCentral asks to wait ${s} s before trying again.`,
  };
}

const unreachable = (detail?: string): SignInFailure => ({
  problem: 'unreachable',
  message: `RingCentral's sign-in could not be reached${detail ? ` (${detail})` : ''}. Check your connection and the server address in Options.`,
});

const refused = (detail: string): SignInFailure => ({
  problem: 'refused',
  message: `RingCentral refused the sign-in: ${detail}`,
});

/**
 * What the auth window's rejection says. Chrome rejects with "The user did not approve access." when the
 * window is closed and "Authorization page could not be loaded." for a network error or an HTTP error status
 * on the page (a 429 included); Firefox says "User cancelled or denied access." when closed.
 */
export function launchRejection(e: unknown): 'closed' | 'pageFailed' {
  const text = e instanceof Error ? e.message : String(e);
  return /could not be loaded|failed to load|page load|net::/i.test(text) ? 'pageFailed' : 'closed';
}

/** The window could not load the authorization page: ask the page once ourselves, to say why. */
export async function probeAuthorizePage(
  url: string,
  fetchFn: typeof fetch = globalThis.fetch.bind(globalThis),
): Promise<SignInFailure> {
  let response: Response;
  try {
    response = await fetchFn(url, { redirect: 'manual', credentials: 'omit' });
  } catch (e) {
    return unreachable(e instanceof Error ? e.message : undefined);
  }
  if (response.status === 429) return rateLimited(retryAfterMs(response.headers));
  if (response.status >= 500) return unreachable(`HTTP ${response.status}`);
  if (response.status >= 400) {
    const text = await response.text().catch(() => '');
    return refused(errorText(text) ?? `HTTP ${response.status}`);
  }
  // The page answers now: whatever stopped it was passing.
  return { problem: 'unreachable', message: 'The sign-in page did not load. Please try again.' };
}

function errorText(body: string): string | undefined {
  try {
    const b = JSON.parse(body) as {
      message?: string;
      error_description?: string;
      errors?: Array<{ message?: string }>;
    };
    return b.errors?.[0]?.message ?? b.error_description ?? b.message;
  } catch {
    return undefined;
  }
}

/** The auth window came back with `error=…` instead of a code (RFC 6749 §4.1.2.1). */
export function redirectFailure(error: string, description: string): SignInFailure {
  if (error === 'access_denied') return cancelled();
  if (error === 'temporarily_unavailable') return unreachable(description);
  return refused(description);
}

/** A refused token request: exchanging the window's code, or a private app's JWT. */
export function tokenFailure(e: RcError, grant: 'code' | 'jwt'): SignInFailure {
  if (e.status === 429) return rateLimited(e.retryAfterMs);
  if (e.code === 'network' || e.code === 'timeout') return unreachable(e.message);
  if (e.status !== undefined && e.status >= 500) return unreachable(`HTTP ${e.status}`);
  const body = e.body as { error?: string } | undefined;
  const oauth = body?.error ?? e.code;
  // A refused code is our exchange's problem (used, expired); a refused JWT or app is the agent's credentials.
  if (grant === 'jwt' && (oauth === 'invalid_grant' || oauth === 'invalid_client' || e.status === 401)) {
    return {
      problem: 'wrongCredentials',
      message: `RingCentral did not accept the credentials: ${e.message}`,
    };
  }
  return refused(e.message);
}
