// What RingCentral sends us, validated at the boundary. RingCentral adds record types, enum values and fields
// at any time (its own clients branch on recordType and ignore the rest), so: unknown fields are stripped,
// an enum value we don't know becomes `Unknown` (the record is kept), and list and sync pages are parsed
// record by record — a record we cannot read is skipped and counted in the page's `issues`, never a reason to
// refuse the whole page. A missing required field of the page itself (syncInfo, records) is a clear error.
import { z } from 'zod';
import { E164_PATTERN } from './e164';

/** What an enum value we don't know becomes (RingCentral's own enums use the same word). */
export const UNKNOWN = 'Unknown';
export type Unknown = typeof UNKNOWN;

/** A string enum that keeps unknown values as `Unknown` instead of failing the record. */
function openEnum<const T extends readonly [string, ...string[]]>(values: T) {
  const known = new Set<string>(values);
  return z.string().transform((v): T[number] | Unknown => (known.has(v) ? v : UNKNOWN));
}

export const E164 = z.string().regex(E164_PATTERN, 'not an E.164 phone number');

export const ThreadUser = z.object({
  extensionId: z.string(),
  name: z.string().optional(),
  extensionType: z.string().optional(),
});
export type ThreadUser = z.infer<typeof ThreadUser>;

const PhoneParty = z.object({ phoneNumber: E164 });

export const ThreadStatus = openEnum(['Open', 'Resolved']);
export const Availability = openEnum(['Alive', 'Deleted']);

export const MessageThread = z.object({
  id: z.string(),
  label: z.string().optional(),
  status: ThreadStatus,
  // Independent of status: Open threads with ThreadExpired occur in production (never infer one from the other).
  statusReason: openEnum(['Manual', 'ThreadExpired', 'OwnerDeleted', 'OwnerPhoneNumberDeleted']).optional(),
  availability: Availability,
  owner: z.object({
    name: z.string().optional(),
    extensionType: z.string().optional(),
    extensionId: z.string().optional(),
  }),
  ownerParty: PhoneParty.optional(),
  guestParty: PhoneParty.optional(),
  assignee: ThreadUser.nullish(),
  creationTime: z.string(),
  lastModifiedTime: z.string(),
});
export type MessageThread = z.infer<typeof MessageThread>;

export const Attachment = z.object({
  id: z.string(),
  contentType: z.string(),
  filename: z.string().optional(),
  contentUri: z.string(),
  size: z.number(),
});
export type Attachment = z.infer<typeof Attachment>;

export const MessageStatus = openEnum([
  'Queued',
  'Sent',
  'Delivered',
  'DeliveryFailed',
  'SendingFailed',
  'Received',
]);
export type MessageStatus = z.infer<typeof MessageStatus>;

/** What a message and a note of a thread both carry. */
const AliveEntry = z.object({
  id: z.string(),
  threadId: z.string(),
  availability: Availability,
  creationTime: z.string(),
  lastModifiedTime: z.string(),
});

export const ThreadMessage = AliveEntry.extend({
  direction: openEnum(['Inbound', 'Outbound']),
  messageStatus: MessageStatus.optional(),
  text: z.string().optional(),
  attachments: z.array(Attachment).optional(),
  author: ThreadUser.optional(),
});
export type ThreadMessage = z.infer<typeof ThreadMessage>;

export const ThreadNote = AliveEntry.extend({
  text: z.string().optional(),
  author: ThreadUser.optional(),
});
export type ThreadNote = z.infer<typeof ThreadNote>;

const Deleted = z.object({
  id: z.string(),
  threadId: z.string(),
  availability: z.literal('Deleted'),
  lastModifiedTime: z.string(),
});

const Hint = z.object({
  id: z.string(),
  threadId: z.string(),
  lastModifiedTime: z.string(),
  initiator: ThreadUser.optional(),
});

const ENTRY_SCHEMAS = {
  AliveMessage: ThreadMessage.extend({ recordType: z.literal('AliveMessage') }),
  DeletedMessage: Deleted.extend({ recordType: z.literal('DeletedMessage') }),
  AliveNote: ThreadNote.extend({ recordType: z.literal('AliveNote') }),
  DeletedNote: Deleted.extend({ recordType: z.literal('DeletedNote') }),
  ThreadCreatedHint: Hint.extend({ recordType: z.literal('ThreadCreatedHint') }),
  ThreadResolvedHint: Hint.extend({ recordType: z.literal('ThreadResolvedHint') }),
  ThreadDeletedHint: Hint.extend({ recordType: z.literal('ThreadDeletedHint') }),
  ThreadAssignedHint: Hint.extend({
    recordType: z.literal('ThreadAssignedHint'),
    assignee: ThreadUser.optional(),
    previousAssignee: ThreadUser.optional(),
  }),
};
type EntrySchemas = typeof ENTRY_SCHEMAS;
export type EntryRecordType = keyof EntrySchemas;
export type EntrySyncItem = { [K in EntryRecordType]: z.infer<EntrySchemas[K]> }[EntryRecordType];

/** One entry record: known record types are validated by their own schema; anything else is unknown. */
export const EntrySyncItem = z.custom<EntrySyncItem>((raw) => parseEntry(raw).ok);

// ---- record by record

/** What a page held that we could not use as sent (all counts). */
export interface PageIssues {
  /** Records skipped because their recordType is new to us, by recordType. */
  unknownRecordTypes: Record<string, number>;
  /** Records of a known kind skipped because they failed validation (a required field missing…). */
  invalidRecords: number;
  /** Values kept as `Unknown`, by `field=value` (e.g. `messageStatus=Scheduled`). */
  unknownValues: Record<string, number>;
}

export const noIssues = (): PageIssues => ({ unknownRecordTypes: {}, invalidRecords: 0, unknownValues: {} });

export function hasIssues(i: PageIssues): boolean {
  return (
    i.invalidRecords > 0 ||
    Object.keys(i.unknownRecordTypes).length > 0 ||
    Object.keys(i.unknownValues).length > 0
  );
}

type Parsed<T> = { ok: true; value: T } | { ok: false; unknownType?: string };

function parseEntry(raw: unknown): Parsed<EntrySyncItem> {
  const type = (raw as { recordType?: unknown } | null)?.recordType;
  const schema =
    typeof type === 'string' && Object.hasOwn(ENTRY_SCHEMAS, type)
      ? (ENTRY_SCHEMAS[type as EntryRecordType] as z.ZodType<EntrySyncItem>)
      : undefined;
  if (!schema) return { ok: false, unknownType: typeof type === 'string' ? type : '(none)' };
  const r = schema.safeParse(raw);
  return r.success ? { ok: true, value: r.data } : { ok: false };
}

function parseWith<T>(schema: z.ZodType<T>): (raw: unknown) => Parsed<T> {
  return (raw) => {
    const r = schema.safeParse(raw);
    return r.success ? { ok: true, value: r.data } : { ok: false };
  };
}

/** Records the values the parse turned into `Unknown`, by dotted field path (array indices left out). */
function collectUnknownValues(raw: unknown, parsed: unknown, path: string, out: Record<string, number>) {
  if (parsed === UNKNOWN && typeof raw === 'string' && raw !== UNKNOWN) {
    const key = `${path}=${raw.slice(0, 40)}`;
    out[key] = (out[key] ?? 0) + 1;
    return;
  }
  if (!parsed || typeof parsed !== 'object' || !raw || typeof raw !== 'object') return;
  for (const [k, v] of Object.entries(parsed)) {
    const sub = Array.isArray(parsed) ? path : path ? `${path}.${k}` : k;
    collectUnknownValues((raw as Record<string, unknown>)[k], v, sub, out);
  }
}

/** A page's `records`: each one parsed on its own; what cannot be used is skipped and counted. */
function records<T>(parse: (raw: unknown) => Parsed<T>) {
  return z.array(z.unknown()).transform((raws) => {
    const issues = noIssues();
    const out: T[] = [];
    for (const raw of raws) {
      const r = parse(raw);
      if (r.ok) {
        out.push(r.value);
        collectUnknownValues(raw, r.value, '', issues.unknownValues);
      } else if (r.unknownType !== undefined) {
        issues.unknownRecordTypes[r.unknownType] = (issues.unknownRecordTypes[r.unknownType] ?? 0) + 1;
      } else issues.invalidRecords++;
    }
    return { list: out, issues };
  });
}

export const SyncInfo = z.object({
  syncType: z.enum(['FSync', 'ISync']),
  // Opaque: production's tokens are base64 JSON, and nothing here may depend on what is inside.
  syncToken: z.string().min(1),
  syncTime: z.string(),
});

export const Paging = z.object({
  page: z.number().optional(),
  perPage: z.number(),
  totalPages: z.number().optional(),
  totalElements: z.number().optional(),
});

/** Moves the page's issues beside its records: `{ records, issues, ...rest }`. */
function lift<P extends { records: { list: unknown[]; issues: PageIssues } }>(
  p: P,
): Omit<P, 'records'> & { records: P['records']['list']; issues: PageIssues } {
  const { records: r, ...rest } = p;
  return { ...rest, records: r.list, issues: r.issues };
}

const threadRecords = records(parseWith(MessageThread));
const entryRecords = records(parseEntry);

export const ThreadSyncList = z.object({ records: threadRecords, syncInfo: SyncInfo }).transform(lift);
export const EntriesSyncList = z.object({ records: entryRecords, syncInfo: SyncInfo }).transform(lift);
export const MessageThreadList = z.object({ records: threadRecords, paging: Paging }).transform(lift);
export const ThreadMessageList = z
  .object({ records: records(parseWith(ThreadMessage)), paging: Paging })
  .transform(lift);
export const ThreadNoteList = z
  .object({ records: records(parseWith(ThreadNote)), paging: Paging })
  .transform(lift);

/** RingCentral's error body: thread APIs send only errors[], legacy ones repeat errorCode/message on top. */
export const RcErrorBody = z.object({
  errorCode: z.string().optional(),
  message: z.string().optional(),
  error: z.string().optional(),
  error_description: z.string().optional(),
  errors: z
    .array(
      z.looseObject({
        errorCode: z.string(),
        message: z.string().optional(),
        parameterName: z.string().optional(),
      }),
    )
    .optional(),
});
export type RcErrorBody = z.infer<typeof RcErrorBody>;
