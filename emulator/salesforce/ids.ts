// Salesforce record ids: a 3-character key prefix per object, 15 case-sensitive characters, and the 3-character
// case-insensitive suffix the API adds to make the 18-character form (docs/emulator.md, "Salesforce ids").
const BASE62 = '0123456789ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz';
const SUFFIX = 'ABCDEFGHIJKLMNOPQRSTUVWXYZ012345';

export function to18(id15: string): string {
  let suffix = '';
  for (let chunk = 0; chunk < 3; chunk++) {
    let bits = 0;
    for (let i = 0; i < 5; i++) {
      const c = id15.charAt(chunk * 5 + i);
      if (c >= 'A' && c <= 'Z') bits |= 1 << i;
    }
    suffix += SUFFIX.charAt(bits);
  }
  return id15 + suffix;
}

export function makeId(keyPrefix: string, n: number): string {
  let body = '';
  let rest = n;
  for (let i = 0; i < 9; i++) {
    body = BASE62.charAt(rest % 62) + body;
    rest = Math.floor(rest / 62);
  }
  // "5g" stands where a real id carries its pod and reserved characters.
  return to18(`${keyPrefix}5g${body}`.slice(0, 15).padEnd(15, '0'));
}

export const ID_PATTERN = /^[a-zA-Z0-9]{15}(?:[A-Z0-5]{3})?$/;

/** The 18-character form of a 15- or 18-character id, or undefined when it is not id-shaped. */
export function normalizeId(id: string): string | undefined {
  if (!ID_PATTERN.test(id)) return undefined;
  const to = to18(id.slice(0, 15));
  return id.length === 15 || to.toUpperCase() === id.toUpperCase() ? to : undefined;
}
