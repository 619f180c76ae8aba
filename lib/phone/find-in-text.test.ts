import { describe, expect, it } from 'vitest';
import { findInText } from './find-in-text';

function numbers(text: string, region = 'US'): Array<[string, string, string?]> {
  return findInText(text, { region }).map((m) => {
    const found: [string, string, string?] = [text.slice(m.start, m.end), m.e164];
    if (m.extension) found.push(m.extension);
    return found;
  });
}

describe('findInText: formats', () => {
  it.each([
    ['(415) 555-2671', '+14155552671'],
    ['415-555-2671', '+14155552671'],
    ['415.555.2671', '+14155552671'],
    ['415 555 2671', '+14155552671'],
    ['4155552671', '+14155552671'],
    ['1-415-555-2671', '+14155552671'],
    ['1 (415) 555-2671', '+14155552671'],
    ['+1 415 555 2671', '+14155552671'],
    ['+1 (415) 555-2671', '+14155552671'],
    ['+14155552671', '+14155552671'],
    ['+1-415-555-2671', '+14155552671'],
    ['(415)\u00a0555-2671', '+14155552671'],
    ['(415)555-2671', '+14155552671'],
    ['415/555-2671', '+14155552671'],
    ['415\u2011555\u20112671', '+14155552671'],
  ])('reads the North American number %j', (text, e164) => {
    expect(numbers(text)).toEqual([[text, e164]]);
  });

  it.each([
    ['+44 20 7946 0958', '+442079460958'],
    ['+44 (0)20 7946 0958', '+442079460958'],
    ['+44-20-7946-0958', '+442079460958'],
    ['0044 20 7946 0958', '+442079460958'],
    ['011 44 20 7946 0958', '+442079460958'],
    ['+49 (0)30 12345678', '+493012345678'],
    ['0049 1512 3456826', '+4915123456826'],
    ['+33 6 12 34 56 78', '+33612345678'],
    ['0033 6 12 34 56 78', '+33612345678'],
    ['+61 412 345 678', '+61412345678'],
    ['+91 98765 43210', '+919876543210'],
    ['+81 90-1234-5678', '+819012345678'],
    ['011 81 90 1234 5678', '+819012345678'],
    ['+234 802 123 4567', '+2348021234567'],
  ])('reads the international number %j on a US page', (text, e164) => {
    expect(numbers(text)).toEqual([[text, e164]]);
  });

  it.each([
    ['020 7946 0958', 'GB', '+442079460958'],
    ['07911 123456', 'GB', '+447911123456'],
    ['030 12345678', 'DE', '+493012345678'],
    ['06 12 34 56 78', 'FR', '+33612345678'],
    ['(02) 9876 5432', 'AU', '+61298765432'],
    ['090-1234-5678', 'JP', '+819012345678'],
    ['98765 43210', 'IN', '+919876543210'],
  ])('reads %j as a national number of %s', (text, region, e164) => {
    expect(numbers(text, region)).toEqual([[text, e164]]);
  });

  it('does not read national numbers of another region as the default one', () => {
    expect(numbers('020 7946 0958', 'US')).toEqual([]);
    expect(numbers('06 12 34 56 78', 'US')).toEqual([]);
  });

  it.each([
    ['415-555-2671 x123', '123'],
    ['(415) 555-2671 ext. 1234', '1234'],
    ['415.555.2671 ext 45', '45'],
    ['+1 415 555 2671, extension 7', '7'],
  ])('keeps the extension of %j apart from the E.164', (text, extension) => {
    expect(numbers(text)).toEqual([[text, '+14155552671', extension]]);
  });

  it('finds numbers inside sentences and lists', () => {
    expect(numbers('Called back, reach her at (415) 555-2671 after 3pm')).toEqual([
      ['(415) 555-2671', '+14155552671'],
    ]);
    expect(numbers('tel 212 555 0198; fax 212 555 0199')).toEqual([
      ['212 555 0198', '+12125550198'],
      ['212 555 0199', '+12125550199'],
    ]);
    expect(numbers('415 555 2671 212 555 0198')).toEqual([
      ['415 555 2671', '+14155552671'],
      ['212 555 0198', '+12125550198'],
    ]);
  });

  it('prefers the later part when a chunk of spaced digits starts with something else', () => {
    expect(numbers('2024 415 555 2671')).toEqual([['415 555 2671', '+14155552671']]);
    expect(numbers('Phones 415 555 2671 2 times')).toEqual([['415 555 2671', '+14155552671']]);
  });

  it('reports a phone label written just before a number', () => {
    expect(findInText('Mobile No. 4155552671', { region: 'US' })[0]?.label).toBe('phone');
    expect(findInText('Tel.4155552671', { region: 'US' })[0]?.label).toBe('phone');
    expect(findInText('4155552671', { region: 'US' })[0]?.label).toBeUndefined();
  });

  it('accepts numbers from fictional ranges only when asked', () => {
    expect(findInText('+1 555-987-0101', { region: 'US' })).toEqual([]);
    expect(findInText('+1 555-987-0101', { region: 'US', allowFictional: true })[0]?.e164).toBe(
      '+15559870101',
    );
    expect(findInText('(555) 987-0101', { region: 'US', allowFictional: true })[0]?.e164).toBe(
      '+15559870101',
    );
    expect(findInText('+1 555-010-0101', { region: 'US', allowFictional: true })[0]?.e164).toBe(
      '+15550100101',
    );
    // Outside North America the same digits are read by that region's own rules.
    expect(findInText('(555) 987-0101', { region: 'GB', allowFictional: true })[0]?.e164).toBe(
      '+445559870101',
    );
  });
});

describe('findInText: look-alikes', () => {
  it.each([
    ['ISO date', '2024-01-31'],
    ['US date', '01/31/2024'],
    ['European date', '31.01.2024'],
    ['timestamp', '2024-01-31 14:05'],
    ['time', '14:05:59'],
    ['date range', '12/31/2024 - 01/15/2025'],
    ['ZIP', '94105'],
    ['ZIP+4', '94105-1234'],
    ['order number', 'ORD-4155552671'],
    ['order number with #', '#415555267'],
    ['invoice', 'INV-2024-415555'],
    ['case', 'Case 0004155526'],
    ['labelled account', 'Acct #4155552671'],
    ['labelled account no.', 'Account No. 4155552671'],
    ['labelled order', 'Order no: 212 555 0198'],
    ['labelled ticket', 'Ticket #2125550198'],
    ['labelled PO', 'PO 4500012345'],
    ['labelled balance', 'Balance 2125551234'],
    ['labelled serial', 'Serial number: 2125551234'],
    ['card', '4111 1111 1111 1111'],
    ['card containing a valid number', '3400 1177 5349 3719'],
    ['SSN', '415-55-2671'],
    ['money', '$4,155,552.71'],
    ['money with decimals', 'Price: 2125550198.00'],
    ['epoch milliseconds', '1717171717171'],
    ['IPv4', '192.168.100.200'],
    ['version', 'v4.15.5552671'],
    ['UPS tracking', '1Z415AA55526710001'],
    ['ISBN', '978-1-41-555267-1'],
    ['year range', '2015-2023'],
    ['UUID', '4155552671-4155-4555-a671-415555267100'],
    ['Salesforce id', '0035g0000415555AAF'],
    ['IBAN', 'DE89 3704 0044 0532 0130 00'],
    ['percentage', '2125550198%'],
    ['digits glued to letters', 'AB2125550198'],
    ['number continued by a slash', '212-555-0198/0199'],
  ])('rejects a %s: %j', (_kind, text) => {
    expect(numbers(text)).toEqual([]);
  });

  it('does not let a label before another number reach across it', () => {
    expect(numbers('Customer since 2019, 2125550198')).toEqual([['2125550198', '+12125550198']]);
    expect(numbers('Mobile: 212-555-0198 (Order 12)')).toEqual([['212-555-0198', '+12125550198']]);
  });

  it('lets a phone word win over an earlier identifier word', () => {
    expect(numbers('Account phone: 212-555-0198')).toEqual([['212-555-0198', '+12125550198']]);
  });
});

describe('forms libphonenumber accepts, and decoys real CRM pages hold', () => {
  const e164s = (text: string) => findInText(text, { region: 'US' }).map((m) => m.e164);

  it.each([
    ['（４１５）５３９－０３７９', '+14155390379'],
    ['+１ ６１７.８５２.５４８４', '+16178525484'],
    ['+١ ٢١٢.٣٨٥.٦٨٢٧', '+12123856827'],
    ['+۱ ۵۱۲ ۷۶۲ ۰۹۲۶', '+15127620926'],
  ])('reads %s in Unicode digits, at the same offsets', (text, e164) => {
    const [match] = findInText(text, { region: 'US' });
    expect(match?.e164).toBe(e164);
    expect(match?.end).toBe(text.length);
  });

  it.each([
    '9400 1234 5678 9012 3456 78',
    '4111 1111 1111 1111',
    '10.0.4855.4162',
    '8.12.4155.3902',
    // FedEx: 15 digits in fours after three (its first eleven read as +1 877 708 9443), and 12 bare digits
    // that read as "1 1 414 701 8910"; an account number in dashed fours that reads as a Danish number.
    '187 7708 9443 0951',
    '158 5619 6423 8262',
    '114147018910',
    '0045-2533-1138',
  ])('finds no phone in %s', (text) => expect(e164s(text)).toEqual([]));

  it.each([
    ['14155552671', '+14155552671'],
    ['1 877 708 9443', '+18777089443'],
    ['0044 20 7946 0958', '+442079460958'],
    ['0067 6559 8164', '+6765598164'],
    ['2024 415 555 2671', '+14155552671'],
    ['FedEx 1877 708 9443', '+18777089443'],
  ])('keeps the real phone %j beside those rules', (text, e164) => {
    expect(e164s(text)).toEqual([e164]);
  });
});
