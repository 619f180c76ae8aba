// OAuth authorization code + PKCE pieces (RFC 7636, docs/emulator.md, OAuth), with WebCrypto only: the SDK's
// loginUrl({usePKCE}) needs Node's crypto, which a Vite-built service worker does not have.

export function base64url(bytes: Uint8Array): string {
  let bin = '';
  for (const b of bytes) bin += String.fromCharCode(b);
  return btoa(bin).replace(/\+/g, '-').replace(/\//g, '_').replace(/=+$/, '');
}

/** 32 random bytes → a 43-character verifier (the RFC's recommended size). */
export function createVerifier(): string {
  return base64url(crypto.getRandomValues(new Uint8Array(32)));
}

export function createState(): string {
  return base64url(crypto.getRandomValues(new Uint8Array(16)));
}

export async function challengeS256(verifier: string): Promise<string> {
  const digest = await crypto.subtle.digest('SHA-256', new TextEncoder().encode(verifier));
  return base64url(new Uint8Array(digest));
}

export interface AuthorizeParams {
  server: string;
  clientId: string;
  redirectUri: string;
  state: string;
  challenge: string;
}

export function authorizeUrl(p: AuthorizeParams): string {
  const url = new URL('/restapi/oauth/authorize', p.server);
  url.search = new URLSearchParams({
    response_type: 'code',
    client_id: p.clientId,
    redirect_uri: p.redirectUri,
    state: p.state,
    code_challenge: p.challenge,
    code_challenge_method: 'S256',
  }).toString();
  return url.href;
}

export type RedirectResult = { ok: true; code: string } | { ok: false; error: string; message: string };

/** Reads the redirect the auth window ended on; the state must be the one we sent (CSRF). */
export function parseRedirect(responseUrl: string, expectedState: string): RedirectResult {
  const url = new URL(responseUrl);
  // Some servers answer in the fragment; RingCentral uses the query.
  const params = new URLSearchParams(url.search || url.hash.replace(/^#/, ''));
  const error = params.get('error');
  if (error) {
    return { ok: false, error, message: params.get('error_description') ?? `Sign-in failed (${error}).` };
  }
  if (params.get('state') !== expectedState) {
    return { ok: false, error: 'state_mismatch', message: 'Sign-in was interrupted. Please try again.' };
  }
  const code = params.get('code');
  if (!code) return { ok: false, error: 'no_code', message: 'RingCentral returned no authorization code.' };
  return { ok: true, code };
}
