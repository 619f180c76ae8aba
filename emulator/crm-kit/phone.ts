// How the CRM emulators compare a search term with a stored phone value: by digits, whatever the formatting.
// A North American number matches with or without its leading country code 1 (docs/emulator.md, "Phone search").
export const digitsOf = (text: string): string => text.replace(/\D/g, '');

export function phoneDigitsMatch(stored: string, term: string): boolean {
  const a = digitsOf(stored);
  const b = digitsOf(term);
  if (a.length < 2 || b.length < 2) return false;
  if (a === b) return true;
  const nanp = (d: string) => (d.length === 11 && d.startsWith('1') ? d.slice(1) : d);
  return nanp(a) === nanp(b) && nanp(a).length === 10;
}
