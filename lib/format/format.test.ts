import { describe, expect, it } from 'vitest';
import { splitLinks } from './links';
import { formatPhone, homeCountry, parsePhoneInput } from './phone';
import { formatDuration } from './time';

describe('phone formatting', () => {
  it('shows numbers of the agent’s country nationally and others internationally', () => {
    expect(formatPhone('+16505550100', 'US')).toBe('(650) 555-0100');
    expect(formatPhone('+442079460000', 'US')).toBe('+44 20 7946 0000');
    expect(formatPhone('+442079460000', 'GB')).toBe('020 7946 0000');
  });

  it('reads the country from the locale and parses typed numbers to E.164', () => {
    expect(homeCountry('en-GB')).toBe('GB');
    expect(parsePhoneInput('(650) 555-0100', 'US')).toBe('+16505550100');
    expect(parsePhoneInput('+44 20 7946 0000', 'US')).toBe('+442079460000');
    expect(parsePhoneInput('12', 'US')).toBeUndefined();
  });
});

describe('links in untrusted text', () => {
  it('links only http(s) URLs and keeps sentence punctuation outside', () => {
    expect(splitLinks('See https://ex.com/a?b=1. Or javascript:alert(1) and ftp://x.y')).toEqual([
      { text: 'See ' },
      { text: 'https://ex.com/a?b=1', href: 'https://ex.com/a?b=1' },
      { text: '. Or javascript:alert(1) and ftp://x.y' },
    ]);
  });
});

describe('durations', () => {
  it('picks minutes, hours or days', () => {
    const now = Date.parse('2026-01-02T00:00:00Z');
    expect(formatDuration('2026-01-01T23:55:00Z', now, 'en')).toBe('5m');
    expect(formatDuration('2026-01-01T21:00:00Z', now, 'en')).toBe('3h');
    expect(formatDuration('2025-12-30T00:00:00Z', now, 'en')).toBe('3d');
  });
});
