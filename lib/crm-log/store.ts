// The CRM side's own IndexedDB database in the background: the connection with its tokens (never in storage.local,
// which content scripts can read), cached matches, the agent's record choice per thread, the activity written for
// each thread, and the durable queue of logging jobs.
import { openDB, type DBSchema, type IDBPDatabase } from 'idb';
import type { HubSpotSession } from '../crm-api/hubspot-client';
import type { SalesforceSession } from '../crm-api/salesforce-client';
import type { CrmKind, CrmRecord, LoggedActivity } from '../crm-api/types';
import type { StoredFailure } from '../storage';

export type CrmConnection =
  | { kind: 'salesforce'; key: string; session: SalesforceSession; connectedAt: number }
  | { kind: 'hubspot'; key: string; session: HubSpotSession; connectedAt: number };

export interface CachedMatch {
  key: string;
  records: CrmRecord[];
  fetchedAt: number;
}

export interface ThreadChoice {
  key: string;
  record: CrmRecord;
}

export interface ActivityRow {
  key: string;
  activity: LoggedActivity;
  fingerprint?: string;
}

export interface LogJob {
  key: string;
  threadId: string;
  /** Bumped by every enqueue: a run only removes the job it read, not one queued again meanwhile. */
  seq: number;
  /** The agent who queued it (their key, lib/auth/agent.ts). A hand-over clears the queue, so a run only writes back a job that
   *  is still there and still this agent's (lib/crm-log/service.ts). Rows from before this field count as
   *  the current agent's. */
  owner?: string;
  /** The agent pressed "Log now" (or Retry): log even when the setting is manual or the thread is someone else's. */
  manual: boolean;
  attempts: number;
  nextAt: number;
  state: 'pending' | 'failed';
  error?: StoredFailure;
}

/** A job as an older version stored it: its failure was words only (database version 1, or put aside then). */
export function upgradeJob(job: Omit<LogJob, 'error'> & { error?: unknown }): LogJob {
  if (typeof job.error !== 'string') return job as LogJob;
  return { ...job, error: { code: 'unknown', message: job.error } };
}

interface CrmDB extends DBSchema {
  connection: { key: string; value: CrmConnection };
  matches: { key: string; value: CachedMatch };
  choices: { key: string; value: ThreadChoice };
  activities: { key: string; value: ActivityRow };
  jobs: { key: string; value: LogJob };
}

export type CrmStore = IDBPDatabase<CrmDB>;
export const CRM_DB_NAME = 'threaddesk-crm';

let opening: Promise<CrmStore> | undefined;

export function openCrmStore(name = CRM_DB_NAME): Promise<CrmStore> {
  const open = () =>
    openDB<CrmDB>(name, 2, {
      async upgrade(db, oldVersion, _newVersion, tx) {
        if (oldVersion < 1) {
          // One row, out-of-line key 'current'; the rest are keyed by their scoped key.
          db.createObjectStore('connection');
          for (const store of ['matches', 'choices', 'activities', 'jobs'] as const) {
            db.createObjectStore(store, { keyPath: 'key' });
          }
          return;
        }
        if (oldVersion < 2) {
          const jobs = tx.objectStore('jobs');
          for (const job of await jobs.getAll()) await jobs.put(upgradeJob(job));
        }
      },
      blocking() {
        opening = undefined;
      },
    });
  if (name !== CRM_DB_NAME) return open();
  opening ??= open();
  return opening;
}

/** Keys are scoped to the connected org or portal, so a different CRM account never sees another's rows. */
export const scoped = (connection: { key: string }, id: string) => `${connection.key}|${id}`;

export function connectionKey(kind: CrmKind, session: SalesforceSession | HubSpotSession): string {
  return kind === 'salesforce'
    ? `salesforce:${(session as SalesforceSession).orgId}`
    : `hubspot:${(session as HubSpotSession).portalId}`;
}

export function currentConnection(db: CrmStore): Promise<CrmConnection | undefined> {
  return db.get('connection', 'current');
}

export async function saveConnection(db: CrmStore, connection: CrmConnection): Promise<void> {
  await db.put('connection', connection, 'current');
}

export async function clearConnection(db: CrmStore): Promise<void> {
  await db.delete('connection', 'current');
}
