// RingCentral's error bodies (docs/emulator.md "Errors"). Thread endpoints answer `{errors:[…]}` only, like RingCentral's
// thread guides; the older endpoints (auth failures, rate limits, account APIs) also repeat `errorCode` and
// `message` at the top level, which is what @ringcentral/sdk turns into `e.message`.
export interface ApiErrorItem {
  errorCode: string;
  message: string;
  parameterName?: string;
  parameterValue?: string;
  [extra: string]: unknown;
}

export type ErrorStyle = 'thread' | 'legacy' | 'oauth';

export class RcError extends Error {
  constructor(
    readonly status: number,
    readonly errors: ApiErrorItem[],
    readonly headers: Record<string, string> = {},
    /** RFC 6749 error code, for OAuth endpoints. */
    readonly oauthError?: string,
  ) {
    super(errors[0]?.message ?? `HTTP ${status}`);
  }
}

export function errorBody(error: RcError, style: ErrorStyle): Record<string, unknown> {
  const first = error.errors[0];
  if (style === 'oauth' && error.oauthError) {
    return { error: error.oauthError, error_description: first?.message, errors: error.errors };
  }
  if (style === 'thread') return { errors: error.errors };
  return { errorCode: first?.errorCode, message: first?.message, errors: error.errors };
}

export const badParam = (parameterName: string, message?: string, errorCode = 'CMN-101'): RcError =>
  new RcError(400, [
    { errorCode, message: message ?? `Parameter [${parameterName}] value is invalid.`, parameterName },
  ]);

export const missingParam = (parameterName: string): RcError =>
  new RcError(400, [
    { errorCode: 'CMN-100', message: `Parameter [${parameterName}] is required.`, parameterName },
  ]);

export const malformedJson = (): RcError =>
  new RcError(400, [{ errorCode: 'CMN-103', message: 'The request body is not valid JSON.' }]);

export const notFound = (what: string, errorCode = 'CMN-102'): RcError =>
  new RcError(404, [{ errorCode, message: `Resource for parameter [${what}] is not found.` }]);

export const forbidden = (message: string, errorCode = 'CMN-408', extra: Record<string, unknown> = {}) =>
  new RcError(403, [{ errorCode, message, ...extra }]);

export const unauthorized = (errorCode: string, message: string): RcError =>
  new RcError(401, [{ errorCode, message }]);

export const tooLarge = (message: string, errorCode = 'CMN-114'): RcError =>
  new RcError(413, [{ errorCode, message }]);

export const internalError = (): RcError =>
  new RcError(500, [{ errorCode: 'CMN-203', message: 'Internal Server Error' }]);
