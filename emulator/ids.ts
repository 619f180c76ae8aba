// Identifiers. Data ids are deterministic (a counter kept in the state), so a seeded emulator always has the same
// ids; secrets (tokens, codes) are random because guessing them must not work.
import { randomBytes } from 'node:crypto';

export interface IdCounter {
  next: number;
}

/** Numeric-string ids like RingCentral's thread and message ids. */
export function nextNumericId(counter: IdCounter, prefix: string): string {
  counter.next += 1;
  return `${prefix}${String(counter.next).padStart(8, '0')}`;
}

/** A UUID-shaped id made from the counter: note ids are UUIDs in RingCentral's spec. */
export function nextUuid(counter: IdCounter): string {
  counter.next += 1;
  const hex = counter.next.toString(16).padStart(12, '0');
  return `7d1e0000-0000-4000-8000-${hex}`;
}

export function randomToken(bytes = 32): string {
  return randomBytes(bytes).toString('base64url');
}
