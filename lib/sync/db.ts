// The local store: one IndexedDB database of the extension's origin. The background is its only writer;
// extension pages read it directly (a cold side panel renders from here before any request). Content scripts
// run in the page's origin and cannot open it, which is also why tokens live here rather than in storage.local.
import { openDB, type DBSchema, type IDBPDatabase } from 'idb';
import type { EntrySyncItem, MessageThread } from '../rc/schemas';

/** A message, note or system hint of a thread, as synced, plus the time it sorts by. */
export type StoredEntry = Exclude<EntrySyncItem, { recordType: 'DeletedMessage' | 'DeletedNote' }> & {
  /** creationTime for messages and notes, lastModifiedTime (= creation) for hints. */
  time: string;
};

export interface OutboxAttachment {
  name: string;
  type: string;
  data: Blob;
}

export type OutboxState = 'queued' | 'sending' | 'retrying' | 'failed';

/** A reply the agent asked to send, kept until RingCentral has it (then removed) or the agent discards it. */
export interface OutboxItem {
  localId: string;
  threadId?: string;
  from: string;
  to: string;
  text: string;
  attachments?: OutboxAttachment[];
  createdAt: number;
  state: OutboxState;
  attempts: number;
  nextAttemptAt?: number;
  /** Who queued it (the agent key "extensionId@server", lib/auth/agent.ts): only they may send it. Absent on
   *  items queued before owners were recorded. */
  owner?: string;
  /** Set after an ambiguous failure: the entries sync must be checked before another attempt. */
  uncertain?: boolean;
  error?: { code: string; message: string; permanent: boolean };
}

/** Per-thread facts the inbox list needs without reading every entry; kept by the sync reducer. */
export interface ThreadSummary {
  threadId: string;
  /** Text of the newest message (or "📎 filename" for an MMS without text). */
  preview?: string;
  previewDirection?: 'Inbound' | 'Outbound';
  lastEntryAt?: string;
  lastInboundAt?: string;
  /** The oldest inbound message not answered yet: how long the customer has been waiting. */
  waitingSince?: string;
  /** The customer opted out of this shared number (a STOP-family keyword not followed by START). */
  optedOut: boolean;
}

export interface ThreadDeskDB extends DBSchema {
  threads: {
    key: string;
    value: MessageThread;
    indexes: { byGuest: string; byLastModified: string };
  };
  entries: {
    key: string;
    value: StoredEntry;
    indexes: { byThreadTime: [string, string] };
  };
  summaries: { key: string; value: ThreadSummary };
  outbox: { key: string; value: OutboxItem };
  /** Local read state: threadId → time of the newest entry the agent has seen. */
  reads: { key: string; value: string };
  /** Sync tokens, SDK token cache and other small records owned by the background. */
  meta: { key: string; value: unknown };
}

export const DB_NAME = 'threaddesk';
export const DB_VERSION = 1;

let opening: Promise<IDBPDatabase<ThreadDeskDB>> | undefined;

/** Opens (once per context) and migrates the store. */
export function openStore(name = DB_NAME): Promise<IDBPDatabase<ThreadDeskDB>> {
  if (name !== DB_NAME) return open(name);
  opening ??= open(name);
  return opening;
}

function open(name: string) {
  return openDB<ThreadDeskDB>(name, DB_VERSION, {
    upgrade(db, oldVersion) {
      if (oldVersion < 1) {
        const threads = db.createObjectStore('threads', { keyPath: 'id' });
        threads.createIndex('byGuest', 'guestParty.phoneNumber');
        threads.createIndex('byLastModified', 'lastModifiedTime');
        const entries = db.createObjectStore('entries', { keyPath: 'id' });
        entries.createIndex('byThreadTime', ['threadId', 'time']);
        db.createObjectStore('summaries', { keyPath: 'threadId' });
        db.createObjectStore('outbox', { keyPath: 'localId' });
        db.createObjectStore('reads');
        db.createObjectStore('meta');
      }
    },
    blocking() {
      // A newer version of the extension wants to migrate: let it.
      opening = undefined;
    },
  });
}

export type Store = IDBPDatabase<ThreadDeskDB>;

/** The key range of one thread's entries in the byThreadTime index ([threadId, time]). */
export const entriesOfThread = (threadId: string): IDBKeyRange =>
  IDBKeyRange.bound([threadId, ''], [threadId, '\uffff']);
