// Finds phone numbers in one run of visible text. Pure: the DOM walk joins text nodes into such runs and
// maps the offsets found here back to nodes.
import { lastLabel, type LabelKind } from './labels';
import { fictionalToE164, toE164 } from './numbering';
import { isOtherShape } from './shapes';

export interface TextMatch {
  start: number;
  /** End of the number, extension included. */
  end: number;
  e164: string;
  extension?: string;
  /** What the words just before it call it, when they say anything. */
  label?: LabelKind;
}

/**
 * Where the DOM walk crossed an element's edge inside a run of inline text. It reads as a space between
 * words and between two numbers ("<span>Phone</span><span>4155550100</span>"), and as nothing beside
 * punctuation ("<b>415</b>-555-0100").
 */
export const EDGE = '\u0000';

/** Digits with the characters that may stand between them in a written number. */
const RUN = /[+\uff0b]?\(?\d(?:[\d \u00a0\u2009\u202f()./\u2010-\u2014\0-]*\d)?/g;
/** A gap between two digit groups that keeps them in one number: "-", ". ", ") ", " (", "/"… */
const NARROW_GAP =
  /^(?:\)?[ \u00a0\u2009\u202f]?\(?|\)?[-./\u2010-\u2014]\(?|[ \u00a0][-\u2010-\u2014][ \u00a0])$/;
const SPACE_GAP = /[ \u00a0\u2009\u202f\0]/;
const DIGITS = /\d+/g;
const EXTENSION =
  /[ \u00a0\0]*,?[ \u00a0\0]*(?:ext\.?|extn\.?|extension|x\.?|ext:|#)[ \u00a0\0]*(\d{1,7})(?!\d)/iy;
/** Signs that the digits continue an identifier, an amount or an address rather than start a phone. */
const GLUED_BEFORE = /[\p{L}\d#$€£¥₹@_&=%\\*]/u;
const JOINER = /[-/._:]/;
const GLUED_AFTER = /[\p{L}\d$€£¥₹%@_\\*°]/u;
const WORD_CHAR = /[\p{L}\d]/u;
const MIN_DIGITS = 8;
const MAX_DIGITS = 17;
/** Longest digit string written without any separator that is still read as a national number. */
const MAX_BARE_NATIONAL = 12;
const LABEL_WINDOW = 40;
/** Where the words that may label a number start: after the last digit or list separator before it. */
const LABEL_START = /[\d,;|•·\n\t][^\d,;|•·\n\t]*$/;

export interface TextOptions {
  /** Region of numbers written without + or IDD prefix. */
  region?: string;
  /** Accept numbers from ranges set aside for fiction too (demo pages). */
  allowFictional?: boolean;
}

/**
 * Digits and number punctuation in other forms libphonenumber's parser accepts (fullwidth, Arabic-Indic,
 * Eastern Arabic-Indic; fullwidth brackets, dash, dot and ideographic space), written as ASCII. Each is one
 * UTF-16 unit, so every offset stays where it was.
 */
export function foldDigits(text: string): string {
  return /[\u0660-\u0669\u06f0-\u06f9\uff08-\uff19\u3000]/.test(text)
    ? text.replace(/[\u0660-\u0669\u06f0-\u06f9\uff08-\uff19\u3000]/g, (c) => FOLD[c] ?? c)
    : text;
}
const FOLD: Record<string, string> = (() => {
  const map: Record<string, string> = {
    '\uff08': '(',
    '\uff09': ')',
    '\uff0d': '-',
    '\uff0e': '.',
    '\uff0f': '/',
  };
  map['\u3000'] = ' ';
  for (let d = 0; d < 10; d++) {
    for (const base of [0x0660, 0x06f0, 0xff10]) map[String.fromCharCode(base + d)] = String(d);
  }
  return map;
})();

export function findInText(raw: string, options: TextOptions = {}): TextMatch[] {
  const text = foldDigits(raw);
  const found: TextMatch[] = [];
  RUN.lastIndex = 0;
  for (let run = RUN.exec(text); run; run = RUN.exec(text)) {
    if (run[0].length < MIN_DIGITS) continue;
    for (const chunk of chunks(text, run.index, run.index + run[0].length)) {
      searchChunk(text, chunk, 0, chunk.length, options, found);
    }
  }
  return found;
}

/** Digit groups as flat [start, end, start, end…] offsets, split where a gap is too wide for one number. */
function chunks(text: string, from: number, to: number): number[][] {
  const result: number[][] = [];
  let current: number[] = [];
  DIGITS.lastIndex = from;
  for (let d = DIGITS.exec(text); d && d.index < to; d = DIGITS.exec(text)) {
    if (current.length > 0 && !narrowGap(text.slice(current[current.length - 1], d.index))) {
      result.push(current);
      current = [];
    }
    current.push(d.index, d.index + d[0].length);
  }
  if (current.length > 0) result.push(current);
  return result;
}

function narrowGap(gap: string): boolean {
  // One character between digit groups: any separator RUN admits keeps a number together, an edge does not.
  if (gap.length === 1) return gap !== EDGE;
  if (!gap.includes(EDGE)) return NARROW_GAP.test(gap);
  const bare = gap.replaceAll(EDGE, '');
  return bare !== '' && NARROW_GAP.test(bare);
}

/**
 * Finds the numbers among digit groups [from, to) of a chunk (offsets into `groups`, two per group).
 * The whole is tried first; when it is not a number, the longest part between spaces that is, preferring
 * the later one ("2024 415 555 0100"), and then the parts before and after it. Nothing is tried inside
 * text that is plainly something else (a card number, an IBAN glued to its country letters…).
 */
function searchChunk(
  text: string,
  groups: number[],
  from: number,
  to: number,
  options: TextOptions,
  found: TextMatch[],
): void {
  if (to <= from) return;
  const start = groups[from]!;
  const end = groups[to - 1]!;
  const whole = accept(text, start, end, options);
  if (whole) found.push(whole);
  if (whole !== undefined || isOtherShape(text.slice(start, end).replaceAll(EDGE, ''))) return;
  const bounds = [from];
  for (let i = from + 2; i < to; i += 2) {
    if (SPACE_GAP.test(text.slice(groups[i - 1], groups[i]))) bounds.push(i);
  }
  bounds.push(to);
  for (let size = bounds.length - 2; size > 0; size--) {
    for (let a = bounds.length - 1 - size; a >= 0; a--) {
      const part = accept(text, groups[bounds[a]!]!, groups[bounds[a + size]! - 1]!, options);
      if (part === undefined) continue;
      searchChunk(text, groups, from, bounds[a]!, options, found);
      if (part) found.push(part);
      searchChunk(text, groups, bounds[a + size]!, to, options, found);
      return;
    }
  }
}

function countDigits(s: string): number {
  let n = 0;
  for (let i = 0; i < s.length; i++) {
    const c = s.charCodeAt(i);
    if (c >= 48 && c <= 57) n++;
  }
  return n;
}

/**
 * The number written from `start` to `end`, or why not: `false` when the text there is plainly something
 * else (no part of it should be tried either), `undefined` when it is just not a valid number.
 */
function accept(
  text: string,
  start: number,
  end: number,
  options: TextOptions,
): TextMatch | false | undefined {
  // Take in a leading "+" or "(" and a closing ")" that belong to the number.
  if (text[start - 1] === '(') start--;
  if (text[start - 1] === '+' || text[start - 1] === '\uff0b') start--;
  else if (text[start - 1] === ' ' && text[start - 2] === '+') start -= 2;
  const raw = text.slice(start, end);
  const written = raw.includes(EDGE) ? raw.replaceAll(EDGE, '') : raw;
  const digits = countDigits(written);
  if (digits < MIN_DIGITS) return undefined;
  const international = written[0] === '+' || written[0] === '\uff0b';
  if (!international && digits > MAX_BARE_NATIONAL && /^\d+$/.test(written)) return false;
  if (gluedBefore(text, start)) return false;
  EXTENSION.lastIndex = end;
  const ext = EXTENSION.exec(text);
  const stop = ext ? end + ext[0].length : end;
  if (gluedAfter(text, stop)) return false;
  if (digits > MAX_DIGITS) return undefined;
  // Validity first: it rejects most look-alikes, and costs less than the shape and label checks.
  const e164 = toNumber(international ? written.replace('\uff0b', '+') : written, options);
  if (!e164) return undefined;
  // Bare digits that read as a number only by dropping more than an IDD prefix ("114147018910": a calling
  // code and a trunk prefix, FedEx's twelve digits) are an identifier: nobody writes a phone so unspaced.
  if (!international && digits - iddLength(written) > e164.length - 1 && /^\d+$/.test(written)) return false;
  if (isOtherShape(written[0] === '(' ? written.slice(1) : written)) return false;
  const label = labelBefore(text, start);
  if (label === 'other') return false;
  const match: TextMatch = { start, end: stop, e164 };
  if (ext) match.extension = ext[1];
  if (label) match.label = label;
  return match;
}

/** The E.164 form of a written number (no extension), or undefined when it is not a valid one. */
export function toNumber(written: string, { region, allowFictional }: TextOptions): string | undefined {
  return toE164(written, region) ?? (allowFictional ? fictionalToE164(written, region) : undefined);
}

function iddLength(written: string): number {
  return written.startsWith('011') ? 3 : written.startsWith('00') ? 2 : 0;
}

/** The label in the words just before a number, back to the nearest other number or list separator. */
function labelBefore(text: string, start: number): LabelKind | undefined {
  const before = text.slice(Math.max(0, start - LABEL_WINDOW), start);
  return lastLabel(before.slice(before.search(LABEL_START) + 1));
}

function gluedBefore(text: string, start: number): boolean {
  let i = start - 1;
  const edge = text[i] === EDGE;
  if (edge) i--;
  const c = text[i];
  if (c === undefined || (edge && WORD_CHAR.test(c))) return false;
  if (GLUED_BEFORE.test(c)) return true;
  // "ORD-1234567890", "v2.4.1234567", "INV/2024/…": a joiner right after a word or number.
  if (JOINER.test(c)) {
    const before = text[i - 1];
    if (before !== undefined && WORD_CHAR.test(before)) return !labelledJoiner(text, i);
  }
  return false;
}

/** "Tel.4155551234", "Phone:4155551234": a phone word glued to the number by punctuation. */
function labelledJoiner(text: string, joiner: number): boolean {
  const word = /[\p{L}]+$/u.exec(text.slice(Math.max(0, joiner - 12), joiner));
  return !!word && lastLabel(word[0]) === 'phone';
}

function gluedAfter(text: string, stop: number): boolean {
  let i = stop;
  const edge = text[i] === EDGE;
  if (edge) i++;
  const c = text[i];
  if (c === undefined || (edge && WORD_CHAR.test(c))) return false;
  if (GLUED_AFTER.test(c)) return true;
  // "4155551234-A7", "4155551234.5", "…/12": the digits go on as part of something else.
  if (JOINER.test(c) || c === ',') {
    const after = text[i + 1];
    return after !== undefined && WORD_CHAR.test(after);
  }
  return false;
}
