// The one message protocol between the extension's contexts. Every request has a zod schema that the
// background checks before acting, and a list of who may send it: content scripts (CRM pages, untrusted)
// get two narrow requests; extension pages (side panel, options) get the rest.
import { defineExtensionMessaging } from '@webext-core/messaging';
import { z } from 'zod';
import { E164 } from './rc/schemas';
import type { AuthStatus } from './storage';

const Name = z.string().trim().min(1).max(120);
const Id = z.string().min(1).max(100);
const Text = z.string().min(1).max(1000);
/** An attachment crosses contexts as a data: URL (messages are JSON); RingCentral's MMS limit is 1.5 MB. */
const AttachmentInput = z.object({
  name: z.string().min(1).max(200),
  type: z.string().min(1).max(100),
  dataUrl: z
    .string()
    .max(2_100_000)
    .regex(/^data:[\w.+-]+\/[\w.+-]+;base64,/, 'not a base64 data URL'),
});

/** Requests a CRM page's content script may make. */
export const contentRequests = {
  /** Chip state of each number found on the page, with names read beside them. */
  threadStates: z.object({
    phones: z.array(E164).min(1).max(500),
    names: z.record(E164, Name).optional(),
  }),
  /** Open the side panel on this customer's thread (or a new conversation). */
  openThread: z.object({ phone: E164, name: Name.optional() }),
} as const;

/** Requests only the extension's own pages may make. */
export const pageRequests = {
  getStatus: z.object({}),
  signIn: z.object({ interactive: z.boolean().default(true) }),
  signInJwt: z.object({
    clientId: Id,
    clientSecret: z.string().min(1).max(200),
    jwt: z.string().min(10).max(8000),
  }),
  signOut: z.object({}),
  syncNow: z.object({}),
  refreshCapabilities: z.object({}),
  send: z.object({
    threadId: Id.optional(),
    from: E164,
    to: E164,
    text: Text,
    attachments: z.array(AttachmentInput).max(10).optional(),
  }),
  retrySend: z.object({ localId: Id }),
  discardSend: z.object({ localId: Id }),
  assign: z.object({ threadId: Id, extensionId: Id.nullable() }),
  resolve: z.object({ threadId: Id }),
  deleteThread: z.object({ threadId: Id }),
  deleteMessages: z.object({ ids: z.array(Id).min(1).max(100) }),
  addNote: z.object({ threadId: Id, text: Text }),
  editNote: z.object({ noteId: Id, text: Text }),
  deleteNote: z.object({ noteId: Id }),
  /** Older messages and notes of one thread, a page at a time. */
  loadHistory: z.object({ threadId: Id }),
  /** Resolved threads (not part of FSync), a page at a time. */
  loadResolved: z.object({ page: z.number().int().min(1).max(1000) }),
  /** MMS content, fetched by the background with the token in a header. */
  fetchAttachment: z.object({ uri: z.string().url().max(2000) }),
  markRead: z.object({ threadId: Id, time: z.string().max(40) }),
} as const;

export const requestSchemas = { ...contentRequests, ...pageRequests };
export type RequestName = keyof typeof requestSchemas;
export type RequestInput<N extends RequestName> = z.input<(typeof requestSchemas)[N]>;
export type RequestData<N extends RequestName> = z.output<(typeof requestSchemas)[N]>;

export const CONTENT_REQUESTS = new Set<RequestName>(Object.keys(contentRequests) as RequestName[]);

export type ChipKind = 'none' | 'unassigned' | 'mine' | 'other' | 'optedOut';

/** What a chip on a CRM page shows for one customer number. */
export interface ChipState {
  kind: ChipKind;
  unread: boolean;
  /** The assignee's name when kind is 'other'. */
  assigneeName?: string;
  threadId?: string;
}

export interface Page<T = void> {
  more: boolean;
  loaded: number;
  value?: T;
}

/** Replies of each request. Failures are thrown as errors whose message is written for the agent. */
interface Replies {
  threadStates: Record<string, ChipState>;
  openThread: void;
  getStatus: AuthStatus;
  signIn: AuthStatus;
  signInJwt: AuthStatus;
  signOut: AuthStatus;
  syncNow: void;
  refreshCapabilities: void;
  send: { localId: string };
  retrySend: void;
  discardSend: void;
  assign: void;
  resolve: void;
  deleteThread: void;
  deleteMessages: void;
  addNote: void;
  editNote: void;
  deleteNote: void;
  loadHistory: Page;
  loadResolved: Page;
  fetchAttachment: { dataUrl: string; contentType: string };
  markRead: void;
}

type Requests = { [N in RequestName]: (data: RequestInput<N>) => Replies[N] };

/** Messages the background sends to content scripts in CRM tabs. */
interface Broadcasts {
  threadStatesChanged: (data: { states: Record<string, ChipState> }) => void;
}

export const { sendMessage, onMessage, removeAllListeners } = defineExtensionMessaging<
  Requests & Broadcasts
>();

/** Error codes a request can fail with, so pages can react without parsing text. */
export type ProtocolErrorCode =
  | 'invalidRequest'
  | 'forbidden'
  | 'signedOut'
  | 'notAssignee'
  | 'optedOut'
  | 'threadResolved'
  | 'rateLimited'
  | 'offline'
  | 'server'
  | 'notFound';

/** Prefix of error messages that carry a code across contexts: "[code] message for the agent". */
export function protocolErrorMessage(code: ProtocolErrorCode, message: string): string {
  return `[${code}] ${message}`;
}

export function parseProtocolError(error: unknown): { code: ProtocolErrorCode | 'unknown'; message: string } {
  const text = error instanceof Error ? error.message : String(error);
  const m = /^\[(\w+)\] ([\s\S]*)$/.exec(text);
  return m ? { code: m[1] as ProtocolErrorCode, message: m[2]! } : { code: 'unknown', message: text };
}
