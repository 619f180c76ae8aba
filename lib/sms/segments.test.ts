import { describe, expect, it } from 'vitest';
import { countSegments, describeChar } from './segments';

describe('countSegments', () => {
  it('counts an empty text as no segment with a full first one left', () => {
    expect(countSegments('')).toMatchObject({ encoding: 'GSM-7', segments: 0, remaining: 160 });
  });

  it('fits 160 GSM-7 characters in one segment and splits at 153 after that', () => {
    expect(countSegments('a'.repeat(160))).toMatchObject({ segments: 1, remaining: 0 });
    expect(countSegments('a'.repeat(161))).toMatchObject({ segments: 2, remaining: 306 - 161 });
    expect(countSegments('a'.repeat(306))).toMatchObject({ segments: 2, remaining: 0 });
    expect(countSegments('a'.repeat(307)).segments).toBe(3);
  });

  it('counts extension-table characters as two septets without leaving GSM-7', () => {
    const info = countSegments('€'.repeat(80));
    expect(info).toMatchObject({ encoding: 'GSM-7', units: 160, segments: 1 });
    expect(countSegments('{'.repeat(81)).segments).toBe(2);
  });

  it('switches to UCS-2 and names the first character that forced it', () => {
    const info = countSegments('Hello “there” 😀');
    expect(info.encoding).toBe('UCS-2');
    expect(info.ucs2Char).toBe('“');
    expect(info.ucs2Index).toBe(6);
    expect(info.segments).toBe(1);
    expect(info.remaining).toBe(70 - 'Hello “there” 😀'.length);
  });

  it('uses 70 then 67 UTF-16 units per UCS-2 segment, emoji counting twice', () => {
    expect(countSegments('é'.repeat(70)).encoding).toBe('GSM-7');
    expect(countSegments('ж'.repeat(70))).toMatchObject({ encoding: 'UCS-2', segments: 1, remaining: 0 });
    expect(countSegments('ж'.repeat(71))).toMatchObject({ segments: 2, remaining: 134 - 71 });
    expect(countSegments('😀'.repeat(35))).toMatchObject({ units: 70, segments: 1 });
  });

  it('flags texts over the 1,000-character limit', () => {
    expect(countSegments('a'.repeat(1000)).overLimit).toBe(false);
    expect(countSegments('a'.repeat(1001)).overLimit).toBe(true);
  });
});

describe('describeChar', () => {
  it('shows printable characters with their code point and invisible ones by code point only', () => {
    expect(describeChar('😀')).toBe('“😀” (U+1F600)');
    expect(describeChar('\u00a0')).toBe('U+00A0');
  });
});
