// History on demand through the list endpoints (FSync brings only Open threads and their recent entries):
// a thread's messages and notes page by page, and Resolved threads page by page.
import { listMessages, listNotes, listThreads } from '../rc/api';
import type { EntrySyncItem } from '../rc/schemas';
import type { Page } from '../messaging';
import type { Store } from './db';
import type { SyncEngine } from './engine';
import { readMeta } from './store-io';
import type { SyncClient } from './stream';

const PER_PAGE = 100;
const RESOLVED_PER_PAGE = 50;

interface HistoryCursor {
  /** Next page of each list; 0 when that list is exhausted. */
  messages: number;
  notes: number;
}

const cursorKey = (threadId: string) => `history:${threadId}`;

function morePages(paging: { page?: number; totalPages?: number }, page: number, got: number, per: number) {
  if (paging.totalPages !== undefined) return page < paging.totalPages;
  return got >= per;
}

/**
 * Loads the next page of a thread's messages and notes (oldest first, as the API sorts). The window spans the
 * thread's whole life, because without creationTimeFrom/To the list may default to the last 24 hours.
 */
export async function loadHistory(
  client: SyncClient,
  db: Store,
  engine: SyncEngine,
  threadId: string,
  now = new Date(),
): Promise<Page> {
  const cursor = (await readMeta<HistoryCursor>(db, cursorKey(threadId))) ?? { messages: 1, notes: 1 };
  const thread = await db.get('threads', threadId);
  const from = thread?.creationTime ?? new Date(0).toISOString();
  const [messages, notes] = await Promise.all([
    cursor.messages
      ? listMessages(client, {
          threadIds: [threadId],
          creationTimeFrom: from,
          creationTimeTo: now.toISOString(),
          page: cursor.messages,
          perPage: PER_PAGE,
        })
      : undefined,
    cursor.notes
      ? listNotes(client, { threadIds: [threadId], page: cursor.notes, perPage: PER_PAGE })
      : undefined,
  ]);
  const records: EntrySyncItem[] = [
    ...(messages?.records ?? []).map((m) => ({ ...m, recordType: 'AliveMessage' as const })),
    ...(notes?.records ?? []).map((n) => ({ ...n, recordType: 'AliveNote' as const })),
  ].filter((r) => r.availability === 'Alive');
  for (const list of [messages, notes]) if (list) engine.reportIssues('entries', list.issues);
  await engine.applyHistory('entries', records);
  const next: HistoryCursor = {
    messages:
      messages && morePages(messages.paging, cursor.messages, messages.records.length, PER_PAGE)
        ? cursor.messages + 1
        : 0,
    notes:
      notes && morePages(notes.paging, cursor.notes, notes.records.length, PER_PAGE) ? cursor.notes + 1 : 0,
  };
  await db.put('meta', next, cursorKey(threadId));
  return { more: next.messages > 0 || next.notes > 0, loaded: records.length };
}

/** One page of Resolved threads, kept as history (the Open views ignore them). */
export async function loadResolved(client: SyncClient, engine: SyncEngine, page: number): Promise<Page> {
  const list = await listThreads(client, { threadStatus: 'Resolved', page, perPage: RESOLVED_PER_PAGE });
  engine.reportIssues('threads', list.issues);
  await engine.applyHistory('threads', list.records);
  return {
    more: morePages(list.paging, page, list.records.length, RESOLVED_PER_PAGE),
    loaded: list.records.length,
  };
}
