// Messages (docs/emulator.md "Message threads"): sending as the assignee, customers' inbound texts, deletion and the
// carrier's status updates. Checks first, then mutations, then notifications.
import type { Core } from '../core.ts';
import { findResource, isHandler, sharedNumber } from '../directory.ts';
import { badParam, forbidden, notFound } from '../http/errors.ts';
import { nextNumericId } from '../ids.ts';
import { feed, notify } from '../notify.ts';
import type { AccountRec, AttachmentRec, MessageRec, MessageStatus, ThreadRec } from '../state.ts';
import { visibleThread, type ThreadScope } from './access.ts';
import { carrierReply } from './carrier-replies.ts';
import { carrierKeyword, decideInbound, decideSend, isOpen } from './rules.ts';
import type { SendMessageBody } from './schemas.ts';
import type { AccountStore } from './store.ts';
import { messageView, threadView, type ViewContext } from './views.ts';

export interface PendingAttachment {
  contentType: string;
  filename?: string;
  bytes: Uint8Array;
}

function notAssignee(extensionId: string) {
  return forbidden(`The thread is not assigned to extension [${extensionId}] at the moment.`, 'MSG-427', {
    extensionId,
  });
}

function storeAttachments(core: Core, pending: PendingAttachment[]): AttachmentRec[] {
  return pending.map((p) => {
    const id = nextNumericId(core.world().state.counter, '76');
    core.media.put(id, p.bytes);
    return {
      id,
      contentType: p.contentType,
      ...(p.filename ? { filename: p.filename } : {}),
      size: p.bytes.byteLength,
    };
  });
}

/** Checks a send without changing anything; returns the thread to append to, or undefined for a new thread. */
function checkSend(scope: ThreadScope, body: SendMessageBody): ThreadRec | undefined {
  if (body.to.length > 1)
    throw badParam('to', 'Group messaging is not supported: send to exactly one recipient.');
  const from = body.from.phoneNumber;
  const to = body.to[0]?.phoneNumber ?? '';
  const number = sharedNumber(scope.account, from);
  const resource = number?.resourceId ? findResource(scope.account, number.resourceId) : undefined;
  if (!number || !resource) {
    throw badParam('from.phoneNumber', `Phone number [${from}] is not a shared number of this account.`);
  }
  if (!isHandler(resource, scope.caller.extensionId)) {
    throw forbidden(`Extension [${scope.caller.extensionId}] is not an SMS handler of [${resource.name}].`);
  }
  if (from === to) throw badParam('to', 'A message cannot be sent to its own number.');
  if (body.threadId !== undefined) {
    const { thread } = visibleThread(scope, body.threadId);
    if (!isOpen(thread)) throw badParam('threadId', `Thread [${thread.id}] is resolved or deleted.`);
    if (thread.ownerPhone !== from || thread.guestPhone !== to) {
      throw badParam('threadId', `Thread [${thread.id}] is not the thread of these phone numbers.`);
    }
  }
  const decision = decideSend(scope.store.openThreadFor(from, to), scope.caller.extensionId);
  if (decision.kind === 'notAssignee') throw notAssignee(scope.caller.extensionId);
  return decision.kind === 'append' ? decision.thread : undefined;
}

export function sendMessage(
  core: Core,
  scope: ThreadScope,
  body: SendMessageBody,
  attachments: PendingAttachment[] = [],
) {
  const existing = checkSend(scope, body);
  const now = core.clock.now();
  const from = body.from.phoneNumber;
  const to = body.to[0]?.phoneNumber ?? '';
  const number = sharedNumber(scope.account, from);
  const thread =
    existing ??
    scope.store.createThread({
      ownerId: number?.resourceId ?? '',
      ownerPhone: from,
      guestPhone: to,
      assigneeId: scope.caller.extensionId,
      initiatorId: scope.caller.extensionId,
      time: now,
    });
  const message = scope.store.addMessage({
    threadId: thread.id,
    direction: 'Outbound',
    messageStatus: 'Queued',
    text: body.text,
    attachments: storeAttachments(core, attachments),
    authorId: scope.caller.extensionId,
    time: now,
  });
  afterMessage(core, scope.account, scope.view, 'outbound', thread, message, !existing);
  core.dispatch(scope.account.id, message.id);
  return messageView(scope.view, message);
}

function afterMessage(
  core: Core,
  account: AccountRec,
  view: ViewContext,
  action: 'inbound' | 'outbound',
  thread: ThreadRec,
  message: MessageRec,
  createdThread: boolean,
): void {
  notify(core, account.id, action, thread, findResource(account, thread.ownerId), createdThread);
  feed(core, {
    type: 'message',
    accountId: account.id,
    thread: threadView(view, thread),
    message: messageView(view, message),
  });
  core.markDirty();
}

export interface InboundInput {
  from: string;
  to: string;
  text?: string;
  attachments?: PendingAttachment[];
}

/** A customer texts a shared number (test-control API / simulator). */
export function receiveInbound(core: Core, input: InboundInput) {
  const world = core.world();
  const account = world.accounts.find((a) => a.messageThreads && sharedNumber(a, input.to));
  const number = account && sharedNumber(account, input.to);
  if (!account || !number?.resourceId) throw notFound('to');
  const store = world.store(account.id);
  const view: ViewContext = { account, baseUrl: core.baseUrl() };
  const now = core.clock.now();
  const decision = decideInbound(store.openThreadFor(input.to, input.from));
  const thread =
    decision.kind === 'append'
      ? decision.thread
      : store.createThread({
          ownerId: number.resourceId,
          ownerPhone: input.to,
          guestPhone: input.from,
          assigneeId: null,
          time: now,
        });
  const message = store.addMessage({
    threadId: thread.id,
    direction: 'Inbound',
    messageStatus: 'Received',
    ...(input.text !== undefined ? { text: input.text } : {}),
    attachments: storeAttachments(core, input.attachments ?? []),
    time: now,
  });
  afterMessage(core, account, view, 'inbound', thread, message, decision.kind === 'newThread');
  const keyword = carrierKeyword(input.text);
  if (keyword) answerKeyword(core, account, store, view, thread, keyword, now);
  return { accountId: account.id, thread: threadView(view, thread), message: messageView(view, message) };
}

/** STOP-like words opt the customer out of this shared number, START-like back in; each gets a reply. */
function answerKeyword(
  core: Core,
  account: AccountRec,
  store: AccountStore,
  view: ViewContext,
  thread: ThreadRec,
  keyword: 'optOut' | 'optIn' | 'help',
  now: number,
): void {
  if (keyword !== 'help') {
    const optedOut = keyword === 'optOut';
    store.setOptOut(thread.ownerPhone, thread.guestPhone, optedOut);
    feed(core, {
      type: 'optOut',
      accountId: account.id,
      sharedNumber: thread.ownerPhone,
      customer: thread.guestPhone,
      optedOut,
    });
  }
  const reply = store.addMessage({
    threadId: thread.id,
    direction: 'Outbound',
    messageStatus: 'Queued',
    text: carrierReply(keyword, account.companyName),
    authorId: null,
    time: now,
  });
  afterMessage(core, account, view, 'outbound', thread, reply, false);
  core.dispatch(account.id, reply.id);
}

export function deleteMessages(core: Core, scope: ThreadScope, ids: string[]): void {
  const messages = ids.map((id) => {
    const message = scope.store.messages.get(id);
    if (!message) throw notFound('ids');
    visibleThread(scope, message.threadId);
    return message;
  });
  const now = core.clock.now();
  const touched = new Set<string>();
  for (const message of messages) {
    if (message.availability === 'Deleted') continue;
    scope.store.deleteMessage(message.id, now);
    touched.add(message.threadId);
  }
  for (const threadId of touched) {
    const thread = scope.store.threads.get(threadId);
    if (thread)
      notify(core, scope.account.id, 'deleteMessages', thread, findResource(scope.account, thread.ownerId));
  }
  if (touched.size > 0) core.markDirty();
}

/** The carrier moved a message along (Queued → Sent → Delivered, or SendingFailed). */
export function applyCarrierStatus(
  core: Core,
  accountId: string,
  messageId: string,
  status: MessageStatus,
): void {
  const account = core.world().account(accountId);
  if (!account) return;
  const store = core.world().store(accountId);
  const message = store.setMessageStatus(messageId, status, core.clock.now());
  const thread = message && store.threads.get(message.threadId);
  if (!message || !thread) return;
  const view: ViewContext = { account, baseUrl: core.baseUrl() };
  notify(core, accountId, 'statusUpdate', thread, findResource(account, thread.ownerId));
  feed(core, {
    type: 'message',
    accountId,
    thread: threadView(view, thread),
    message: messageView(view, message),
  });
  core.markDirty();
}
