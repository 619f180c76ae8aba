// Records → RingCentral JSON (docs/emulator.md "Message threads"): MessageThread, ThreadMessageModel, ThreadNoteModel, sync records.
import { iso } from '../clock.ts';
import { findResource, findUser, fullName, resourceExtensionType } from '../directory.ts';
import type { AccountRec, HintRec, MessageRec, NoteRec, ThreadRec } from '../state.ts';

export interface ViewContext {
  account: AccountRec;
  /** Base URL of the server, which is also the "media host" here. */
  baseUrl: string;
}

export function userModel(account: AccountRec, extensionId: string) {
  const user = findUser(account, extensionId);
  return { extensionId, ...(user ? { name: fullName(user) } : {}), extensionType: 'User' as const };
}

export function threadView(ctx: ViewContext, thread: ThreadRec) {
  const owner = findResource(ctx.account, thread.ownerId);
  return {
    id: thread.id,
    ...(thread.label !== undefined ? { label: thread.label } : {}),
    status: thread.status,
    ...(thread.statusReason ? { statusReason: thread.statusReason } : {}),
    availability: thread.availability,
    owner: {
      extensionId: thread.ownerId,
      ...(owner ? { name: owner.name, extensionType: resourceExtensionType(owner) } : {}),
    },
    ownerParty: { phoneNumber: thread.ownerPhone },
    guestParty: { phoneNumber: thread.guestPhone },
    // RingCentral's samples omit a cleared assignee rather than sending null; clients must accept both.
    ...(thread.assigneeId ? { assignee: userModel(ctx.account, thread.assigneeId) } : {}),
    creationTime: iso(thread.creationTime),
    lastModifiedTime: iso(thread.lastModifiedTime),
  };
}

export function contentUri(ctx: ViewContext, messageId: string, attachmentId: string): string {
  return `${ctx.baseUrl}/restapi/v1.0/account/${ctx.account.id}/message-threads/messages/${messageId}/content/${attachmentId}`;
}

export function messageView(ctx: ViewContext, message: MessageRec) {
  return {
    id: message.id,
    threadId: message.threadId,
    availability: message.availability,
    creationTime: iso(message.creationTime),
    lastModifiedTime: iso(message.lastModifiedTime),
    direction: message.direction,
    messageStatus: message.messageStatus,
    ...(message.text !== undefined ? { text: message.text } : {}),
    ...(message.attachments?.length
      ? {
          attachments: message.attachments.map((a) => ({
            id: a.id,
            contentType: a.contentType,
            ...(a.filename ? { filename: a.filename } : {}),
            contentUri: contentUri(ctx, message.id, a.id),
            size: a.size,
          })),
        }
      : {}),
    ...(message.authorId ? { author: userModel(ctx.account, message.authorId) } : {}),
  };
}

export function noteView(ctx: ViewContext, note: NoteRec) {
  return {
    id: note.id,
    threadId: note.threadId,
    availability: note.availability,
    creationTime: iso(note.creationTime),
    lastModifiedTime: iso(note.lastModifiedTime),
    text: note.text,
    author: userModel(ctx.account, note.authorId),
  };
}

export function hintView(ctx: ViewContext, hint: HintRec) {
  return {
    recordType: hint.type,
    id: hint.id,
    threadId: hint.threadId,
    lastModifiedTime: iso(hint.time),
    ...(hint.initiatorId ? { initiator: userModel(ctx.account, hint.initiatorId) } : {}),
    ...(hint.assigneeId ? { assignee: userModel(ctx.account, hint.assigneeId) } : {}),
    ...(hint.previousAssigneeId ? { previousAssignee: userModel(ctx.account, hint.previousAssigneeId) } : {}),
  };
}

/** A message as an entries-sync record: full when alive, minimal when deleted (MthSyncDeletedMessage). */
export function messageSyncRecord(ctx: ViewContext, message: MessageRec) {
  if (message.availability === 'Deleted') {
    return {
      recordType: 'DeletedMessage' as const,
      id: message.id,
      threadId: message.threadId,
      availability: 'Deleted' as const,
      lastModifiedTime: iso(message.lastModifiedTime),
    };
  }
  return { recordType: 'AliveMessage' as const, ...messageView(ctx, message) };
}

export function noteSyncRecord(ctx: ViewContext, note: NoteRec) {
  if (note.availability === 'Deleted') {
    return {
      recordType: 'DeletedNote' as const,
      id: note.id,
      threadId: note.threadId,
      availability: 'Deleted' as const,
      lastModifiedTime: iso(note.lastModifiedTime),
    };
  }
  return { recordType: 'AliveNote' as const, ...noteView(ctx, note) };
}
