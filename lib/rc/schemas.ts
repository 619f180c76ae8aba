// What RingCentral sends us, validated at the boundary (contract §4). Unknown fields are stripped, so a newer
// server that adds fields keeps working; a missing required field is a clear error, not a crash deeper in.
import { z } from 'zod';
import { E164_PATTERN } from './e164';

export const E164 = z.string().regex(E164_PATTERN, 'not an E.164 phone number');

export const ThreadUser = z.object({
  extensionId: z.string(),
  name: z.string().optional(),
  extensionType: z.string().optional(),
});
export type ThreadUser = z.infer<typeof ThreadUser>;

const PhoneParty = z.object({ phoneNumber: E164 });

export const ThreadStatus = z.enum(['Open', 'Resolved']);
export const Availability = z.enum(['Alive', 'Deleted']);

export const MessageThread = z.object({
  id: z.string(),
  label: z.string().optional(),
  status: ThreadStatus,
  statusReason: z.enum(['Manual', 'ThreadExpired', 'OwnerDeleted', 'OwnerPhoneNumberDeleted']).optional(),
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

export const MessageStatus = z.enum([
  'Queued',
  'Sent',
  'Delivered',
  'DeliveryFailed',
  'SendingFailed',
  'Received',
]);
export type MessageStatus = z.infer<typeof MessageStatus>;

export const ThreadMessage = z.object({
  id: z.string(),
  threadId: z.string(),
  availability: Availability,
  creationTime: z.string(),
  lastModifiedTime: z.string(),
  direction: z.enum(['Inbound', 'Outbound']),
  messageStatus: MessageStatus.optional(),
  text: z.string().optional(),
  attachments: z.array(Attachment).optional(),
  author: ThreadUser.optional(),
});
export type ThreadMessage = z.infer<typeof ThreadMessage>;

export const ThreadNote = z.object({
  id: z.string(),
  threadId: z.string(),
  availability: Availability,
  creationTime: z.string(),
  lastModifiedTime: z.string(),
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

export const EntrySyncItem = z.discriminatedUnion('recordType', [
  ThreadMessage.extend({ recordType: z.literal('AliveMessage') }),
  Deleted.extend({ recordType: z.literal('DeletedMessage') }),
  ThreadNote.extend({ recordType: z.literal('AliveNote') }),
  Deleted.extend({ recordType: z.literal('DeletedNote') }),
  Hint.extend({ recordType: z.literal('ThreadCreatedHint') }),
  Hint.extend({ recordType: z.literal('ThreadResolvedHint') }),
  Hint.extend({ recordType: z.literal('ThreadDeletedHint') }),
  Hint.extend({
    recordType: z.literal('ThreadAssignedHint'),
    assignee: ThreadUser.optional(),
    previousAssignee: ThreadUser.optional(),
  }),
]);
export type EntrySyncItem = z.infer<typeof EntrySyncItem>;

export const SyncInfo = z.object({
  syncType: z.enum(['FSync', 'ISync']),
  syncToken: z.string(),
  syncTime: z.string(),
});

export const ThreadSyncList = z.object({ records: z.array(MessageThread), syncInfo: SyncInfo });
export const EntriesSyncList = z.object({ records: z.array(EntrySyncItem), syncInfo: SyncInfo });

export const Paging = z.object({
  page: z.number().optional(),
  perPage: z.number(),
  totalPages: z.number().optional(),
  totalElements: z.number().optional(),
});
export const MessageThreadList = z.object({ records: z.array(MessageThread), paging: Paging });
export const ThreadMessageList = z.object({ records: z.array(ThreadMessage), paging: Paging });
export const ThreadNoteList = z.object({ records: z.array(ThreadNote), paging: Paging });

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
