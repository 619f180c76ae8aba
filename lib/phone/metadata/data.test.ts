import { describe, expect, it } from 'vitest';
import { NUMBERING } from './data';
import { currentNumberingData } from './generate';

describe('numbering data', () => {
  it('matches the installed libphonenumber-js (run lib/phone/metadata/generate.ts after updating it)', () => {
    expect(NUMBERING).toEqual(currentNumberingData());
  });

  it('holds every geographic calling code and the rules a region needs', () => {
    expect(Object.keys(NUMBERING.regions).length).toBeGreaterThan(240);
    expect(NUMBERING.callingCodes['1']![0]).toBe('US');
    const [callingCode, idd, pattern, lengths, nationalPrefix] = NUMBERING.regions.GB!;
    expect([callingCode, idd, lengths]).toEqual(['44', '00', [7, 9, 10]]);
    expect(new RegExp(`^(?:${pattern})$`).test('2079460958')).toBe(true);
    expect(nationalPrefix).toMatch(/^0/);
    expect(NUMBERING.callingCodes['800']).toBeUndefined();
  });
});
