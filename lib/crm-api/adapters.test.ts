import { describe, expect, it } from 'vitest';
import { bodyHasMarker, communicationBody, parseSearch as parseHubSpot, searchBody } from './hubspot';
import { digitTerms, formatVariants, storedToE164 } from './numbers';
import {
  clip,
  findTaskSoql,
  parseLimitInfo,
  parseSearch as parseSalesforce,
  soslForNumbers,
  taskFields,
  taskSubject,
} from './salesforce';
import type { ActivityInput } from './types';

const input = (over: Partial<ActivityInput> = {}): ActivityInput => ({
  threadId: '123',
  record: { crm: 'salesforce', id: '003A', type: 'Contact', name: 'Ana Diaz', phones: [] },
  title: 'SMS conversation with Ana Diaz',
  transcript: 'line 1\nline <2>',
  startedAt: '2026-12-01T10:00:00.000Z',
  completed: false,
  ...over,
});

describe('numbers', () => {
  it('gives the formats people type and the digit forms SOSL compares', () => {
    expect(formatVariants('+15550100101')).toEqual(
      expect.arrayContaining([
        '(555) 010-0101',
        '+1 555-010-0101',
        '5550100101',
        '555.010.0101',
        '+15550100101',
        '1-555-010-0101',
      ]),
    );
    expect(formatVariants('+447700900456')).toEqual(
      expect.arrayContaining(['07700 900456', '+44 7700 900456']),
    );
    expect(digitTerms('+15550100101')).toEqual(['5550100101', '15550100101']);
    expect(digitTerms('+447700900456')).toEqual(
      expect.arrayContaining(['7700900456', '447700900456', '07700900456']),
    );
  });
  it('reads a stored value in the searched number’s country', () => {
    expect(storedToE164('(555) 010-0101', '+15550100101')).toBe('+15550100101');
    expect(storedToE164('07700 900456', '+447700900456')).toBe('+447700900456');
    expect(storedToE164('call me', '+15550100101')).toBeUndefined();
  });
});

describe('Salesforce adapter', () => {
  it('builds one SOSL phone search for a batch of numbers over contacts, leads and accounts', () => {
    const q = soslForNumbers(['+15550100101', '+15550100102']);
    expect(q).toMatch(
      /^FIND \{5550100101 OR 15550100101 OR 5550100102 OR 15550100102\} IN PHONE FIELDS RETURNING Contact\(/,
    );
    expect(q).toContain('Lead(Id, Name, Company, Phone, MobilePhone)');
    expect(q).toContain('Account(Id, Name, Phone)');
  });
  it('assigns found records to the numbers they hold and skips what it cannot read', () => {
    const body = {
      searchRecords: [
        {
          attributes: { type: 'Contact' },
          Id: '003A',
          Name: 'Ana',
          Phone: '(555) 010-0101',
          MobilePhone: null,
        },
        { attributes: { type: 'Lead' }, Id: '00QB', Name: 'Ben', MobilePhone: '+1 555-010-0102' },
        { attributes: { type: 'Opportunity' }, Id: '006C', Name: 'Deal' },
        { nonsense: true },
      ],
    };
    const found = parseSalesforce(body, ['+15550100101', '+15550100102']);
    expect(found.get('+15550100101')?.map((r) => r.id)).toEqual(['003A']);
    expect(found.get('+15550100102')?.map((r) => [r.id, r.type])).toEqual([['00QB', 'Lead']]);
    expect(parseSalesforce('garbage', ['+15550100101']).get('+15550100101')).toEqual([]);
  });
  it('keeps the thread key in the Subject within 255 characters and looks it up with escaped LIKE', () => {
    const subject = taskSubject('x'.repeat(300), '42');
    expect(subject).toHaveLength(255);
    expect(subject.endsWith('[ThreadDesk 42]')).toBe(true);
    expect(findTaskSoql("4_2'")).toContain("LIKE '%[ThreadDesk 4\\_2\\']'");
  });
  it('writes a Task linked to the contact, Completed when resolved, subtype only on create', () => {
    expect(taskFields(input(), 'create')).toMatchObject({
      TaskSubtype: 'Task',
      Type: 'SMS',
      WhoId: '003A',
      Status: 'In Progress',
      ActivityDate: '2026-12-01',
    });
    const update = taskFields(input({ completed: true }), 'update');
    expect(update).toMatchObject({ Status: 'Completed' });
    expect(update).not.toHaveProperty('TaskSubtype');
    expect(
      taskFields(
        input({ record: { crm: 'salesforce', id: '001X', type: 'Account', name: 'Acme', phones: [] } }),
        'create',
      ),
    ).toMatchObject({ WhatId: '001X' });
  });
  it('clips a long transcript from the oldest end and reads Sforce-Limit-Info', () => {
    const clipped = clip(`old\n${'y'.repeat(40)}`, 35);
    expect(clipped).toHaveLength(35);
    expect(clipped.startsWith('… (earlier messages omitted)')).toBe(true);
    expect(parseLimitInfo('api-usage=18/15000')).toEqual({ used: 18, max: 15000 });
    expect(parseLimitInfo(null)).toBeUndefined();
  });
});

describe('HubSpot adapter', () => {
  it('searches phone and mobilephone with the formats of every number in OR-ed groups', () => {
    const body = searchBody(['+15550100101']);
    expect(body.filterGroups.map((g) => g.filters[0]?.propertyName)).toEqual(['phone', 'mobilephone']);
    expect(body.filterGroups[0]?.filters[0]?.values).toContain('(555) 010-0101');
  });
  it('maps contacts to numbers and escapes the transcript in the body, marker first', () => {
    const found = parseHubSpot(
      {
        results: [
          { id: '7', properties: { firstname: 'Ana', lastname: 'Diaz', mobilephone: '555.010.0101' } },
          { id: 8 },
        ],
      },
      ['+15550100101'],
    );
    expect(found.get('+15550100101')?.map((r) => r.name)).toEqual(['Ana Diaz']);
    const html = communicationBody(input({ completed: true }));
    expect(html).toContain('<p>line &#60;2&#62;</p>');
    expect(html).toContain('Conversation resolved.');
    expect(bodyHasMarker(html, '123')).toBe(true);
    expect(bodyHasMarker(html, '12')).toBe(false);
  });
});
