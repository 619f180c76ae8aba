// PKCE (RFC 7636): plain (RingCentral's default method) and S256.
import { createHash } from 'node:crypto';

export type ChallengeMethod = 'plain' | 'S256';

const VERIFIER = /^[A-Za-z0-9\-._~]{43,128}$/;

export function challengeFor(verifier: string, method: ChallengeMethod): string {
  return method === 'plain' ? verifier : createHash('sha256').update(verifier).digest('base64url');
}

export function verifierMatches(
  challenge: string,
  method: ChallengeMethod,
  verifier: string | null,
): boolean {
  if (!verifier || !VERIFIER.test(verifier)) return false;
  return challengeFor(verifier, method) === challenge;
}
