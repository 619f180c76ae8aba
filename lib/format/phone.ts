// Display formatting of E.164 numbers, and parsing what an agent types. Uses libphonenumber's small metadata.
import { parsePhoneNumberFromString, type CountryCode } from 'libphonenumber-js/min';

/** The agent's country from the browser locale ("en-US" → US), used to show local numbers nationally. */
export function homeCountry(
  locale: string = globalThis.navigator?.language ?? 'en-US',
): CountryCode | undefined {
  const region = /[-_]([A-Z]{2})\b/i.exec(locale)?.[1]?.toUpperCase();
  return region as CountryCode | undefined;
}

/** A number in its country's usual format: national for the agent's own country, international otherwise. */
export function formatPhone(e164: string | undefined, home: CountryCode | undefined = homeCountry()): string {
  if (!e164) return '';
  const parsed = parsePhoneNumberFromString(e164);
  if (!parsed) return e164;
  return parsed.country && parsed.country === home ? parsed.formatNational() : parsed.formatInternational();
}

/** A typed number as E.164, or undefined when it is not a possible number. */
export function parsePhoneInput(
  input: string,
  home: CountryCode | undefined = homeCountry(),
): string | undefined {
  const parsed = parsePhoneNumberFromString(input.trim(), home ?? 'US');
  return parsed?.isPossible() ? parsed.number : undefined;
}
