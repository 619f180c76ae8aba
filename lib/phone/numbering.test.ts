import { parsePhoneNumberFromString as parseWithLibrary } from 'libphonenumber-js/min';
import type { CountryCode } from 'libphonenumber-js/min';
import examples from 'libphonenumber-js/examples.mobile.json';
import { describe, expect, it } from 'vitest';
import { TYPED_CALLING_CODES } from './metadata/build';
import { NUMBERING } from './metadata/data';
import { fictionalToE164, isKnownRegion, toE164 } from './numbering';

/** A repeatable pseudo-random sequence, so a failure can be replayed. */
function digitsFrom(seed: number): (n: number) => string {
  let state = seed;
  return (n) => {
    let s = '';
    for (let i = 0; i < n; i++) {
      state = (state * 1103515245 + 12345) % 2147483648;
      s += Math.floor((state / 2147483648) * 10);
    }
    return s;
  };
}

function library(text: string, region?: string): string | undefined {
  const parsed = parseWithLibrary(text, region as CountryCode | undefined);
  return parsed?.isValid() ? parsed.number : undefined;
}

/**
 * Where we accept more than the library on purpose: 00 and 011 are read as IDD prefixes whatever the
 * reader's region (the library knows only the region's own), and outside North America regions that
 * share a calling code are validated by their general pattern, without the library's type patterns.
 */
function readOnPurpose(text: string, ours: string | undefined, theirs: string | undefined): boolean {
  if (theirs !== undefined || ours === undefined) return false;
  const callingCode = parseWithLibrary(ours)?.countryCallingCode;
  const shared = !!callingCode && NUMBERING.callingCodes[callingCode]!.length > 1;
  return /^(?:00|011)/.test(text.replace(/\D/g, '')) || (shared && !TYPED_CALLING_CODES.has(callingCode));
}

describe('toE164 agrees with libphonenumber-js', () => {
  const regions = Object.keys(examples) as CountryCode[];
  const digits = digitsFrom(42);

  it('on mutated example numbers of every region, read nationally and internationally', () => {
    const disagreements: string[] = [];
    let compared = 0;
    for (const region of regions) {
      const example = (examples as Record<string, string>)[region]!;
      for (let k = 0; k < 12; k++) {
        const cut = 1 + (k % Math.min(4, example.length - 1));
        let national = example.slice(0, -cut) + digits(cut);
        if (k === 10) national = national.slice(0, -1);
        if (k === 11) national += digits(1);
        const international = library(national, region) ?? `+${national}`;
        for (const [text, reader] of [
          [national, region],
          [international, region],
          [international, 'US'],
          [national, 'US'],
          [national, 'GB'],
        ] as const) {
          compared++;
          const ours = toE164(text, reader);
          const theirs = library(text, reader);
          if (ours !== theirs && !readOnPurpose(text, ours, theirs)) {
            disagreements.push(`${reader} ${text}: ${ours} vs ${theirs}`);
          }
        }
      }
    }
    expect(compared).toBeGreaterThan(10_000);
    expect(disagreements).toEqual([]);
  });

  it('on random North American digits, with and without trunk and country code', () => {
    const disagreements: string[] = [];
    for (let k = 0; k < 3000; k++) {
      const ten = digits(10);
      for (const text of [
        ten,
        `1${ten}`,
        `+1${ten}`,
        `(${ten.slice(0, 3)}) ${ten.slice(3, 6)}-${ten.slice(6)}`,
      ]) {
        if (toE164(text, 'US') !== library(text, 'US')) disagreements.push(text);
      }
    }
    expect(disagreements).toEqual([]);
  });
});

describe('toE164', () => {
  it('reads 00 and 011 as IDD prefixes wherever the reader is', () => {
    expect(toE164('0044 20 7946 0958', 'US')).toBe('+442079460958');
    expect(toE164('011 44 20 7946 0958', 'GB')).toBe('+442079460958');
    expect(toE164('0044 20 7946 0958')).toBe('+442079460958');
  });

  it('still reads a national number that starts like an IDD prefix as national first', () => {
    // 0114 is Sheffield's area code.
    expect(toE164('0114 496 0000', 'GB')).toBe('+441144960000');
  });

  it('needs a region for national numbers', () => {
    expect(toE164('(415) 555-2671')).toBeUndefined();
    expect(toE164('(415) 555-2671', 'ZZ')).toBeUndefined();
    expect(isKnownRegion('US')).toBe(true);
    expect(isKnownRegion('ZZ')).toBe(false);
  });

  it('rejects a calling code that does not exist and a + followed by 0', () => {
    expect(toE164('+999 123 456 789')).toBeUndefined();
    expect(toE164('+0 123 456 7890')).toBeUndefined();
  });
});

describe('fictionalToE164', () => {
  it('accepts the ranges set aside for fiction, read like any other number', () => {
    expect(toE164('+1 555-010-0101')).toBeUndefined();
    expect(fictionalToE164('+1 555-010-0101')).toBe('+15550100101');
    expect(fictionalToE164('(555) 987-0100', 'US')).toBe('+15559870100');
    expect(fictionalToE164('1 (555) 987-0100', 'CA')).toBe('+15559870100');
    expect(fictionalToE164('+44 7700 900123')).toBe('+447700900123');
    expect(fictionalToE164('07700 900123', 'GB')).toBe('+447700900123');
    expect(fictionalToE164('0044 7700 900123', 'US')).toBe('+447700900123');
    expect(fictionalToE164('+61 491 570 156')).toBe('+61491570156');
  });

  it('accepts nothing else', () => {
    expect(fictionalToE164('(555) 987-0100', 'GB')).toBeUndefined();
    expect(fictionalToE164('(415) 555-0100', 'US')).toBeUndefined();
    expect(fictionalToE164('+44 7700 901123')).toBeUndefined();
    expect(fictionalToE164('555 987 0100')).toBeUndefined();
  });
});
