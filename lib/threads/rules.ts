// Thread rules in one place, as pure functions over the store (docs/emulator.md, Thread rules): who may send,
// what counts as unassigned, mine, unread, which resource a thread belongs to, and which thread a customer
// number maps to.
import type { MessageThread } from '../rc/schemas';
import type { Resource } from '../storage';
import type { ThreadSummary } from '../sync/db';

export const isOpen = (t: MessageThread) => t.status === 'Open' && t.availability === 'Alive';
export const isUnassigned = (t: MessageThread) => isOpen(t) && !t.assignee;
/** Open and assigned to this handler: what they hold (and may reply on). */
export const isHeldBy = (t: MessageThread, extensionId: string) =>
  isOpen(t) && t.assignee?.extensionId === extensionId;
export const isMine = (t: MessageThread, me: string) => isHeldBy(t, me);
export const isOthers = (t: MessageThread, me: string) =>
  isOpen(t) && !!t.assignee && t.assignee.extensionId !== me;

/** A thread belongs to a resource by its owner extension, or failing that by its shared number (no resource:
 *  every thread). */
export function inResource(t: MessageThread, resource: Resource | undefined): boolean {
  if (!resource) return true;
  if (t.owner.extensionId) return t.owner.extensionId === resource.id;
  return !!t.ownerParty && resource.sharedNumbers.includes(t.ownerParty.phoneNumber);
}

/** The resource (call queue or site) a thread belongs to, among these. */
export const resourceOf = (t: MessageThread, resources: readonly Resource[]): Resource | undefined =>
  resources.find((r) => inResource(t, r));

/** Only the assignee may reply while a thread is Open (MSG-427 otherwise). */
export const canSend = (t: MessageThread, me: string) => isMine(t, me);

/** Unread: an inbound message newer than what the agent has seen here (read state is per device). */
export function isUnread(summary: ThreadSummary | undefined, readUpTo: string | undefined): boolean {
  if (!summary?.lastInboundAt) return false;
  return !readUpTo || summary.lastInboundAt > readUpTo;
}

/** The Open thread between a customer and one of the given shared numbers (any, when none given). */
export function openThreadFor(
  threads: Iterable<MessageThread>,
  customer: string,
  sharedNumber?: string,
): MessageThread | undefined {
  for (const t of threads) {
    if (!isOpen(t) || t.guestParty?.phoneNumber !== customer) continue;
    if (!sharedNumber || t.ownerParty?.phoneNumber === sharedNumber) return t;
  }
  return undefined;
}

/** Key of a (shared number, customer) pair: drafts and opt-outs are per pair. */
export const pairKey = (sharedNumber: string, customer: string) => `${sharedNumber}>${customer}`;
