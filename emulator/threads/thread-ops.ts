// Thread operations (docs/emulator.md "Message threads"): get, assign/unassign, resolve, delete. Every check runs before the
// first mutation, so a refused request changes nothing.
import type { Core } from '../core.ts';
import { isAssignable } from '../directory.ts';
import { badParam } from '../http/errors.ts';
import { feed, notify } from '../notify.ts';
import { notOpen, visibleThread, type ThreadScope } from './access.ts';
import { expiryDeadline, isOpen } from './rules.ts';
import { threadView } from './views.ts';

export function getThread(scope: ThreadScope, threadId: string) {
  return threadView(scope.view, visibleThread(scope, threadId).thread);
}

export function assignThread(core: Core, scope: ThreadScope, threadId: string, assigneeId: string | null) {
  const { thread, resource } = visibleThread(scope, threadId);
  if (!isOpen(thread)) throw notOpen(threadId);
  if (assigneeId !== null && !isAssignable(resource, assigneeId)) {
    throw badParam(
      'assignee.extensionId',
      `Extension [${assigneeId}] is not an assignable SMS recipient of the thread owner.`,
    );
  }
  if (thread.assigneeId === assigneeId) return threadView(scope.view, thread);
  scope.store.assign(thread.id, assigneeId, scope.caller.extensionId, core.clock.now());
  afterThreadChange(core, scope, 'assign', thread.id);
  return threadView(scope.view, thread);
}

export function resolveThread(core: Core, scope: ThreadScope, threadId: string) {
  const { thread } = visibleThread(scope, threadId);
  if (!isOpen(thread)) throw notOpen(threadId);
  scope.store.resolve(thread.id, 'Manual', scope.caller.extensionId, core.clock.now());
  afterThreadChange(core, scope, 'resolve', thread.id);
  return threadView(scope.view, thread);
}

export function deleteThread(core: Core, scope: ThreadScope, threadId: string): void {
  const { thread } = visibleThread(scope, threadId);
  if (thread.availability === 'Deleted') return;
  scope.store.deleteThread(thread.id, scope.caller.extensionId, core.clock.now());
  afterThreadChange(core, scope, 'delete', thread.id);
}

export function afterThreadChange(
  core: Core,
  scope: Pick<ThreadScope, 'store' | 'view' | 'account'>,
  action: 'assign' | 'resolve' | 'delete' | 'expire',
  threadId: string,
): void {
  const thread = scope.store.threads.get(threadId);
  if (!thread) return;
  const resource = scope.account.resources.find((r) => r.id === thread.ownerId);
  notify(core, scope.account.id, action, thread, resource);
  feed(core, { type: 'thread', accountId: scope.account.id, thread: threadView(scope.view, thread) });
  core.markDirty();
}

/** Resolves every Open thread whose 72 h inactivity deadline has passed (lazily, on requests and clock moves). */
export function expireDueThreads(core: Core): number {
  const now = core.clock.now();
  let expired = 0;
  for (const account of core.world().accounts) {
    const store = core.world().store(account.id);
    const due = store.dueForExpiry(now);
    if (due.length === 0) continue;
    const view = { account, baseUrl: core.baseUrl() };
    for (const thread of due) {
      // Resolved at the deadline itself, unless something touched the thread later (then just after that).
      store.resolve(
        thread.id,
        'ThreadExpired',
        undefined,
        Math.max(thread.lastModifiedTime, expiryDeadline(thread, store.threadTtlMs)),
      );
      afterThreadChange(core, { store, view, account }, 'expire', thread.id);
      expired += 1;
    }
    store.recomputeExpiry();
  }
  return expired;
}
