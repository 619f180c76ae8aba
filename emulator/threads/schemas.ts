// zod schemas for Message Threads requests (docs/emulator.md "Message threads"), taken from RingCentral's OpenAPI constraints.
import { z } from 'zod';

export const E164 = z
  .string()
  .max(18)
  .regex(/^\+[1-9]\d{1,14}$/, 'must be an E.164 phone number');

/** 1..1000 characters, counted as code points so an emoji is one character. */
export const MessageText = z
  .string()
  .refine((text) => [...text].length >= 1, 'must not be empty')
  .refine((text) => [...text].length <= 1000, 'must be at most 1000 characters');

export const Party = z.object({ phoneNumber: E164 });

export const SendMessageBody = z.object({
  threadId: z.string().min(1).optional(),
  from: Party,
  to: z.array(Party).min(1).max(10),
  text: MessageText,
});
export type SendMessageBody = z.infer<typeof SendMessageBody>;

export const AssignBody = z.object({
  assignee: z.object({ extensionId: z.string().min(1) }).nullable(),
});

export const NoteCreateBody = z.object({ threadId: z.string().min(1), text: MessageText });
export const NoteUpdateBody = z.object({ text: MessageText });
export const IdsBody = z.object({ ids: z.array(z.string().min(1)).min(1).max(100) });

const intParam = (min: number, max: number, clampAbove = false) =>
  z
    .string()
    .regex(/^-?\d+$/, 'must be an integer')
    .transform(Number)
    .refine((n) => n >= min && (clampAbove || n <= max), `must be between ${min} and ${max}`)
    .transform((n) => Math.min(n, max));

const dateTime = z
  .string()
  .refine(
    (s) => /^\d{4}-\d{2}-\d{2}T/.test(s) && !Number.isNaN(Date.parse(s)),
    'must be an RFC 3339 date-time',
  );

const idList = (max: number) =>
  z
    .array(z.string())
    .max(max)
    .refine((ids) => new Set(ids).size === ids.length, 'must be unique');

export const Paging = {
  page: intParam(1, 1000).default(1),
  perPage: intParam(1, 1000, true).default(100),
};

const Availability = z
  .array(z.enum(['Alive', 'Deleted']))
  .transform((list) => (list.length ? list : ['Alive']));

export const ListThreadsQuery = z.object({
  threadStatus: z.enum(['Open', 'Resolved']).optional(),
  ownerExtensionIds: idList(10).optional(),
  ownerPhoneNumber: E164.optional(),
  guestPhoneNumber: E164.optional(),
  availability: Availability.default(['Alive']),
  creationTimeFrom: dateTime.optional(),
  creationTimeTo: dateTime.optional(),
  ...Paging,
});

export const ListMessagesQuery = z.object({
  threadStatus: z.enum(['Open', 'Resolved']).optional(),
  ownerExtensionIds: idList(10).optional(),
  availability: Availability.default(['Alive']),
  messageIds: idList(10).optional(),
  threadIds: idList(10).optional(),
  creationTimeFrom: dateTime.optional(),
  creationTimeTo: dateTime.optional(),
  ...Paging,
});

export const ListNotesQuery = z.object({
  ownerExtensionIds: idList(10).optional(),
  availability: Availability.default(['Alive']),
  threadIds: idList(10).optional(),
  noteIds: idList(10).optional(),
  ...Paging,
});

export const SyncScopeEnum = z.enum([
  'Accessible',
  'Unassigned',
  'AssignedToMe',
  'AssignedToMeAndUnassigned',
  'Explicit',
]);

export const SyncThreadsQuery = z.object({
  syncType: z.enum(['FSync', 'ISync']).default('FSync'),
  syncToken: z.string().optional(),
});

export const SyncEntriesQuery = z.object({
  syncType: z.enum(['FSync', 'ISync']).default('FSync'),
  syncToken: z.string().optional(),
  scope: SyncScopeEnum.default('AssignedToMe'),
  threadIds: idList(10).optional(),
});

export const ARRAY_PARAMS = [
  'ownerExtensionIds',
  'availability',
  'messageIds',
  'threadIds',
  'noteIds',
] as const;

export const ContentQuery = z.object({
  contentDisposition: z.enum(['Inline', 'Attachment']).optional(),
  contentDispositionFilename: z.string().optional(),
});
