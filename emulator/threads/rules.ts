// The thread-messaging rules of docs/emulator.md "Thread rules" as pure functions over records: who may do what, which thread a
// message belongs to, when a thread expires, which entries a sync scope covers and who hears about a change.
import { HOUR } from '../clock.ts';
import type { ChangeRec, MessageRec, ResourceRec, ThreadRec } from '../state.ts';
import type { ThreadEventFilter } from '../push/types.ts';

/**
 * Time without inbound or outbound activity after which a thread is resolved (statusReason ThreadExpired). An
 * account setting at RingCentral; 72 h is the default the emulator uses unless told otherwise.
 */
export const THREAD_TTL_MS = 72 * HOUR;

export const pairKey = (ownerPhone: string, guestPhone: string): string => `${ownerPhone}|${guestPhone}`;

export const expiryDeadline = (thread: Pick<ThreadRec, 'lastActivityTime'>, ttlMs = THREAD_TTL_MS): number =>
  thread.lastActivityTime + ttlMs;

export const isOpen = (thread: ThreadRec): boolean =>
  thread.status === 'Open' && thread.availability === 'Alive';

/** The thread label holds the latest text (docs/emulator.md "Message threads"), cut to the spec's 200 characters. */
export function labelFor(message: Pick<MessageRec, 'text'>): string | undefined {
  return message.text === undefined ? undefined : message.text.slice(0, 200);
}

export type SendDecision =
  { kind: 'newThread' } | { kind: 'append'; thread: ThreadRec } | { kind: 'notAssignee'; thread: ThreadRec };

/** Outbound routing (docs/emulator.md "Thread rules"): the pair's Open thread if the sender is its assignee;
 *  another handler is refused; no Open thread: a new one, assigned to the sender. */
export function decideSend(openThread: ThreadRec | undefined, senderId: string): SendDecision {
  if (!openThread) return { kind: 'newThread' };
  if (openThread.assigneeId !== senderId) return { kind: 'notAssignee', thread: openThread };
  return { kind: 'append', thread: openThread };
}

/** Inbound routing: the pair's Open thread, or a new unassigned one. */
export function decideInbound(
  openThread: ThreadRec | undefined,
): { kind: 'newThread' } | { kind: 'append'; thread: ThreadRec } {
  return openThread ? { kind: 'append', thread: openThread } : { kind: 'newThread' };
}

export type SyncScope =
  'Accessible' | 'Unassigned' | 'AssignedToMe' | 'AssignedToMeAndUnassigned' | 'Explicit';

export interface ScopeView {
  threadId: string;
  assigneeId: string | null;
  open: boolean;
}

/** Whether a thread (as it is, or as it was when a change happened) falls in an entries-sync scope. */
export function inScope(
  scope: SyncScope,
  view: ScopeView,
  me: string,
  explicitIds: readonly string[],
): boolean {
  switch (scope) {
    case 'Accessible':
      return true;
    case 'Explicit':
      return explicitIds.includes(view.threadId);
    case 'Unassigned':
      return view.open && view.assigneeId === null;
    case 'AssignedToMe':
      return view.assigneeId === me;
    case 'AssignedToMeAndUnassigned':
      return view.assigneeId === me || (view.open && view.assigneeId === null);
  }
}

/** ISync: a change belongs to the scope if the thread matched at the time, or an assignment touched me. */
export function changeInScope(
  scope: SyncScope,
  change: ChangeRec,
  me: string,
  explicitIds: readonly string[],
): boolean {
  if (
    inScope(
      scope,
      { threadId: change.threadId, assigneeId: change.assigneeId, open: change.open },
      me,
      explicitIds,
    )
  ) {
    return true;
  }
  if (scope === 'Explicit' || scope === 'Accessible') return false;
  return change.previousAssigneeId === me;
}

export type ThreadAction =
  | 'inbound'
  | 'outbound'
  | 'statusUpdate'
  | 'assign'
  | 'resolve'
  | 'expire'
  | 'delete'
  | 'note'
  | 'deleteMessages';

export interface Notice {
  filter: ThreadEventFilter;
  extensionIds: string[];
}

/**
 * Who hears about a change (docs/emulator.md "Events"). `thread` is the thread after the change, `createdThread`
 * whether the change created it. Deleting a thread pushes nothing, as RingCentral's guide says: clients learn of
 * it at their next ISync.
 */
export function noticesFor(
  action: ThreadAction,
  thread: ThreadRec,
  resource: ResourceRec,
  createdThread = false,
): Notice[] {
  const everyone = resource.recipients.map((r) => r.extensionId);
  const assigneeOrEveryone = thread.assigneeId ? [thread.assigneeId] : everyone;
  switch (action) {
    case 'inbound':
      return thread.assigneeId
        ? [{ filter: 'entries', extensionIds: [thread.assigneeId] }]
        : [
            { filter: 'threads', extensionIds: everyone },
            { filter: 'entries', extensionIds: everyone },
          ];
    case 'outbound':
      return createdThread
        ? [
            { filter: 'threads', extensionIds: assigneeOrEveryone },
            { filter: 'entries', extensionIds: assigneeOrEveryone },
          ]
        : [{ filter: 'entries', extensionIds: assigneeOrEveryone }];
    case 'statusUpdate':
      return [{ filter: 'entries', extensionIds: assigneeOrEveryone }];
    case 'assign':
    case 'resolve':
    case 'expire':
      return [{ filter: 'threads', extensionIds: everyone }];
    case 'delete':
      return [];
    case 'note':
    case 'deleteMessages':
      return [{ filter: 'entries', extensionIds: everyone }];
  }
}

export type KeywordAction = 'optOut' | 'optIn' | 'help';

const OPT_OUT = new Set(['STOP', 'STOPALL', 'UNSUBSCRIBE', 'CANCEL', 'END', 'QUIT', 'REVOKE', 'OPTOUT']);
const OPT_IN = new Set(['START', 'UNSTOP']);

/** A carrier keyword is a message that is only the keyword, in any case, after trimming. */
export function carrierKeyword(text: string | undefined): KeywordAction | null {
  const word = (text ?? '').trim().toUpperCase();
  if (OPT_OUT.has(word)) return 'optOut';
  if (OPT_IN.has(word)) return 'optIn';
  if (word === 'HELP') return 'help';
  return null;
}

/** Threads are visible to the SMS handlers of their owner resource. */
export function canSee(resource: ResourceRec | undefined, extensionId: string): boolean {
  return resource !== undefined && resource.recipients.some((r) => r.extensionId === extensionId);
}
