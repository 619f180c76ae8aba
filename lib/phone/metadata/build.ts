// Derives the detector's numbering data from libphonenumber-js metadata, reading it through the library's
// own Metadata class so that its compact array layout stays the library's business. Build-time only: the
// content script imports the generated data, never this file.
import { Metadata, type CountryCode, type MetadataJson } from 'libphonenumber-js/core';
import type { NumberingData, RegionRule, TypeRule } from './types';

/** Every type libphonenumber-js validates with, fixed line first. */
const TYPES = [
  'FIXED_LINE',
  'MOBILE',
  'TOLL_FREE',
  'PREMIUM_RATE',
  'PERSONAL_NUMBER',
  'VOICEMAIL',
  'UAN',
  'PAGER',
  'VOIP',
  'SHARED_COST',
] as const;

/**
 * Calling codes whose regions keep their number-type patterns. libphonenumber-js uses types to validate
 * regions that share a calling code; they cost 8 KB in all. North America keeps them (its area-code list
 * is what tells 415-555-0100 from an account number); elsewhere the region's general pattern validates,
 * a little looser, which is enough for numbers written with + and saves 6.5 KB of the content script.
 */
export const TYPED_CALLING_CODES = new Set(['1']);

/** The parts of libphonenumber-js's numbering plan object used here (its typings declare fewer). */
interface Plan {
  callingCode(): string;
  IDDPrefix(): string;
  nationalNumberPattern(): string;
  possibleLengths(): number[] | undefined;
  nationalPrefixForParsing(): string | undefined;
  nationalPrefixTransformRule(): string | undefined;
  hasTypes(): boolean;
  leadingDigits(): string | undefined;
  type(name: string): { pattern(): string; possibleLengths(): number[] | undefined } | undefined;
}

export function buildNumberingData(json: MetadataJson, libraryVersion: string): NumberingData {
  const metadata = new Metadata(json);
  const callingCodes: Record<string, string[]> = {};
  const regions: Record<string, RegionRule> = {};
  // Geographic calling codes only: non-geographic ones (+800, +882…) are not numbers a customer texts from.
  for (const [callingCode, codes] of Object.entries(json.country_calling_codes)) {
    const geographic = (codes as string[]).filter((code) => code !== '001');
    if (geographic.length === 0) continue;
    callingCodes[callingCode] = geographic;
    for (const code of geographic) {
      metadata.selectNumberingPlan(code as CountryCode);
      regions[code] = regionRule(
        metadata.numberingPlan as unknown as Plan,
        TYPED_CALLING_CODES.has(callingCode),
      );
    }
  }
  return { source: `libphonenumber-js ${libraryVersion} min`, callingCodes, regions };
}

function regionRule(plan: Plan, typed: boolean): RegionRule {
  const lengths = plan.possibleLengths() ?? [];
  const rule: RegionRule = [
    plan.callingCode(),
    plan.IDDPrefix(),
    plan.nationalNumberPattern(),
    lengths,
    plan.nationalPrefixForParsing() ?? 0,
    plan.nationalPrefixTransformRule() ?? 0,
    typed && plan.hasTypes() ? typeRules(plan, lengths) : 0,
    plan.leadingDigits() ?? 0,
  ];
  while (rule.length > 4 && rule[rule.length - 1] === 0) rule.pop();
  return rule;
}

function typeRules(plan: Plan, regionLengths: number[]): TypeRule[] {
  const rules: TypeRule[] = [];
  for (const name of TYPES) {
    const type = plan.type(name);
    const pattern = type?.pattern();
    // An empty pattern means "same as fixed line" (NANP mobiles): nothing to add.
    if (!type || !pattern) continue;
    const lengths = type.possibleLengths();
    rules.push(lengths && !sameLengths(lengths, regionLengths) ? [pattern, lengths] : [pattern]);
  }
  return rules;
}

function sameLengths(a: number[], b: number[]): boolean {
  return a.length === b.length && a.every((n, i) => n === b[i]);
}
