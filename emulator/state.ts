// The emulator's whole state as one JSON-serialisable value, with zod schemas that double as the types and
// validate the file read back from disk. Times are epoch milliseconds on the emulator clock.
import { z } from 'zod';

export const RecipientRec = z.object({
  extensionId: z.string(),
  assignable: z.boolean(),
  hasLicense: z.boolean(),
});
export type RecipientRec = z.infer<typeof RecipientRec>;

export const UserRec = z.object({
  id: z.string(),
  firstName: z.string(),
  lastName: z.string(),
  email: z.string(),
  extensionNumber: z.string(),
  password: z.string(),
  /** The JWT credential a private app exchanges with the jwt-bearer grant. */
  jwt: z.string(),
  siteId: z.string(),
});
export type UserRec = z.infer<typeof UserRec>;

/** A common resource (docs/emulator.md "Thread rules"): a call queue (Department) or a site (Site), main site included. */
export const ResourceRec = z.object({
  id: z.string(),
  kind: z.enum(['CallQueue', 'MainSite', 'Site']),
  name: z.string(),
  extensionNumber: z.string(),
  /** For sites, the site id (`main-site` for the main site); for call queues, the site they belong to. */
  siteId: z.string(),
  recipients: z.array(RecipientRec),
});
export type ResourceRec = z.infer<typeof ResourceRec>;

/** An IVR menu whose direct number counts as its site's shared number. */
export const IvrRec = z.object({
  id: z.string(),
  name: z.string(),
  extensionNumber: z.string(),
  siteResourceId: z.string(),
});
export type IvrRec = z.infer<typeof IvrRec>;

export const PhoneNumberRec = z.object({
  id: z.number(),
  phoneNumber: z.string(),
  usageType: z.string(),
  features: z.array(z.string()),
  /** The extension the number belongs to (user, call queue, site or IVR menu). */
  extensionId: z.string(),
  extensionType: z.enum(['User', 'Department', 'Site', 'IvrMenu']),
  /** The common resource whose threads the number carries; absent for personal numbers. */
  resourceId: z.string().optional(),
  label: z.string().optional(),
});
export type PhoneNumberRec = z.infer<typeof PhoneNumberRec>;

export const AccountRec = z.object({
  id: z.string(),
  companyName: z.string(),
  messageThreads: z.boolean(),
  users: z.array(UserRec),
  resources: z.array(ResourceRec),
  ivrs: z.array(IvrRec),
  phoneNumbers: z.array(PhoneNumberRec),
});
export type AccountRec = z.infer<typeof AccountRec>;

export const ThreadRec = z.object({
  id: z.string(),
  ownerId: z.string(),
  ownerPhone: z.string(),
  guestPhone: z.string(),
  status: z.enum(['Open', 'Resolved']),
  statusReason: z.enum(['Manual', 'ThreadExpired', 'OwnerDeleted', 'OwnerPhoneNumberDeleted']).optional(),
  availability: z.enum(['Alive', 'Deleted']),
  assigneeId: z.string().nullable(),
  label: z.string().optional(),
  creationTime: z.number(),
  lastModifiedTime: z.number(),
  /** Last inbound or outbound message: the 72 h expiry counts from here. */
  lastActivityTime: z.number(),
});
export type ThreadRec = z.infer<typeof ThreadRec>;

export const AttachmentRec = z.object({
  id: z.string(),
  contentType: z.string(),
  filename: z.string().optional(),
  size: z.number(),
});
export type AttachmentRec = z.infer<typeof AttachmentRec>;

export const MessageStatus = z.enum([
  'Queued',
  'Sent',
  'Delivered',
  'DeliveryFailed',
  'SendingFailed',
  'Received',
]);
export type MessageStatus = z.infer<typeof MessageStatus>;

export const MessageRec = z.object({
  id: z.string(),
  threadId: z.string(),
  direction: z.enum(['Inbound', 'Outbound']),
  messageStatus: MessageStatus,
  text: z.string().optional(),
  attachments: z.array(AttachmentRec).optional(),
  /** Outbound author; null for automatic carrier replies, absent for inbound. */
  authorId: z.string().nullable().optional(),
  availability: z.enum(['Alive', 'Deleted']),
  creationTime: z.number(),
  lastModifiedTime: z.number(),
});
export type MessageRec = z.infer<typeof MessageRec>;

export const NoteRec = z.object({
  id: z.string(),
  threadId: z.string(),
  text: z.string(),
  authorId: z.string(),
  availability: z.enum(['Alive', 'Deleted']),
  creationTime: z.number(),
  lastModifiedTime: z.number(),
});
export type NoteRec = z.infer<typeof NoteRec>;

export const HintType = z.enum([
  'ThreadCreatedHint',
  'ThreadAssignedHint',
  'ThreadResolvedHint',
  'ThreadDeletedHint',
]);
export type HintType = z.infer<typeof HintType>;

export const HintRec = z.object({
  id: z.string(),
  threadId: z.string(),
  type: HintType,
  time: z.number(),
  initiatorId: z.string().optional(),
  assigneeId: z.string().optional(),
  previousAssigneeId: z.string().optional(),
});
export type HintRec = z.infer<typeof HintRec>;

/** One row of the per-account change log that ISync reads (docs/emulator.md "Message threads"). */
export const ChangeRec = z.object({
  seq: z.number(),
  stream: z.enum(['threads', 'entries']),
  kind: z.enum(['thread', 'message', 'note', 'hint']),
  id: z.string(),
  threadId: z.string(),
  /** Who the thread was assigned to when the change happened (before it, for resolve/delete/unassign). */
  assigneeId: z.string().nullable(),
  /** For assignment changes: the assignee before. */
  previousAssigneeId: z.string().nullable().optional(),
  /** Whether the thread was Open when the change happened. */
  open: z.boolean(),
  time: z.number(),
});
export type ChangeRec = z.infer<typeof ChangeRec>;

export const AccountData = z.object({
  seq: z.number(),
  threads: z.array(ThreadRec),
  messages: z.array(MessageRec),
  notes: z.array(NoteRec),
  hints: z.array(HintRec),
  /** `${sharedNumber}|${customerNumber}` pairs whose customer texted STOP. */
  optOuts: z.array(z.string()),
  changes: z.array(ChangeRec),
});
export type AccountData = z.infer<typeof AccountData>;

export const SessionRec = z.object({
  id: z.string(),
  clientId: z.string(),
  accountId: z.string(),
  extensionId: z.string(),
  scope: z.string(),
  accessToken: z.string(),
  accessExpiresAt: z.number(),
  refreshToken: z.string(),
  refreshExpiresAt: z.number(),
  endpointId: z.string(),
  revoked: z.boolean(),
});
export type SessionRec = z.infer<typeof SessionRec>;

export const AppsRec = z.object({
  publicClientId: z.string(),
  privateClientId: z.string(),
  privateClientSecret: z.string(),
});
export type AppsRec = z.infer<typeof AppsRec>;

export const STATE_VERSION = 1;

export const EmulatorState = z.object({
  version: z.literal(STATE_VERSION),
  /** Signs sync tokens and JWT credentials. */
  secret: z.string(),
  /** Changes on every reset, so sync tokens from before a reset are refused. */
  epoch: z.string(),
  clockOffsetMs: z.number(),
  counter: z.object({ next: z.number() }),
  apps: AppsRec,
  accounts: z.array(AccountRec),
  data: z.record(z.string(), AccountData),
  sessions: z.array(SessionRec),
});
export type EmulatorState = z.infer<typeof EmulatorState>;

export function emptyAccountData(): AccountData {
  return { seq: 0, threads: [], messages: [], notes: [], hints: [], optOuts: [], changes: [] };
}
