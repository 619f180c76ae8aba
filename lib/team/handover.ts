// Bulk hand-over: move threads held by one handler to another handler or back to unassigned, one at a time.
// Each thread is checked against its current state right before its assign (the store is kept live by push),
// so a thread resolved or taken by someone else meanwhile is reported, never overwritten. Requests go through
// the background's client, whose rate budget (lib/rc/budget.ts) paces them within RingCentral's limits.
import type { MessageThread } from '../rc/schemas';
import { isOpen } from '../threads/rules';

export type HandoverOutcome = 'moved' | 'resolved' | 'reassigned' | 'gone' | 'failed';

export interface HandoverResult {
  threadId: string;
  outcome: HandoverOutcome;
  /** Who holds it now (reassigned), or the error (failed). */
  detail?: string;
}

/** Whether a thread may still be handed over from `from`; the outcome to report when not. */
export function handoverCheck(
  thread: MessageThread | undefined,
  from: string,
): { ok: true } | { ok: false; result: Omit<HandoverResult, 'threadId'> } {
  if (!thread || thread.availability !== 'Alive') return { ok: false, result: { outcome: 'gone' } };
  if (!isOpen(thread)) return { ok: false, result: { outcome: 'resolved' } };
  const holder = thread.assignee?.extensionId;
  if (holder !== from) {
    const detail = thread.assignee ? (thread.assignee.name ?? thread.assignee.extensionId) : undefined;
    return { ok: false, result: { outcome: 'reassigned', ...(detail ? { detail } : {}) } };
  }
  return { ok: true };
}

export interface HandoverDeps {
  /** The thread as the store holds it now. */
  current(threadId: string): MessageThread | undefined;
  assign(threadId: string, to: string | null): Promise<unknown>;
  onResult?(result: HandoverResult, done: number, total: number): void;
  signal?: AbortSignal;
}

export async function runHandover(
  threadIds: readonly string[],
  from: string,
  to: string | null,
  deps: HandoverDeps,
): Promise<HandoverResult[]> {
  const results: HandoverResult[] = [];
  for (const threadId of threadIds) {
    if (deps.signal?.aborted) break;
    const check = handoverCheck(deps.current(threadId), from);
    let result: HandoverResult;
    if (!check.ok) result = { threadId, ...check.result };
    else {
      try {
        await deps.assign(threadId, to);
        result = { threadId, outcome: 'moved' };
      } catch (e) {
        result = { threadId, outcome: 'failed', detail: e instanceof Error ? e.message : String(e) };
      }
    }
    results.push(result);
    deps.onResult?.(result, results.length, threadIds.length);
  }
  return results;
}
