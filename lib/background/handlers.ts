// Every request of lib/messaging.ts, answered by the background: sender checked from what the browser set,
// payload parsed with the request's schema, RingCentral failures turned into ProtocolErrors (a code and words
// for the agent).
import { browser } from 'wxt/browser';
import { onMessage, ProtocolError, requestSchemas, type RequestData, type RequestName } from '../messaging';
import { agentOf } from '../auth/agent';
import type { Session } from '../auth/session';
import { openSidePanel } from '../browser/side-panel';
import type { Outbox } from '../outbox/outbox';
import {
  assignThread,
  createNote,
  deleteMessages,
  deleteNotes,
  deleteThread,
  resolveThread,
  updateNote,
} from '../rc/api';
import type { RcClient } from '../rc/client';
import { allowedOrigins } from '../rc/client';
import { toProtocolError } from '../rc/errors';
import { tryOptional } from '../capabilities/features';
import type { MessageThread } from '../rc/schemas';
import { savePageHints, saveAgentName } from '../contacts/store';
import type { CrmHandlers } from '../crm-log/setup';
import { authStatus, capabilities, crmSettings, panelFocus, type PanelFocus } from '../storage';
import { announce } from '../sync/changes';
import { type Store } from '../sync/db';
import { readReadMark, readThreads } from '../sync/read';
import type { Sync } from '../sync';
import { openThreadFor } from '../threads/rules';
import type { ChipPush } from './chip-push';
import { rememberTab, tabShows } from './chip-subscribers';
import { blobToDataUrl, dataUrlToBlob } from './data-url';
import { chipsEnabledAt } from './page-settings';
import {
  checkSender,
  originOf,
  validateRequest,
  type SenderKind,
  type SenderLike,
  type Self,
} from './sender';

export interface HandlerDeps {
  getClient(): Promise<RcClient>;
  db(): Promise<Store>;
  outbox: Outbox;
  sync: Pick<Sync, 'syncNow' | 'applyLocalThread' | 'loadHistory' | 'loadResolved'>;
  session: Session;
  refreshCapabilities(): Promise<unknown>;
  /** Chip states from one snapshot, pushed to CRM tabs on change. */
  chips: ChipPush;
  /** The CRM connection, matching and logging requests (lib/crm-log/setup.ts). */
  crm: CrmHandlers;
  /** A read mark changed: the badge's unread count follows. */
  onReadsChanged(): void;
}

export interface RequestContext {
  sender: SenderLike;
  kind: SenderKind;
}

type Listener<N extends RequestName> = Parameters<typeof onMessage<N>>[1];
type Reply<N extends RequestName> = Awaited<ReturnType<Listener<N>>>;
export type Handlers = {
  [N in RequestName]: (data: RequestData<N>, ctx: RequestContext) => Promise<Reply<N>>;
};

export function currentSelf(): Self {
  return { extensionId: browser.runtime.id, extensionOrigin: originOf(browser.runtime.getURL('/')) ?? '' };
}

async function requireAgent() {
  const agent = agentOf(await authStatus.getValue());
  if (!agent) throw new ProtocolError('signedOut', 'Sign in to RingCentral first.');
  return agent;
}

/** Keeps what a CRM page showed beside its numbers as page hints, only while an agent is signed in. */
async function savePageNames(names: Record<string, string>, sender: SenderLike): Promise<void> {
  const origin = originOf(sender.url) ?? originOf(sender.origin);
  if (!origin || Object.keys(names).length === 0) return;
  if ((await authStatus.getValue()).state !== 'signedIn') return;
  await savePageHints(origin, names);
}

export function createHandlers(deps: HandlerDeps): Handlers {
  const { chips } = deps;
  const afterThreadChange = (thread: MessageThread) => deps.sync.applyLocalThread(thread);
  const resyncEntries = () => void deps.sync.syncNow().catch(() => undefined);

  return {
    async threadStates({ phones, names }, ctx) {
      const tabId = ctx.sender.tab?.id;
      if (tabId !== undefined) rememberTab(tabId, phones);
      // The schema already refused names for numbers outside `phones`: a page names only what it shows.
      if (names) await savePageNames(names, ctx.sender);
      const states = await chips.statesFor(phones, tabId);
      return states ?? Object.fromEntries(phones.map((p) => [p, { kind: 'none' as const, unread: false }]));
    },

    async openThread({ phone, name }, ctx) {
      // Open first, while the click that sent this message still counts as a user gesture.
      // If it fails the focus is still saved, and an already open panel follows it.
      const opening = openSidePanel({ tabId: ctx.sender.tab?.id, windowId: ctx.sender.tab?.windowId }).catch(
        (e: unknown) => console.warn('ThreadDesk could not open the side panel', e),
      );
      const db = await deps.db();
      const thread = openThreadFor(await readThreads(db), phone);
      const caps = await capabilities.getValue();
      const shared = [...new Set(caps?.resources.flatMap((r) => r.sharedNumbers) ?? [])];
      const focus: Omit<PanelFocus, 'nonce'> = thread
        ? { threadId: thread.id, phone }
        : shared.length === 1
          ? { phone, sharedNumber: shared[0] }
          : { phone };
      // A page may name only a number this tab asked about before (what it showed).
      const tabId = ctx.sender.tab?.id;
      if (name && ctx.kind === 'content' && tabId !== undefined && tabShows(tabId, phone)) {
        await savePageNames({ [phone]: name }, ctx.sender);
      }
      await panelFocus.setValue({ ...focus, nonce: crypto.randomUUID() });
      await opening;
    },

    // The page is judged by the address the browser gave the sender, never by anything the page says.
    pageSettings: async (_data, ctx) => ({
      enabled: chipsEnabledAt(ctx.sender.url ?? ctx.sender.origin, await crmSettings.getValue()),
    }),

    getStatus: async () => authStatus.getValue(),
    signIn: async () => deps.session.signIn(),
    signInJwt: async (creds) => deps.session.signInJwt(creds),
    signOut: async () => deps.session.signOut(),
    syncNow: async () => deps.sync.syncNow(),
    refreshCapabilities: async () => void (await deps.refreshCapabilities()),

    async send({ threadId, from, to, text, attachments }) {
      await requireAgent();
      const localId = await deps.outbox.enqueue({
        threadId,
        from,
        to,
        text,
        attachments: attachments?.map((a) => ({
          name: a.name,
          type: a.type,
          data: dataUrlToBlob(a.dataUrl),
        })),
      });
      return { localId };
    },
    // Only the agent who queued a reply may send it again or discard it.
    retrySend: async ({ localId }) => deps.outbox.retry(localId, (await requireAgent()).key),
    discardSend: async ({ localId }) => deps.outbox.discard(localId, (await requireAgent()).key),

    async assign({ threadId, extensionId }) {
      await afterThreadChange(await assignThread(await deps.getClient(), threadId, extensionId));
    },
    async resolve({ threadId }) {
      await afterThreadChange(await resolveThread(await deps.getClient(), threadId));
    },
    async deleteThread({ threadId }) {
      await deleteThread(await deps.getClient(), threadId);
      const stored = await (await deps.db()).get('threads', threadId);
      if (stored) {
        await afterThreadChange({
          ...stored,
          availability: 'Deleted',
          assignee: null,
          lastModifiedTime: new Date().toISOString(),
        });
      }
    },
    async deleteMessages({ ids }) {
      const client = await deps.getClient();
      await tryOptional('messageDelete', () => deleteMessages(client, ids));
      resyncEntries();
    },
    async addNote({ threadId, text }) {
      await createNote(await deps.getClient(), threadId, text);
      resyncEntries();
    },
    async editNote({ noteId, text }) {
      await updateNote(await deps.getClient(), noteId, text);
      resyncEntries();
    },
    async deleteNote({ noteId }) {
      await deleteNotes(await deps.getClient(), [noteId]);
      resyncEntries();
    },
    loadHistory: async ({ threadId }) => deps.sync.loadHistory(threadId),
    loadResolved: async ({ page }) => deps.sync.loadResolved(page),

    async fetchAttachment({ uri }) {
      const client = await deps.getClient();
      if (!allowedOrigins(client.server).has(new URL(uri).origin)) {
        throw new ProtocolError('forbidden', 'That attachment is not on the RingCentral server.');
      }
      const { blob, contentType } = await client.fetchBinary(uri);
      return { dataUrl: await blobToDataUrl(blob, contentType), contentType };
    },

    async markRead({ threadId, time }) {
      const db = await deps.db();
      const seen = await readReadMark(db, threadId);
      if (seen && time <= seen) return;
      await db.put('reads', time, threadId);
      // The badge's unread count and every other open page (inbox list, chips' source) follow the new read.
      announce({ kind: 'reads', threadIds: [threadId] });
      void chips.changed([threadId]).catch(() => undefined);
      deps.onReadsChanged();
    },

    setContactName: async ({ phone, name }) => saveAgentName(phone, name),
    ...deps.crm,
  };
}

/** Checks, validates and runs one request; every failure leaves as a ProtocolError. */
export async function handleRequest<N extends RequestName>(
  handlers: Handlers,
  name: N,
  data: unknown,
  sender: SenderLike | undefined,
  self: Self,
): Promise<Reply<N>> {
  const kind = checkSender(name, sender, self);
  const parsed = validateRequest(name, data) as RequestData<N>;
  try {
    return await handlers[name](parsed, { sender: sender!, kind });
  } catch (e) {
    throw await toProtocolError(e);
  }
}

/** Registers every request with the messaging library, in the worker's first turn (a message may be what
 *  woke it). The worker never removes them; tests do, between cases. */
export function setupMessaging(deps: HandlerDeps, self: Self = currentSelf()): () => void {
  const handlers = createHandlers(deps);
  const removers = (Object.keys(requestSchemas) as RequestName[]).map((name) =>
    onMessage(name, ((message: { data: unknown; sender: SenderLike }) =>
      handleRequest(handlers, name, message.data, message.sender, self)) as Listener<typeof name>),
  );
  return () => removers.forEach((r) => r());
}
