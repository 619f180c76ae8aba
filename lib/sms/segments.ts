// SMS segment counting (3GPP TS 23.038). A message stays in GSM-7 while every character is in the basic set
// or its extension table (extension characters cost two septets); one character outside both switches the
// whole message to UCS-2, which cuts a segment from 160 to 70 characters, so we name that character.
const GSM_BASIC =
  '@£$¥èéùìòÇ\nØø\rÅåΔ_ΦΓΛΩΠΨΣΘΞÆæßÉ !"#¤%&\'()*+,-./0123456789:;<=>?¡ABCDEFGHIJKLMNOPQRSTUVWXYZÄÖÑÜ§¿abcdefghijklmnopqrstuvwxyzäöñüà';
const GSM_EXTENDED = '\f^{}\\[~]|€';

const basic = new Set(GSM_BASIC);
const extended = new Set(GSM_EXTENDED);

/** RingCentral refuses longer texts. */
export const MAX_TEXT_LENGTH = 1000;

export type SmsEncoding = 'GSM-7' | 'UCS-2';

export interface SegmentInfo {
  encoding: SmsEncoding;
  /** Characters as the 1,000-character limit counts them (UTF-16 code units). */
  length: number;
  /** Septets (GSM-7) or UTF-16 code units (UCS-2) on the air. */
  units: number;
  segments: number;
  /** Units left before another segment starts. */
  remaining: number;
  /** The first character that forced UCS-2, if any. */
  ucs2Char?: string;
  /** Its index in the text (UTF-16), for pointing at it. */
  ucs2Index?: number;
  overLimit: boolean;
}

export function countSegments(text: string): SegmentInfo {
  let septets = 0;
  let ucs2Char: string | undefined;
  let ucs2Index: number | undefined;
  let index = 0;
  for (const ch of text) {
    if (basic.has(ch)) septets += 1;
    else if (extended.has(ch)) septets += 2;
    else if (ucs2Char === undefined) {
      ucs2Char = ch;
      ucs2Index = index;
    }
    index += ch.length;
  }
  const encoding: SmsEncoding = ucs2Char === undefined ? 'GSM-7' : 'UCS-2';
  const units = encoding === 'GSM-7' ? septets : text.length;
  const [single, multi] = encoding === 'GSM-7' ? [160, 153] : [70, 67];
  const segments = units === 0 ? 0 : units <= single ? 1 : Math.ceil(units / multi);
  const capacity = segments <= 1 ? single : segments * multi;
  return {
    encoding,
    length: text.length,
    units,
    segments,
    remaining: capacity - units,
    ...(ucs2Char !== undefined ? { ucs2Char, ucs2Index } : {}),
    overLimit: text.length > MAX_TEXT_LENGTH,
  };
}

/** How a character is shown when pointed out (whitespace and invisible ones by code point). */
export function describeChar(ch: string): string {
  const cp = ch.codePointAt(0) ?? 0;
  const hex = `U+${cp.toString(16).toUpperCase().padStart(4, '0')}`;
  return /^[\p{L}\p{N}\p{P}\p{S}]/u.test(ch) ? `“${ch}” (${hex})` : hex;
}
