// OAuth errors: the spec's OauthInvalidRequest body (`error` + `errors[]`, plus RFC 6749's error_description).
import { RcError } from '../http/errors.ts';

export type OAuthErrorCode =
  | 'invalid_request'
  | 'invalid_client'
  | 'invalid_grant'
  | 'unauthorized_client'
  | 'unsupported_grant_type'
  | 'unsupported_response_type'
  | 'access_denied';

export function oauthError(error: OAuthErrorCode, errorCode: string, message: string, status = 400): RcError {
  return new RcError(status, [{ errorCode, message }], {}, error);
}

/** Where an authorize error goes once the redirect URI is trusted: back to the app as query parameters. */
export function errorRedirect(
  redirectUri: string,
  error: OAuthErrorCode,
  description: string,
  state?: string,
): string {
  const url = new URL(redirectUri);
  url.searchParams.set('error', error);
  url.searchParams.set('error_description', description);
  if (state) url.searchParams.set('state', state);
  return url.toString();
}
