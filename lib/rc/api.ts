// Typed RingCentral endpoints (docs/emulator.md: Message threads, Account endpoints): one small function each, every reply parsed with zod.
// The two sync calls live with the sync engine (lib/sync/), built on the same `request`.
import {
  ExtensionInfo,
  FeatureList,
  GrantList,
  NamedRecordList,
  PhoneNumberList,
  SmsRecipientList,
  type NamedRecord,
} from './account-schemas';
import type { Query, RcClient } from './client';
import {
  MessageThread,
  MessageThreadList,
  ThreadMessage,
  ThreadMessageList,
  ThreadNote,
  ThreadNoteList,
} from './schemas';

type Rc = Pick<RcClient, 'request'>;

export const ACCOUNT = '/restapi/v1.0/account/~';
export const EXTENSION = `${ACCOUNT}/extension/~`;
const MTH = `${ACCOUNT}/message-threads`;
const enc = encodeURIComponent;

// ---- threads

export interface ThreadListQuery extends Query {
  threadStatus?: 'Open' | 'Resolved';
  ownerExtensionIds?: string[];
  guestPhoneNumber?: string;
  ownerPhoneNumber?: string;
  availability?: string[];
  page?: number;
  perPage?: number;
}

export const listThreads = (rc: Rc, query: ThreadListQuery = {}) =>
  rc.request('GET', MTH, { query, schema: MessageThreadList });

export const getThread = (rc: Rc, threadId: string) =>
  rc.request('GET', `${MTH}/${enc(threadId)}`, { schema: MessageThread });

/** `extensionId: null` unassigns. */
export const assignThread = (rc: Rc, threadId: string, extensionId: string | null) =>
  rc.request('POST', `${MTH}/${enc(threadId)}/assign`, {
    body: { assignee: extensionId === null ? null : { extensionId } },
    schema: MessageThread,
  });

export const resolveThread = (rc: Rc, threadId: string) =>
  rc.request('POST', `${MTH}/${enc(threadId)}/resolve`, { schema: MessageThread });

export const deleteThread = (rc: Rc, threadId: string): Promise<void> =>
  rc.request('DELETE', `${MTH}/${enc(threadId)}`);

// ---- messages

export interface SendMessageInput {
  threadId?: string;
  from: string;
  to: string;
  text: string;
}

export interface AttachmentPart {
  name: string;
  type: string;
  data: Blob;
}

function sendBody(m: SendMessageInput) {
  return {
    ...(m.threadId ? { threadId: m.threadId } : {}),
    from: { phoneNumber: m.from },
    to: [{ phoneNumber: m.to }],
    text: m.text,
  };
}

/** SMS as JSON; with attachments, MMS as multipart (a `metadata` JSON part + `attachments` parts). */
export function sendMessage(rc: Rc, m: SendMessageInput, attachments: AttachmentPart[] = []) {
  if (attachments.length === 0) {
    return rc.request('POST', `${MTH}/messages`, { body: sendBody(m), schema: ThreadMessage });
  }
  const form = new FormData();
  form.append('metadata', new Blob([JSON.stringify(sendBody(m))], { type: 'application/json' }));
  for (const a of attachments) {
    form.append('attachments', new Blob([a.data], { type: a.type }), a.name);
  }
  return rc.request('POST', `${MTH}/messages`, { form, schema: ThreadMessage });
}

export const deleteMessages = (rc: Rc, ids: string[]): Promise<void> =>
  rc.request('DELETE', `${MTH}/messages`, { body: { ids } });

export interface MessageListQuery extends Query {
  threadIds?: string[];
  messageIds?: string[];
  creationTimeFrom?: string;
  creationTimeTo?: string;
  page?: number;
  perPage?: number;
}

export const listMessages = (rc: Rc, query: MessageListQuery = {}) =>
  rc.request('GET', `${MTH}/messages`, { query, schema: ThreadMessageList });

// ---- notes

export const createNote = (rc: Rc, threadId: string, text: string) =>
  rc.request('POST', `${MTH}/notes`, { body: { threadId, text }, schema: ThreadNote });

export const updateNote = (rc: Rc, noteId: string, text: string) =>
  rc.request('PATCH', `${MTH}/notes/${enc(noteId)}`, { body: { text }, schema: ThreadNote });

export const deleteNotes = (rc: Rc, ids: string[]): Promise<void> =>
  rc.request('DELETE', `${MTH}/notes`, { body: { ids } });

export interface NoteListQuery extends Query {
  threadIds?: string[];
  noteIds?: string[];
  page?: number;
  perPage?: number;
}

export const listNotes = (rc: Rc, query: NoteListQuery = {}) =>
  rc.request('GET', `${MTH}/notes`, { query, schema: ThreadNoteList });

// ---- account

export const readMe = (rc: Rc) => rc.request('GET', EXTENSION, { schema: ExtensionInfo });

export const readExtension = (rc: Rc, extensionId: string) =>
  rc.request('GET', `${ACCOUNT}/extension/${enc(extensionId)}`, { schema: ExtensionInfo });

export async function readMessageThreadsFeature(rc: Rc) {
  const list = await rc.request('GET', `${EXTENSION}/features`, {
    query: { featureId: 'MessageThreads' },
    schema: FeatureList,
  });
  return list.records.find((f) => f.id === 'MessageThreads');
}

export const listMyPhoneNumbers = (rc: Rc) =>
  rc.request('GET', `${EXTENSION}/phone-number`, { query: { perPage: 1000 }, schema: PhoneNumberList });

/** SMS handlers of a common resource (call queue, site, IVR): the path's extension is the resource. */
export async function listSmsRecipients(rc: Rc, resourceId: string) {
  const list = await rc.request('GET', `${ACCOUNT}/extension/${enc(resourceId)}/sms-recipients`, {
    schema: SmsRecipientList,
  });
  return list.smsRecipients;
}

/** Call queues whose SMS the agent receives, from the extension's grants (what RingCentral's widgets read to
 *  notice a membership change; a Light request, cheaper than the whole capabilities read). */
export async function listSmsQueueGrants(rc: Rc): Promise<string[]> {
  const list = await rc.request('GET', `${EXTENSION}/grant`, {
    query: { perPage: 1000 },
    schema: GrantList,
    group: 'Light',
  });
  return list.records.flatMap((g) => (g.callQueueSmsRecipient && g.extension ? [g.extension.id] : []));
}

async function allRecords(rc: Rc, path: string, query: Query = {}): Promise<NamedRecord[]> {
  const out: NamedRecord[] = [];
  for (let page = 1; page <= 20; page++) {
    const list = await rc.request('GET', path, {
      query: { ...query, page, perPage: 1000 },
      schema: NamedRecordList,
    });
    out.push(...list.records);
    if (!list.paging?.totalPages || page >= list.paging.totalPages) break;
  }
  return out;
}

export const listCallQueues = (rc: Rc) => allRecords(rc, `${ACCOUNT}/call-queues`);
export const listSites = (rc: Rc) => allRecords(rc, `${ACCOUNT}/sites`);
export const listExtensions = (rc: Rc, type: string) => allRecords(rc, `${ACCOUNT}/extension`, { type });
