import { describe, expect, it } from 'vitest';
import {
  addPageHints,
  cleanName,
  MAX_HINT_ORIGINS,
  MAX_HINTS_PER_ORIGIN,
  nameWithSource,
  resolveName,
  setAgentName,
  setCrmName,
  verifiedName,
  type ContactBook,
} from './names';

const A = '+15551230000';
const EVIL = 'https://evil.example';
const CRM = 'https://acme.my.salesforce.com';

describe('contact names', () => {
  it('prefers the agent, then the CRM, then the newest page hint', () => {
    let book: ContactBook = addPageHints({}, CRM, { [A]: 'Hint Old' }, 1);
    book = addPageHints(book, 'https://other.example', { [A]: 'Hint New' }, 2);
    expect(resolveName(book, A)).toEqual({
      name: 'Hint New',
      source: { kind: 'page', origin: 'https://other.example', at: 2 },
    });
    book = setCrmName(book, A, 'Ada From Crm', 'salesforce', 3);
    expect(resolveName(book, A)?.name).toBe('Ada From Crm');
    book = setAgentName(book, A, 'Ada Agent', 4);
    expect(resolveName(book, A)).toEqual({ name: 'Ada Agent', source: { kind: 'agent', at: 4 } });
    // A page hint arriving later changes nothing that is shown.
    book = addPageHints(book, EVIL, { [A]: 'Mallory' }, 5);
    expect(resolveName(book, A)?.name).toBe('Ada Agent');
    book = setAgentName(book, A, null, 6);
    expect(resolveName(book, A)?.name).toBe('Ada From Crm');
  });

  it('says where a page hint came from, and keeps hints out of merge fields', () => {
    const book = addPageHints({}, CRM, { [A]: 'Ada' }, 1);
    expect(nameWithSource(resolveName(book, A)!)).toBe('Ada (from acme.my.salesforce.com)');
    expect(verifiedName(book, A)).toBeUndefined();
    expect(verifiedName(setCrmName(book, A, 'Ada L', 'salesforce', 2), A)).toBe('Ada L');
    expect(nameWithSource(resolveName(setAgentName(book, A, 'Ada', 2), A)!)).toBe('Ada');
  });

  it("says which CRM a name came from, and nothing for the agent's own", () => {
    let book = setCrmName({}, A, 'Ada L', 'salesforce', 1);
    expect(nameWithSource(resolveName(book, A)!)).toBe('Ada L (from Salesforce)');
    book = setCrmName(book, A, 'Ada H', 'hubspot', 2);
    expect(nameWithSource(resolveName(book, A)!)).toBe('Ada H (from HubSpot)');
    // A CRM this build does not name is still shown as a source, never as the agent's own.
    expect(nameWithSource(resolveName(setCrmName({}, A, 'Ada Z', 'zoho', 1), A)!)).toBe('Ada Z (from zoho)');
    expect(nameWithSource(resolveName(setAgentName(book, A, 'Ada', 3), A)!)).toBe('Ada');
  });

  it('caps each site: a page inventing numbers evicts only its own hints', () => {
    let book: ContactBook = addPageHints({}, CRM, { [A]: 'Real Customer' }, 1);
    book = setCrmName(book, '+15550000001', 'Crm Name', 'hubspot', 1);
    const invented = Object.fromEntries(
      Array.from({ length: MAX_HINTS_PER_ORIGIN + 200 }, (_, i) => [
        `+1555${String(i).padStart(7, '0')}`,
        'Fake',
      ]),
    );
    book = addPageHints(book, EVIL, invented, 2);
    const evilCount = Object.values(book).filter((e) => e.hints?.[EVIL]).length;
    expect(evilCount).toBe(MAX_HINTS_PER_ORIGIN);
    expect(resolveName(book, A)?.name).toBe('Real Customer');
    expect(book['+15550000001']?.crm?.name).toBe('Crm Name');
    expect(book['+15550000001']?.hints?.[EVIL]).toBeUndefined();
  });

  it('keeps at most MAX_HINT_ORIGINS sites, dropping the stalest', () => {
    let book: ContactBook = {};
    for (let i = 0; i <= MAX_HINT_ORIGINS; i++) {
      book = addPageHints(
        book,
        `https://site${i}.example`,
        { [`+1555000${String(i).padStart(4, '0')}`]: 'N' },
        i,
      );
    }
    const origins = new Set(Object.values(book).flatMap((e) => Object.keys(e.hints ?? {})));
    expect(origins.size).toBe(MAX_HINT_ORIGINS);
    expect(origins.has('https://site0.example')).toBe(false);
  });

  it('returns the same book when a page repeats what it said, so nothing is written', () => {
    const book = addPageHints({}, CRM, { [A]: 'Ada' }, 1);
    expect(addPageHints(book, CRM, { [A]: ' Ada ' }, 2)).toBe(book);
  });

  it('cleans names: control and bidi characters out, whitespace collapsed, empty refused', () => {
    expect(cleanName('  Ada\u202e \n Lovelace\u0000 ')).toBe('Ada Lovelace');
    expect(cleanName('\u200b \t')).toBeUndefined();
    expect(cleanName('x'.repeat(500))).toHaveLength(120);
  });
});
