// Written shapes that are something else even when their digits would make a valid phone number:
// dates, IPs, versions, card, tracking and social-security numbers, ISBNs, money, ranges of years. Pure string
// tests.

const SHAPES: readonly RegExp[] = [
  // 2024-01-31, 2024/1/31, 2024.01.31
  /^(?:1[89]|20)\d\d([-./ ])[01]?\d\1[0-3]?\d$/,
  // 31.01.2024, 01/31/2024, 31-01-24
  /^[0-3]?\d([-./])[0-3]?\d\1(?:\d\d)?\d\d$/,
  // 2019-2024, 1999–2003
  /^(?:1[89]|20)\d\d ?[-\u2010-\u2014/] ?(?:1[89]|20)?\d\d$/,
  // 10.0.19045.3693 (software versions: short major and minor, long build numbers)
  /^\d{1,2}\.\d{1,2}\.\d{3,5}\.\d{3,5}$/,
  // 192.168.10.1
  /^\d{1,3}(?:\.\d{1,3}){3}$/,
  // 123-45-6789
  /^\d{3}([- ])\d\d\1\d{4}$/,
  // 4111 1111 1111 1111, 3400 000000 00009; USPS tracking 9400 1000 0000 0000 0000 00, FedEx 15-digit
  // 123 4567 8901 2345 (groups of four, the first of three or four)
  /^\d{3,4}([- ])\d{4}\1\d{4}(?:\1\d{4}){0,3}\1\d{1,7}$/,
  // 0045-2533-1138: account and reference numbers in dashed fours (no numbering plan groups phones so)
  /^\d{4}-\d{4}-\d{4}$/,
  /^3\d{3}([- ])\d{6}\1\d{4,5}$/,
  // 978-3-16-148410-0
  /^97[89]([- ])\d{1,5}\1\d{1,7}\1\d{1,7}\1\d$/,
  // 12345-6789 (ZIP+4)
  /^\d{5}-\d{4}$/,
  // 1.234.567 (thousands), 12345.67 (decimals)
  /^\d{1,3}(?:\.\d{3}){2,}$/,
  /^\d+[.,]\d\d?$/,
];

/** All shapes in one expression (one native call per candidate), back-references renumbered to match. */
const ANY_SHAPE = (() => {
  let groups = 0;
  const parts = SHAPES.map((shape) => {
    const offset = groups;
    groups += (shape.source.match(/\((?!\?)/g) ?? []).length;
    return `(?:${shape.source.replace(/\\(\d)/g, (_, n: string) => `\\${offset + Number(n)}`)})`;
  });
  return new RegExp(parts.join('|'));
})();

/** Whether `written` (one candidate without extension or opening bracket) has the shape of something else. */
export function isOtherShape(written: string): boolean {
  return ANY_SHAPE.test(written);
}
