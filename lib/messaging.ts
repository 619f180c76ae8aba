// The one message protocol between the extension's contexts. Every request has a zod schema that the
// background checks before acting, and a list of who may send it: content scripts (CRM pages, untrusted)
// get three narrow requests; extension pages (side panel, options) get the rest.
import { defineExtensionMessaging } from '@webext-core/messaging';
import { z } from 'zod';
import { E164_PATTERN } from './rc/e164';
import type { AuthStatus } from './storage';

// The schemas are built inside pure functions: a bundle that only sends messages (the content script) drops
// them and zod with them, which keeps it within its size budget; the background, which checks, keeps them.
const name = () => z.string().trim().min(1).max(120);
const id = () => z.string().min(1).max(100);
const text = () => z.string().min(1).max(1000);
const e164 = () => z.string().regex(E164_PATTERN, 'not an E.164 phone number');
/** An attachment crosses contexts as a data: URL (messages are JSON); RingCentral's MMS limit is 1.5 MB. */
const attachmentInput = () =>
  z.object({
    name: z.string().min(1).max(200),
    type: z.string().min(1).max(100),
    dataUrl: z
      .string()
      .max(2_100_000)
      .regex(/^data:[\w.+-]+\/[\w.+-]+;base64,/, 'not a base64 data URL'),
  });

/** Requests a CRM page's content script may make. */
export const contentRequests = /* @__PURE__ */ (() => ({
  /** Chip state of each number found on the page, with names read beside them (only for those numbers). */
  threadStates: z
    .object({
      phones: z.array(e164()).min(1).max(500),
      names: z.record(e164(), name()).optional(),
    })
    .refine(({ phones, names }) => Object.keys(names ?? {}).every((p) => phones.includes(p)), {
      message: 'a name for a number the request does not ask about',
      path: ['names'],
    }),
  /** Open the side panel on this customer's thread (or a new conversation). */
  openThread: z.object({ phone: e164(), name: name().optional() }),
  /** Whether chips run on this page: the background judges the page by the address the browser gives the
   *  sender, so the page learns nothing else of the agent's settings (docs/architecture.md). */
  pageSettings: z.object({}),
}))();

/** Requests only the extension's own pages may make. */
export const pageRequests = /* @__PURE__ */ (() => ({
  getStatus: z.object({}),
  signIn: z.object({ interactive: z.boolean().default(true) }),
  signInJwt: z.object({
    clientId: id(),
    clientSecret: z.string().min(1).max(200),
    jwt: z.string().min(10).max(8000),
  }),
  signOut: z.object({}),
  syncNow: z.object({}),
  refreshCapabilities: z.object({}),
  send: z.object({
    threadId: id().optional(),
    from: e164(),
    to: e164(),
    text: text(),
    attachments: z.array(attachmentInput()).max(10).optional(),
  }),
  retrySend: z.object({ localId: id() }),
  discardSend: z.object({ localId: id() }),
  assign: z.object({ threadId: id(), extensionId: id().nullable() }),
  resolve: z.object({ threadId: id() }),
  deleteThread: z.object({ threadId: id() }),
  deleteMessages: z.object({ ids: z.array(id()).min(1).max(100) }),
  addNote: z.object({ threadId: id(), text: text() }),
  editNote: z.object({ noteId: id(), text: text() }),
  deleteNote: z.object({ noteId: id() }),
  /** Older messages and notes of one thread, a page at a time. */
  loadHistory: z.object({ threadId: id() }),
  /** Resolved threads (not part of FSync), a page at a time. */
  loadResolved: z.object({ page: z.number().int().min(1).max(1000) }),
  /** MMS content, fetched by the background with the token in a header. */
  fetchAttachment: z.object({ uri: z.string().url().max(2000) }),
  markRead: z.object({ threadId: id(), time: z.string().max(40) }),
  /** The agent names a customer (null: forget the agent's name, fall back to the CRM's or a page hint). */
  setContactName: z.object({ phone: e164(), name: name().nullable() }),
  /** Connect Salesforce: OAuth 2.0 authorization code + PKCE in a browser window (lib/crm-log/connect.ts). */
  crmConnectSalesforce: z.object({
    loginUrl: z.string().url().max(300),
    clientId: z.string().min(1).max(300),
  }),
  /** Connect HubSpot with a private app's access token (its OAuth needs a secret an extension cannot keep). */
  crmConnectHubSpot: z.object({
    token: z.string().trim().min(10).max(500),
    baseUrl: z.string().url().max(300).optional(),
  }),
  crmDisconnect: z.object({}),
  /** The agent picks which of several CRM records a thread's conversation belongs to. */
  crmChooseRecord: z.object({ threadId: id(), recordId: id() }),
  /** No record has the number: create one with it prefilled. */
  crmCreateRecord: z.object({
    threadId: id(),
    firstName: name().optional(),
    lastName: name(),
    company: name().optional(),
    as: z.enum(['Contact', 'Lead']),
  }),
  /** Log (or retry logging) this thread's conversation now. */
  crmLogNow: z.object({ threadId: id() }),
}))();

export const requestSchemas = /* @__PURE__ */ (() => ({ ...contentRequests, ...pageRequests }))();
export type RequestName = keyof typeof requestSchemas;
export type RequestInput<N extends RequestName> = z.input<(typeof requestSchemas)[N]>;
export type RequestData<N extends RequestName> = z.output<(typeof requestSchemas)[N]>;

export const CONTENT_REQUESTS = /* @__PURE__ */ (() =>
  new Set<RequestName>(Object.keys(contentRequests) as RequestName[]))();

export type ChipKind = 'none' | 'unassigned' | 'mine' | 'other' | 'optedOut';

/** What a chip on a CRM page shows for one customer number, and nothing more: content scripts run inside
 *  pages we do not control, so they get only what the chip renders (no thread ids). */
export interface ChipState {
  kind: ChipKind;
  unread: boolean;
  /** The assignee's name when kind is 'other'. */
  assigneeName?: string;
  /** The customer's name with where it came from ("Ada Diaz (from Salesforce)"), when one is known; shown only
   *  in the chip's closed shadow root. */
  customer?: string;
}

export interface Page<T = void> {
  more: boolean;
  loaded: number;
  value?: T;
}

/** Replies of each request. Failures are thrown as ProtocolErrors: a code and words for the agent. */
interface Replies {
  threadStates: Record<string, ChipState>;
  openThread: void;
  pageSettings: { enabled: boolean };
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
  setContactName: void;
  crmConnectSalesforce: void;
  crmConnectHubSpot: void;
  crmDisconnect: void;
  crmChooseRecord: void;
  crmCreateRecord: void;
  crmLogNow: void;
}

type Requests = { [N in RequestName]: (data: RequestInput<N>) => Replies[N] };

/** Messages the background sends to content scripts in CRM tabs. */
interface Broadcasts {
  threadStatesChanged: (data: { states: Record<string, ChipState> }) => void;
  /** The agent's CRM settings changed: ask pageSettings again. */
  pageSettingsChanged: () => void;
}

export const { sendMessage, onMessage } = defineExtensionMessaging<Requests & Broadcasts>();

/** Error codes a request can fail with, so pages can react without parsing text. */
export const PROTOCOL_ERROR_CODES = [
  'invalidRequest',
  'forbidden',
  'signedOut',
  'notAssignee',
  'optedOut',
  'threadResolved',
  'rateLimited',
  'offline',
  'server',
  'notFound',
] as const;
export type ProtocolErrorCode = (typeof PROTOCOL_ERROR_CODES)[number];

/** A failed request as the sending context sees it: a code to react to, words for the agent and, when the
 *  server said so, how long to wait. 'unknown': the error carried no code this version knows. */
export interface ProtocolFailure {
  code: ProtocolErrorCode | 'unknown';
  message: string;
  retryAfterMs?: number;
}

/** What the background's handlers throw. @webext-core/messaging serialises a thrown error as its name,
 *  message, stack and own fields, and rebuilds a plain Error from them on the sending side, so `code` and
 *  `retryAfterMs` arrive as fields of that Error (read them with protocolFailureOf, not instanceof). */
export class ProtocolError extends Error {
  override readonly name = 'ProtocolError';
  readonly code: ProtocolErrorCode;
  readonly retryAfterMs?: number;

  constructor(code: ProtocolErrorCode, message: string, options?: { retryAfterMs?: number }) {
    super(message);
    this.code = code;
    if (options?.retryAfterMs !== undefined) this.retryAfterMs = options.retryAfterMs;
  }
}

const protocolErrorFields = () =>
  z.object({
    name: z.literal('ProtocolError'),
    code: z.string(),
    message: z.string(),
    retryAfterMs: z.number().nonnegative().finite().optional().catch(undefined),
  });

const KNOWN_CODES: ReadonlySet<string> = /* @__PURE__ */ new Set(PROTOCOL_ERROR_CODES);

/** The failure another context threw, checked: it is input like any message. A code this version does not
 *  know (a newer background) keeps its words as 'unknown'; an error that is no ProtocolError is 'unknown'. */
export function protocolFailureOf(error: unknown): ProtocolFailure {
  const parsed = protocolErrorFields().safeParse(error);
  if (!parsed.success) {
    return { code: 'unknown', message: error instanceof Error ? error.message : String(error) };
  }
  const { code, message, retryAfterMs } = parsed.data;
  return {
    code: KNOWN_CODES.has(code) ? (code as ProtocolErrorCode) : 'unknown',
    message,
    ...(retryAfterMs === undefined ? {} : { retryAfterMs }),
  };
}
