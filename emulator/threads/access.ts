// Resolving the caller's view of an account's threads: the account in the path, the feature, thread access.
import type { Core, Caller } from '../core.ts';
import { findResource } from '../directory.ts';
import { forbidden, notFound, RcError } from '../http/errors.ts';
import type { AccountRec, ResourceRec, ThreadRec } from '../state.ts';
import { canSee } from './rules.ts';
import type { AccountStore } from './store.ts';
import type { ViewContext } from './views.ts';

export interface ThreadScope {
  account: AccountRec;
  store: AccountStore;
  view: ViewContext;
  caller: Caller;
}

/** `~` or the caller's own account id; another account is 403, an unknown one 404. */
export function resolveAccount(core: Core, caller: Caller, accountParam: string): AccountRec {
  const id = accountParam === '~' ? caller.accountId : accountParam;
  const account = core.world().account(id);
  if (!account) throw notFound('accountId');
  if (account.id !== caller.accountId) {
    throw forbidden(
      'In order to call this API endpoint, user needs to have access to the requested account.',
    );
  }
  return account;
}

export function threadScope(core: Core, caller: Caller, accountParam: string): ThreadScope {
  const account = resolveAccount(core, caller, accountParam);
  if (!account.messageThreads) {
    throw new RcError(403, [
      {
        errorCode: 'CMN-109',
        message: 'The feature [MessageThreads] is not available for the current service plan.',
      },
    ]);
  }
  return {
    account,
    store: core.world().store(account.id),
    view: { account, baseUrl: core.baseUrl() },
    caller,
  };
}

/** The thread if it exists and the caller handles its owner resource: 404 / 403 otherwise. */
export function visibleThread(
  scope: ThreadScope,
  threadId: string,
): { thread: ThreadRec; resource: ResourceRec } {
  const thread = scope.store.threads.get(threadId);
  if (!thread) throw notFound('threadId');
  const resource = findResource(scope.account, thread.ownerId);
  if (!resource || !canSee(resource, scope.caller.extensionId)) {
    throw forbidden(
      'In order to call this API endpoint, user needs to be an SMS handler of the thread owner.',
    );
  }
  return { thread, resource };
}

/** A thread-state refusal; RingCentral documents none, so the emulator uses its own code. */
export const notOpen = (threadId: string): RcError =>
  forbidden(`The thread [${threadId}] is not open.`, 'MSG-428');
