// Phone numbers as CRMs store them: free text in whatever format someone typed. These pure functions turn a
// thread's E.164 number into the forms a CRM search needs, and a stored value back into E.164 to tell which
// searched number a found record belongs to.
import { parsePhoneNumberFromString, type CountryCode } from 'libphonenumber-js/min';

/** The formats people type, for CRMs whose search matches the stored text exactly (HubSpot). */
export function formatVariants(e164: string): string[] {
  const parsed = parsePhoneNumberFromString(e164);
  if (!parsed) return [e164];
  const national = parsed.nationalNumber;
  const cc = parsed.countryCallingCode;
  const out = new Set<string>([
    e164,
    national,
    `${cc}${national}`,
    parsed.formatNational(),
    parsed.formatInternational(),
  ]);
  out.add(parsed.formatInternational().replace(/\s/g, '-'));
  if (cc === '1' && national.length === 10) {
    const [a, b, c] = [national.slice(0, 3), national.slice(3, 6), national.slice(6)];
    for (const v of [
      `${a}-${b}-${c}`,
      `${a}.${b}.${c}`,
      `${a} ${b} ${c}`,
      `+1 ${a}-${b}-${c}`,
      `+1 (${a}) ${b}-${c}`,
      `1-${a}-${b}-${c}`,
      `1 (${a}) ${b}-${c}`,
      `(${a})${b}-${c}`,
    ]) {
      out.add(v);
    }
  } else {
    out.add(parsed.formatNational().replace(/\s/g, ''));
  }
  return [...out];
}

/** Digit strings for a search that compares digits (Salesforce SOSL phone search): national and with country code. */
export function digitTerms(e164: string): string[] {
  const parsed = parsePhoneNumberFromString(e164);
  if (!parsed) return [e164.replace(/\D/g, '')];
  const national = String(parsed.nationalNumber);
  const terms = new Set([national, `${parsed.countryCallingCode}${national}`]);
  const trunk = parsed.formatNational().replace(/\D/g, '');
  if (trunk !== national) terms.add(trunk);
  return [...terms];
}

/** A stored value as E.164, reading it in the country of the number it was found for; undefined if unreadable. */
export function storedToE164(stored: string, like: string): string | undefined {
  const reference = parsePhoneNumberFromString(like);
  // Fictional ranges (555-01xx, 07700 900xxx) are not "valid", so `country` can be empty: fall back to the
  // countries that share the calling code.
  const country = (reference?.country ?? reference?.getPossibleCountries()[0]) as CountryCode | undefined;
  const parsed = parsePhoneNumberFromString(stored, country ?? 'US');
  return parsed?.isPossible() ? parsed.number : undefined;
}
