// The CRM work of the background: matching each thread's customer number to CRM records, and logging each
// conversation as one activity through a durable queue. State lives in the CRM store (lib/crm-log/store.ts); what
// pages may show is published through `publish` (no tokens, ever).
import type { Agent } from '../auth/agent';
import { HubSpotClient } from '../crm-api/hubspot-client';
import { SalesforceClient } from '../crm-api/salesforce-client';
import { CRM_LABELS, CrmApiError, type CrmClient, type CrmRecord } from '../crm-api/types';
import type { MessageThread } from '../rc/schemas';
import type { CrmLogSettings, CrmRecordView, CrmThreadStateView } from '../storage';
import { type Store } from '../sync/db';
import { readEntries, readSummariesById, readThreads, readThreadsById } from '../sync/read';
import { describeCrmError } from './failure';
import { decideRecord, isFresh, isWriter, nextAttemptAt } from './record';
import {
  currentConnection,
  type ActivityRow,
  saveConnection,
  scoped,
  type CrmConnection,
  type CrmStore,
  type LogJob,
} from './store';
import { coalesce } from '../util/coalesce';
import { activityTitle, fingerprint, transcript } from './transcript';

export type CrmThreadState = CrmThreadStateView;
export type PublicRecord = CrmRecordView;

export interface CrmPublisher {
  thread(threadId: string, state: CrmThreadState | null): Promise<void>;
  clearThreads(): Promise<void>;
}

export interface CrmServiceDeps {
  crmDb(): Promise<CrmStore>;
  syncDb(): Promise<Store>;
  /** The signed-in agent (lib/auth/agent.ts agentOf). */
  me(): Promise<Agent | undefined>;
  settings(): Promise<CrmLogSettings>;
  saveCrmName(phone: string, name: string | null, crm: string): Promise<void>;
  publish: CrmPublisher;
  now?: () => number;
}

export const toPublic = (r: CrmRecord): PublicRecord => ({
  id: r.id,
  type: r.type,
  name: r.name,
  ...(r.company ? { company: r.company } : {}),
});

/** A job runs only for the agent who queued it; one without an owner predates the field, one owned by a bare
 *  extension id predates agent keys. */
const isOwnJob = (job: LogJob, me: Agent | undefined) =>
  job.owner === undefined || job.owner === me?.key || job.owner === me?.extensionId;

export class CrmService {
  private client: { key: string; client: CrmClient } | undefined;
  private readonly now: () => number;

  constructor(private readonly deps: CrmServiceDeps) {
    this.now = deps.now ?? Date.now;
  }

  /** The client for the current connection (made once per connection; Salesforce refreshes persist here). */
  async currentClient(): Promise<{ connection: CrmConnection; client: CrmClient } | undefined> {
    const db = await this.deps.crmDb();
    const connection = await currentConnection(db);
    if (!connection) return undefined;
    if (this.client?.key !== `${connection.key}@${connection.connectedAt}`) {
      const client =
        connection.kind === 'salesforce'
          ? new SalesforceClient(connection.session, (session) =>
              saveConnection(db, { ...connection, session }),
            )
          : new HubSpotClient(connection.session);
      this.client = { key: `${connection.key}@${connection.connectedAt}`, client };
    }
    return { connection, client: this.client.client };
  }

  forgetClient(): void {
    this.client = undefined;
  }

  private async thread(threadId: string): Promise<MessageThread | undefined> {
    return (await this.deps.syncDb()).get('threads', threadId);
  }

  /** Finds CRM records for the customers of these threads (all Open threads when none are named). */
  async matchThreads(threadIds?: string[], force = false): Promise<void> {
    const current = await this.currentClient();
    if (!current) return;
    const { connection, client } = current;
    if (client instanceof SalesforceClient && client.nearDailyLimit() && !force) return;
    const sync = await this.deps.syncDb();
    const threads = (
      threadIds ? [...(await readThreadsById(sync, threadIds)).values()] : await readThreads(sync)
    ).filter(
      (t): t is MessageThread =>
        Boolean(t?.guestParty?.phoneNumber) && (threadIds !== undefined || t?.status === 'Open'),
    );
    const db = await this.deps.crmDb();
    const now = this.now();
    const phones = [...new Set(threads.map((t) => t.guestParty?.phoneNumber as string))];
    const stale: string[] = [];
    for (const phone of phones) {
      if (force || !isFresh(await db.get('matches', scoped(connection, phone)), now)) stale.push(phone);
    }
    if (stale.length) {
      const found = await client.findByPhones(stale);
      const tx = db.transaction('matches', 'readwrite');
      for (const phone of stale)
        await tx.store.put({
          key: scoped(connection, phone),
          records: found.get(phone) ?? [],
          fetchedAt: now,
        });
      await tx.done;
    }
    for (const thread of threads) await this.publishThread(connection, thread);
  }

  /** Works out and shows what the thread's CRM side is, and names the customer from the CRM. */
  private async publishThread(connection: CrmConnection, thread: MessageThread): Promise<void> {
    const db = await this.deps.crmDb();
    const phone = thread.guestParty?.phoneNumber;
    if (!phone) return;
    const match = await db.get('matches', scoped(connection, phone));
    const choice = await db.get('choices', scoped(connection, thread.id));
    const decision = decideRecord(match?.records ?? [], choice?.record);
    const job = await db.get('jobs', scoped(connection, thread.id));
    const activity = await db.get('activities', scoped(connection, thread.id));
    if (decision.kind === 'record') await this.deps.saveCrmName(phone, decision.record.name, connection.kind);
    else if (decision.kind === 'none' && match) await this.deps.saveCrmName(phone, null, connection.kind);
    let state: CrmThreadState;
    if (job?.error && decision.kind !== 'record')
      state = { state: job.state === 'failed' ? 'failed' : 'retrying', error: job.error, at: job.nextAt };
    else if (!match) state = { state: 'matching' };
    else if (decision.kind === 'none') state = { state: 'noMatch' };
    else if (decision.kind === 'choose')
      state = { state: 'choose', candidates: decision.candidates.map(toPublic) };
    else if (job?.error)
      state = {
        state: job.state === 'failed' ? 'failed' : 'retrying',
        record: toPublic(decision.record),
        error: job.error,
        at: job.nextAt,
      };
    else if (job) state = { state: 'pending', record: toPublic(decision.record) };
    else if (activity) state = { state: 'logged', record: toPublic(decision.record) };
    else state = { state: 'ready', record: toPublic(decision.record) };
    await this.deps.publish.thread(thread.id, state);
  }

  async chooseRecord(threadId: string, recordId: string): Promise<void> {
    const current = await this.currentClient();
    const thread = await this.thread(threadId);
    if (!current || !thread?.guestParty) throw new Error('No CRM is connected, or the thread is not known.');
    const db = await this.deps.crmDb();
    const match = await db.get('matches', scoped(current.connection, thread.guestParty.phoneNumber));
    const record = match?.records.find((r) => r.id === recordId);
    if (!record) throw new Error('That record is not one of the matches for this number.');
    await db.put('choices', { key: scoped(current.connection, threadId), record });
    await this.publishThread(current.connection, thread);
    await this.maybeEnqueue(thread);
  }

  /** Creates a person for the number, unless the CRM has one by now: the "no match" was cached (for an hour),
   *  and another agent or the CRM's own users may have added the person since. Then the thread shows what the
   *  CRM has (the record, or the choice between several) and nothing is created. A person added within the
   *  last few seconds may still be missing from HubSpot's search (docs/crm.md). */
  async createRecord(
    threadId: string,
    input: { firstName?: string; lastName: string; company?: string; as: 'Contact' | 'Lead' },
  ): Promise<{ created: boolean }> {
    const current = await this.currentClient();
    const thread = await this.thread(threadId);
    const phone = thread?.guestParty?.phoneNumber;
    if (!current || !thread || !phone) throw new Error('No CRM is connected, or the thread is not known.');
    const existing = (await current.client.findByPhones([phone])).get(phone) ?? [];
    if (existing.length) {
      const db = await this.deps.crmDb();
      await db.put('matches', {
        key: scoped(current.connection, phone),
        records: existing,
        fetchedAt: this.now(),
      });
      await this.publishThread(current.connection, thread);
      await this.maybeEnqueue(thread);
      return { created: false };
    }
    const record = await current.client.createPerson({
      phone,
      ...input,
      as: current.connection.kind === 'hubspot' ? 'Contact' : input.as,
    });
    const db = await this.deps.crmDb();
    const match = await db.get('matches', scoped(current.connection, phone));
    await db.put('matches', {
      key: scoped(current.connection, phone),
      records: [...(match?.records ?? []), record],
      fetchedAt: this.now(),
    });
    await db.put('choices', { key: scoped(current.connection, threadId), record });
    await this.publishThread(current.connection, thread);
    await this.maybeEnqueue(thread);
    return { created: true };
  }

  /** Queues automatic logging of a changed thread when this agent is its writer (the assignee). */
  private async maybeEnqueue(thread: MessageThread): Promise<void> {
    if ((await this.deps.settings()).mode !== 'auto') return;
    const entries = await readEntries(await this.deps.syncDb(), thread.id);
    if (!isWriter(thread, entries, (await this.deps.me())?.extensionId)) return;
    await this.enqueue(thread.id, false);
  }

  /** Records a job before anything is sent, so a crash or a down CRM loses nothing; jobs for one thread merge. */
  async enqueue(threadId: string, manual: boolean): Promise<void> {
    const current = await this.currentClient();
    if (!current) return;
    const db = await this.deps.crmDb();
    const key = scoped(current.connection, threadId);
    const existing = await db.get('jobs', key);
    const owner = (await this.deps.me())?.key;
    const job: LogJob = {
      key,
      threadId,
      seq: (existing?.seq ?? 0) + 1,
      ...(owner ? { owner } : {}),
      manual: manual || existing?.manual === true,
      attempts: manual ? 0 : (existing?.attempts ?? 0),
      nextAt: manual ? this.now() : (existing?.nextAt ?? this.now()),
      state: 'pending',
      ...(existing?.error && !manual ? { error: existing.error } : {}),
    };
    await db.put('jobs', job);
    void this.kick();
  }

  /** Called after every committed sync change. */
  async onThreadsChanged(threadIds: string[]): Promise<void> {
    const current = await this.currentClient();
    if (!current) return;
    await this.matchThreads(threadIds).catch((e: unknown) =>
      console.warn('ThreadDesk CRM matching failed', e),
    );
    for (const id of threadIds) {
      const thread = await this.thread(id);
      if (thread) await this.maybeEnqueue(thread);
    }
  }

  /** Runs due jobs one at a time; a kick while they run runs the queue once more afterwards. */
  readonly kick: () => Promise<void> = coalesce(() => this.runDue());

  private async runDue(): Promise<void> {
    const current = await this.currentClient();
    if (!current) return;
    const db = await this.deps.crmDb();
    const me = await this.deps.me();
    const jobs = (await db.getAll('jobs')).filter(
      (j) =>
        j.key.startsWith(`${current.connection.key}|`) &&
        j.state === 'pending' &&
        j.nextAt <= this.now() &&
        isOwnJob(j, me),
    );
    for (const job of jobs.sort((a, b) => a.nextAt - b.nextAt)) {
      const outcome = await this.runJob(current.connection, current.client, job).catch((error: unknown) => ({
        error,
      }));
      const fresh = await db.get('jobs', job.key);
      // Gone, or queued by someone else, while it ran: a hand-over between agents cleared the queue (what it put
      // aside for this agent comes back with them, lib/crm-log/agent-part.ts). Writing it back would hand this
      // agent's job, and its thread's state, to whoever signs in next.
      if (!fresh || fresh.owner !== job.owner) continue;
      if (!('error' in outcome)) {
        // A job queued again while this one ran keeps its place: the thread changed after we read it.
        if (fresh.seq === job.seq) await db.delete('jobs', job.key);
        else await db.put('jobs', { ...fresh, attempts: 0, nextAt: this.now() });
      } else {
        const error =
          outcome.error instanceof CrmApiError
            ? outcome.error
            : new CrmApiError('server', (outcome.error as Error).message ?? String(outcome.error));
        const attempts = job.attempts + 1;
        await db.put('jobs', {
          ...fresh,
          attempts,
          state: error.transient ? 'pending' : 'failed',
          nextAt: nextAttemptAt(this.now(), attempts, error.retryAfterMs),
          error: describeCrmError(error),
        });
      }
      const thread = await this.thread(job.threadId);
      if (thread) await this.publishThread(current.connection, thread);
      // The CRM asked us to wait: the other due jobs would only be refused too.
      if (
        'error' in outcome &&
        outcome.error instanceof CrmApiError &&
        (outcome.error.kind === 'rateLimited' || outcome.error.kind === 'limitExceeded')
      )
        break;
    }
  }

  /** One job: find the thread's record, find or create its activity, and write the transcript if it changed. */
  private async runJob(connection: CrmConnection, client: CrmClient, job: LogJob): Promise<{ done: true }> {
    const db = await this.deps.crmDb();
    const thread = await this.thread(job.threadId);
    if (!thread?.guestParty) return { done: true };
    const sync = await this.deps.syncDb();
    const entries = await readEntries(sync, thread.id);
    if (!job.manual && !isWriter(thread, entries, (await this.deps.me())?.extensionId)) return { done: true };
    const phone = thread.guestParty.phoneNumber;
    let match = await db.get('matches', scoped(connection, phone));
    if (!isFresh(match, this.now())) {
      const found = await client.findByPhones([phone]);
      match = { key: scoped(connection, phone), records: found.get(phone) ?? [], fetchedAt: this.now() };
      await db.put('matches', match);
    }
    const decision = decideRecord(
      match?.records ?? [],
      (await db.get('choices', scoped(connection, thread.id)))?.record,
    );
    // No record or several: nothing to log yet; the thread shows the choice, and choosing queues the log again.
    if (decision.kind !== 'record') return { done: true };
    const record = decision.record;
    const settings = await this.deps.settings();
    const optedOut = (await readSummariesById(sync, [thread.id])).get(thread.id)?.optedOut === true;
    const input = {
      threadId: thread.id,
      record,
      title: activityTitle(thread, record.name),
      transcript: transcript(thread, entries, {
        includeNotes: settings.includeNotes,
        customerName: record.name,
        optedOut,
      }),
      startedAt: entries[0]?.time ?? thread.creationTime,
      completed: thread.status === 'Resolved',
    };
    const print = fingerprint(`${input.title}\n${input.completed}\n${input.transcript}`);
    const key = scoped(connection, thread.id);
    // The local map is this agent's too: a hand-over that cleared the queue meanwhile clears it as well.
    const remember = async (value: ActivityRow) => {
      if ((await db.get('jobs', job.key))?.owner === job.owner) await db.put('activities', value);
    };
    let row = await db.get('activities', key);
    if (row && row.activity.recordId !== record.id) row = undefined;
    if (!row) {
      // Looked up before create: another agent, another browser or a run that died after creating has left its key.
      const existing = await client.findActivity(thread.id, record);
      if (existing) row = { key, activity: existing };
      else {
        const created = await client.createActivity(input);
        await remember({ key, activity: created, fingerprint: print });
        return { done: true };
      }
      await remember(row);
    }
    if (row.fingerprint === print) return { done: true };
    await client.updateActivity(row.activity, input);
    await remember({ ...row, fingerprint: print });
    return { done: true };
  }

  /** A short description for the options page. */
  static describe(connection: CrmConnection | undefined): string | undefined {
    if (!connection) return undefined;
    return connection.kind === 'salesforce'
      ? `${CRM_LABELS.salesforce} · ${new URL(connection.session.instanceUrl).host}${connection.session.username ? ` · ${connection.session.username}` : ''}`
      : `${CRM_LABELS.hubspot} · portal ${connection.session.portalId}`;
  }
}
