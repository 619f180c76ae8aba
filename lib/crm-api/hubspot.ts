// The HubSpot adapter: data and pure functions. Contacts are searched by phone and mobilephone with the number's
// usual formats (HubSpot matches the stored text exactly), one SMS communication per thread associated to the
// contact, its body starting with the thread key (docs/emulator.md, "HubSpot").
import { z } from 'zod';
import { formatVariants, storedToE164 } from './numbers';
import type { ActivityInput, CrmRecord } from './types';

export const DEFAULT_BASE_URL = 'https://api.hubapi.com';
/** Numbers per search: two IN filters of their variants stay small and inside the 18-filter cap. */
export const SEARCH_BATCH = 5;
/** HubSpot-defined association type from a communication to a contact. */
export const COMMUNICATION_TO_CONTACT = 81;

export function searchBody(numbers: string[]) {
  const values = [...new Set(numbers.flatMap(formatVariants))];
  return {
    filterGroups: ['phone', 'mobilephone'].map((propertyName) => ({
      filters: [{ propertyName, operator: 'IN', values }],
    })),
    properties: ['firstname', 'lastname', 'phone', 'mobilephone', 'company'],
    limit: 100,
  };
}

const Contact = z.object({
  id: z.string(),
  properties: z.record(z.string(), z.string().nullish()),
});

export function parseSearch(body: unknown, numbers: string[]): Map<string, CrmRecord[]> {
  const out = new Map<string, CrmRecord[]>(numbers.map((n) => [n, []]));
  const list = z.object({ results: z.array(z.unknown()) }).safeParse(body);
  if (!list.success) return out;
  for (const raw of list.data.results) {
    const parsed = Contact.safeParse(raw);
    if (!parsed.success) continue;
    const p = parsed.data.properties;
    const phones = [p.phone, p.mobilephone].filter((v): v is string => typeof v === 'string' && v !== '');
    const name = [p.firstname, p.lastname].filter(Boolean).join(' ').trim();
    const record: CrmRecord = {
      crm: 'hubspot',
      id: parsed.data.id,
      type: 'Contact',
      name: name || parsed.data.id,
      phones,
      ...(p.company ? { company: p.company } : {}),
    };
    for (const number of numbers) {
      if (phones.some((v) => storedToE164(v, number) === number)) out.get(number)?.push(record);
    }
  }
  return out;
}

export const threadMarker = (threadId: string) => `ThreadDesk thread ${threadId}`;

const escapeHtml = (text: string) => text.replace(/[&<>"']/g, (c) => `&#${c.charCodeAt(0)};`);

/** The communication's body: HubSpot shows it as rich text, so the transcript goes in escaped, line by line. */
export function communicationBody(input: ActivityInput): string {
  const lines = [`${input.title} — ${threadMarker(input.threadId)}`, ...input.transcript.split('\n')];
  if (input.completed) lines.push('Conversation resolved.');
  return lines.map((l) => `<p>${escapeHtml(l)}</p>`).join('');
}

export function communicationCreate(input: ActivityInput) {
  return {
    properties: {
      hs_communication_channel_type: 'SMS',
      hs_communication_logged_from: 'CRM',
      hs_communication_body: communicationBody(input),
      hs_timestamp: input.startedAt,
    },
    associations: [
      {
        to: { id: input.record.id },
        types: [{ associationCategory: 'HUBSPOT_DEFINED', associationTypeId: COMMUNICATION_TO_CONTACT }],
      },
    ],
  };
}

export const AssociationPage = z.object({
  results: z.array(z.object({ toObjectId: z.union([z.string(), z.number()]) })),
  paging: z.object({ next: z.object({ after: z.string() }).optional() }).optional(),
});

export const BatchRead = z.object({
  results: z.array(z.object({ id: z.string(), properties: z.record(z.string(), z.string().nullish()) })),
});

/** Whether a communication's body carries this thread's key (the first paragraph). */
export function bodyHasMarker(body: string | null | undefined, threadId: string): boolean {
  return typeof body === 'string' && body.includes(escapeHtml(threadMarker(threadId)) + '</p>');
}
