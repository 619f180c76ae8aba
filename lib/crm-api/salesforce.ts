// The Salesforce adapter: data and pure functions. SOSL phone search over Contact, Lead and Account; one Task per
// thread (Subject carries the thread key, TaskSubtype "Task" because Salesforce has no SMS subtype, Type "SMS");
// the shapes follow docs/emulator.md, "Salesforce".
import { z } from 'zod';
import { digitTerms, storedToE164 } from './numbers';
import type { ActivityInput, CrmRecord } from './types';

export const API_VERSION = 'v62.0';
/** Numbers per SOSL search: 3 terms each, well inside SOSL's search-string limits. */
export const SEARCH_BATCH = 20;

const PHONE_FIELDS = {
  Contact: ['Phone', 'MobilePhone', 'HomePhone', 'OtherPhone', 'AssistantPhone'],
  Lead: ['Phone', 'MobilePhone'],
  Account: ['Phone'],
} as const;

/** SOSL reserves these characters; digits never need it, but a term is escaped anyway. */
const escapeSosl = (term: string) => term.replace(/[?&|!{}[\]()^~*:\\"'+-]/g, '\\$&');

export function soslForNumbers(numbers: string[]): string {
  const terms = [...new Set(numbers.flatMap(digitTerms))].map(escapeSosl);
  const returning = (Object.keys(PHONE_FIELDS) as (keyof typeof PHONE_FIELDS)[])
    .map((type) => `${type}(Id, Name${type === 'Lead' ? ', Company' : ''}, ${PHONE_FIELDS[type].join(', ')})`)
    .join(', ');
  return `FIND {${terms.join(' OR ')}} IN PHONE FIELDS RETURNING ${returning}`;
}

const SearchRecord = z
  .object({
    attributes: z.object({ type: z.string() }),
    Id: z.string(),
    Name: z.string().nullish(),
    Company: z.string().nullish(),
  })
  .catchall(z.unknown());

/** Records found, by searched number; a record Salesforce answers that we cannot read is skipped. */
export function parseSearch(body: unknown, numbers: string[]): Map<string, CrmRecord[]> {
  const out = new Map<string, CrmRecord[]>(numbers.map((n) => [n, []]));
  const list = z.object({ searchRecords: z.array(z.unknown()) }).safeParse(body);
  if (!list.success) return out;
  for (const raw of list.data.searchRecords) {
    const parsed = SearchRecord.safeParse(raw);
    if (!parsed.success) continue;
    const type = parsed.data.attributes.type;
    if (type !== 'Contact' && type !== 'Lead' && type !== 'Account') continue;
    const phones = PHONE_FIELDS[type]
      .map((f) => parsed.data[f])
      .filter((v): v is string => typeof v === 'string' && v !== '');
    const record: CrmRecord = {
      crm: 'salesforce',
      id: parsed.data.Id,
      type,
      name: parsed.data.Name?.trim() || parsed.data.Id,
      phones,
      ...(parsed.data.Company ? { company: parsed.data.Company } : {}),
    };
    for (const number of numbers) {
      if (phones.some((p) => storedToE164(p, number) === number)) out.get(number)?.push(record);
    }
  }
  return out;
}

/** The key written into the Subject, looked up before creating, so a thread never gets two Tasks. */
export const threadMarker = (threadId: string) => `[ThreadDesk ${threadId}]`;

export function taskSubject(title: string, threadId: string): string {
  const marker = ` ${threadMarker(threadId)}`;
  return `${title.slice(0, 255 - marker.length)}${marker}`;
}

const soqlString = (text: string) => text.replace(/[\\']/g, '\\$&').replace(/[%_]/g, '\\$&');

export function findTaskSoql(threadId: string): string {
  return `SELECT Id, WhoId, WhatId, Status FROM Task WHERE Subject LIKE '%${soqlString(threadMarker(threadId))}' ORDER BY CreatedDate ASC LIMIT 10`;
}

/** Salesforce's long text area holds 32,000 characters: beyond that the oldest lines go. */
export const DESCRIPTION_MAX = 32_000;

export function clip(text: string, max: number): string {
  if (text.length <= max) return text;
  const note = '… (earlier messages omitted)\n';
  return note + text.slice(text.length - (max - note.length));
}

export function taskFields(input: ActivityInput, mode: 'create' | 'update'): Record<string, unknown> {
  const link = input.record.type === 'Account' ? { WhatId: input.record.id } : { WhoId: input.record.id };
  return {
    Subject: taskSubject(input.title, input.threadId),
    Description: clip(input.transcript, DESCRIPTION_MAX),
    Status: input.completed ? 'Completed' : 'In Progress',
    ...(mode === 'create'
      ? {
          TaskSubtype: 'Task',
          Type: 'SMS',
          ActivityDate: input.startedAt.slice(0, 10),
          Priority: 'Normal',
          ...link,
        }
      : {}),
  };
}

export const TaskFound = z.object({
  records: z.array(
    z
      .object({ Id: z.string(), WhoId: z.string().nullish(), WhatId: z.string().nullish() })
      .catchall(z.unknown()),
  ),
});

/** Api usage from the Sforce-Limit-Info header, e.g. "api-usage=18/15000". */
export function parseLimitInfo(header: string | null): { used: number; max: number } | undefined {
  const m = /api-usage=(\d+)\/(\d+)/.exec(header ?? '');
  return m ? { used: Number(m[1]), max: Number(m[2]) } : undefined;
}

export const TokenAnswer = z.object({
  access_token: z.string().min(1),
  refresh_token: z.string().optional(),
  instance_url: z.string().url(),
  id: z.string().url(),
});
export type TokenAnswer = z.infer<typeof TokenAnswer>;
