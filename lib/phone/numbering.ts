// Turns the digits of a candidate into an E.164 number, or rejects it, by libphonenumber-js's rules for
// national prefixes, IDD prefixes and validity, applied to the compact data in ./metadata. A differential
// test holds it to libphonenumber-js itself; this exists because the library's code alone is 37 KB.
import { NUMBERING } from './metadata/data';
import type { RegionRule } from './metadata/types';

interface Region {
  callingCode: string;
  idd: RegExp;
  pattern: RegExp;
  lengths: number[];
  prefix?: RegExp;
  transform?: string;
  types?: Array<{ pattern: RegExp; lengths: number[] }>;
  leadingDigits?: RegExp;
}

/** libphonenumber's bounds for a national significant number. */
const MIN_NSN = 2;
const MAX_NSN = 17;
/** IDD prefixes written on pages whatever the reader's region: most of the world's, and NANP's. */
const FOREIGN_IDD = /^(?:00|011)(?=[1-9])/;

const compiled = new Map<string, Region | null>();

function whole(pattern: string): RegExp {
  return new RegExp(`^(?:${pattern})$`);
}

function region(code: string): Region | undefined {
  let r = compiled.get(code);
  if (r === undefined) {
    const rule: RegionRule | undefined = NUMBERING.regions[code];
    r = rule ? compile(rule) : null;
    compiled.set(code, r);
  }
  return r ?? undefined;
}

function compile([
  callingCode,
  idd,
  pattern,
  lengths,
  prefix,
  transform,
  types,
  leading,
]: RegionRule): Region {
  return {
    callingCode,
    idd: new RegExp(`^(?:${idd})`),
    pattern: whole(pattern),
    lengths,
    prefix: prefix ? new RegExp(`^(?:${prefix})`) : undefined,
    transform: transform || undefined,
    types: types ? types.map(([p, l]) => ({ pattern: whole(p), lengths: l ?? lengths })) : undefined,
    leadingDigits: leading ? new RegExp(`^(?:${leading})`) : undefined,
  };
}

/** The main region of a calling code, whose national-prefix rules apply to all numbers under it. */
function mainRegion(callingCode: string): Region | undefined {
  const codes = NUMBERING.callingCodes[callingCode];
  return codes ? region(codes[0]!) : undefined;
}

function lengthFits(nsn: string, lengths: number[]): boolean {
  return lengths.length === 0 || lengths.includes(nsn.length);
}

function ofSomeType(r: Region, nsn: string): boolean {
  return !!r.types?.some((t) => t.lengths.includes(nsn.length) && t.pattern.test(nsn));
}

function validIn(r: Region, nsn: string): boolean {
  if (nsn.length < MIN_NSN || nsn.length > MAX_NSN || !r.pattern.test(nsn)) return false;
  // Where types exist, libphonenumber-js requires the number to be of one of them.
  return !r.types || ofSomeType(r, nsn);
}

interface Group {
  regions: Region[];
  /** The regions' leading-digit patterns as one expression: capture group i+1 is regions[i]'s. */
  leading?: RegExp;
}

const groups = new Map<string, Group>();

function group(callingCode: string): Group {
  let g = groups.get(callingCode);
  if (!g) {
    const regions = NUMBERING.callingCodes[callingCode]!.map((code) => region(code)!);
    const patterns = regions.map((r) =>
      r.leadingDigits ? `(${r.leadingDigits.source.slice(1)})` : '((?!))',
    );
    // One native match instead of one per region (NANP has 25); patterns with groups of their own cannot join.
    const joinable =
      regions.length > 1 && regions.every((r) => !/\((?!\?)/.test(r.leadingDigits?.source ?? ''));
    g = { regions, leading: joinable ? new RegExp(`^(?:${patterns.join('|')})`) : undefined };
    groups.set(callingCode, g);
  }
  return g;
}

/**
 * Whether `nsn` is valid under a calling code. Regions sharing one (NANP…) are told apart by the number:
 * by leading digits where a region has them, else by being of one of its types; when none claims it,
 * `fallback` judges (the reader's region for a national number, else the main region).
 */
function validUnder(callingCode: string, nsn: string, fallback: Region): boolean {
  const { regions, leading } = group(callingCode);
  if (regions.length === 1) return validIn(regions[0]!, nsn);
  const claimed = leading?.exec(nsn);
  const claimer = claimed ? claimed.indexOf(claimed[0], 1) - 1 : regions.length;
  for (let i = 0; i < regions.length; i++) {
    const r = regions[i]!;
    if (r.leadingDigits) {
      if (leading ? i === claimer : r.leadingDigits.test(nsn)) return validIn(r, nsn);
    } else if (validIn(r, nsn)) return true;
  }
  return validIn(fallback, nsn);
}

function tooLong(nsn: string, lengths: number[]): boolean {
  return lengths.length > 0 && nsn.length > lengths[lengths.length - 1]!;
}

/** Strips a national (trunk) prefix such as 0 or 1, the way libphonenumber-js does, when that is plausible. */
function stripNationalPrefix(digits: string, r: Region): string {
  const match = r.prefix?.exec(digits);
  if (!match) return digits;
  const groups = match.length - 1;
  const national =
    r.transform && groups > 0 && match[groups]
      ? digits.replace(r.prefix!, r.transform)
      : digits.slice(match[0].length);
  if (national === digits) return digits;
  if (r.pattern.test(digits) && !r.pattern.test(national)) return digits;
  if (r.lengths.length > 0 && (national.length < r.lengths[0]! || !lengthFits(national, r.lengths))) {
    return tooLong(national, r.lengths) ? national : digits;
  }
  return national;
}

function e164(callingCode: string, nsn: string): string {
  return `+${callingCode}${nsn}`;
}

/** Digits after a + or an IDD prefix: the calling code, then the national number. */
export function internationalToE164(digits: string): string | undefined {
  if (digits[0] === '0') return undefined;
  // Calling codes are prefix-free, so the first one found is the only one.
  for (let n = 1; n <= 3 && n < digits.length; n++) {
    const callingCode = digits.slice(0, n);
    const main = mainRegion(callingCode);
    if (!main) continue;
    const nsn = stripNationalPrefix(digits.slice(n), main);
    return validUnder(callingCode, nsn, main) ? e164(callingCode, nsn) : undefined;
  }
  return undefined;
}

/** Digits written without + or IDD prefix, read as a number of `regionCode`. */
export function nationalToE164(digits: string, regionCode: string): string | undefined {
  const r = region(regionCode);
  if (!r) return undefined;
  let nsn = stripNationalPrefix(digits, r);
  // "44 20 7946 0958" on a British page: the calling code written without its +.
  if (digits.startsWith(r.callingCode)) {
    const shorter = stripNationalPrefix(digits.slice(r.callingCode.length), r);
    if ((!r.pattern.test(nsn) && r.pattern.test(shorter)) || tooLong(nsn, r.lengths)) nsn = shorter;
  }
  return validUnder(r.callingCode, nsn, r) ? e164(r.callingCode, nsn) : undefined;
}

/**
 * The E.164 form of a written number, or undefined when it is not a valid number.
 * `written` may hold formatting (spaces, dashes, dots, brackets) but no extension.
 */
export function toE164(written: string, defaultRegion?: string): string | undefined {
  const digits = written.replace(/\D+/g, '');
  if (/^[\s(]*\+/.test(written)) return internationalToE164(digits);
  const home = defaultRegion ? region(defaultRegion) : undefined;
  if (!home)
    return FOREIGN_IDD.test(digits) ? internationalToE164(digits.replace(/^0(?:11|0)/, '')) : undefined;
  const idd = home.idd.exec(digits);
  if (idd && digits[idd[0].length] !== '0') return internationalToE164(digits.slice(idd[0].length));
  const national = nationalToE164(digits, defaultRegion!);
  if (national || !FOREIGN_IDD.test(digits)) return national;
  return internationalToE164(digits.replace(/^0(?:11|0)/, ''));
}

/** Whether libphonenumber-js's data knows this region (ISO 3166 alpha-2, upper case). */
export function isKnownRegion(code: string): boolean {
  return code in NUMBERING.regions;
}

/**
 * Ranges set aside for fiction, which demos and the emulator use: North America's 555 area code, the
 * UK's 07700 900xxx and Australia's 0491 57x xxx. libphonenumber-js (rightly) calls most of them invalid.
 */
const FICTIONAL = [/^\+1555\d{7}$/, /^\+447700900\d{3}$/, /^\+6149157\d{4}$/];

/** The E.164 form of a number from a fictional range, or undefined. */
export function fictionalToE164(written: string, defaultRegion?: string): string | undefined {
  const digits = written.replace(/\D+/g, '');
  let candidate: string | undefined;
  if (/^[\s(]*\+/.test(written)) candidate = `+${digits}`;
  else if (FOREIGN_IDD.test(digits)) candidate = `+${digits.replace(/^0(?:11|0)/, '')}`;
  else {
    const home = defaultRegion ? region(defaultRegion) : undefined;
    if (home) candidate = e164(home.callingCode, stripNationalPrefix(digits, home));
  }
  return candidate && FICTIONAL.some((range) => range.test(candidate)) ? candidate : undefined;
}
