// The outbox: every send is written to IndexedDB before any request, then a single loop sends items in the
// order they were written. Failures are retried with backoff; after an ambiguous one the server is searched
// for the message before sending again, so a reply is never sent twice.
import { tryOptional } from '../capabilities/features';
import type { Agent } from '../auth/agent';
import { ProtocolError } from '../messaging';
import { listMessages, listThreads, sendMessage } from '../rc/api';
import type { RcClient } from '../rc/client';
import { describeRcError, RcError, toRcError } from '../rc/errors';
import type { ThreadMessage } from '../rc/schemas';
import type { OutboxAttachment, OutboxItem, Store } from '../sync/db';
import { OPT_OUTS_KEY } from '../sync/store-io';
import type { PairOptOut } from '../sync/summary';
import { pairKey } from '../threads/rules';
import { coalesce } from '../util/coalesce';
import {
  afterFailure,
  claimFor,
  CLOCK_SKEW_MS,
  findSentMatch,
  isHeldForSessionEnd,
  pauseForSessionEnd,
  sendable,
} from './machine';
import { sleep } from '../util/sleep';

type Rc = Pick<RcClient, 'request'>;

export interface OutboxDeps {
  db(): Promise<Store>;
  rc(): Promise<Rc>;
  /** The signed-in agent (lib/auth/agent.ts), who owns the items queued now; undefined when signed out (the
   *  loop then waits). */
  agent(): Promise<Agent | undefined>;
  /** Puts a sent message in the local store at once (the sync engine's applyLocalMessage). */
  applyLocalMessage(message: ThreadMessage): Promise<void> | void;
  /** Told after every change of the outbox, so pages can re-read it. */
  onChange(): void;
  now?(): number;
  random?(): number;
  sleep?(ms: number): Promise<void>;
}

export interface SendInput {
  threadId?: string;
  from: string;
  to: string;
  text: string;
  attachments?: OutboxAttachment[];
}

const CLAIMED_KEY = 'outbox:claimed';
const OPTED_OUT = describeRcError(new RcError('optedOut', 'opted out'));
const CLAIMED_MAX = 200;

const notYours = () => new ProtocolError('forbidden', 'That reply was queued by another agent.');

export class Outbox {
  private readonly now: () => number;
  private readonly random: () => number;
  private readonly sleep: (ms: number) => Promise<void>;

  constructor(private readonly deps: OutboxDeps) {
    this.now = deps.now ?? Date.now;
    this.random = deps.random ?? Math.random;
    this.sleep = deps.sleep ?? sleep;
  }

  /** Records the send, then starts the loop; resolves with the item's local id before anything is sent. */
  async enqueue(input: SendInput): Promise<string> {
    const db = await this.deps.db();
    // createdAt doubles as the send order, so it must be strictly increasing.
    const latest = Math.max(0, ...(await db.getAll('outbox')).map((i) => i.createdAt));
    const owner = (await this.deps.agent())?.key;
    const item: OutboxItem = {
      localId: crypto.randomUUID(),
      ...(owner ? { owner } : {}),
      ...(input.threadId ? { threadId: input.threadId } : {}),
      from: input.from,
      to: input.to,
      text: input.text,
      ...(input.attachments?.length ? { attachments: input.attachments } : {}),
      createdAt: Math.max(this.now(), latest + 1),
      state: 'queued',
      attempts: 0,
    };
    await db.put('outbox', item);
    this.changed();
    void this.kick();
    return item.localId;
  }

  /** A failed item of `owner` goes back in line (after an edit in the panel, or as is). */
  async retry(localId: string, owner: string, text?: string): Promise<void> {
    const db = await this.deps.db();
    const item = await db.get('outbox', localId);
    if (!item) return;
    if (item.owner !== owner) throw notYours();
    await db.put('outbox', {
      ...item,
      text: text ?? item.text,
      state: 'queued',
      nextAttemptAt: undefined,
      error: undefined,
    });
    this.changed();
    void this.kick();
  }

  /** Drops an item of `owner`'s; another agent's item is theirs to keep. */
  async discard(localId: string, owner: string): Promise<void> {
    const db = await this.deps.db();
    const item = await db.get('outbox', localId);
    if (!item) return;
    if (item.owner !== owner) throw notYours();
    await db.delete('outbox', localId);
    this.changed();
  }

  /** The session ended: every unsent reply is held for its agent, who confirms it on return if it waited
   *  long (lib/outbox/machine.ts, claimFor). */
  async holdForSessionEnd(): Promise<void> {
    const db = await this.deps.db();
    let changed = false;
    for (const item of await db.getAll('outbox')) {
      const next = pauseForSessionEnd(item);
      if (!next) continue;
      await db.put('outbox', next);
      changed = true;
    }
    if (changed) this.changed();
  }

  /** Starts the loop if it is not running (a kick while it runs makes it run once more); on worker start and
   *  after sign-in. */
  readonly kick = coalesce(async () => {
    try {
      await this.drain();
    } catch (e) {
      // Items stay in IndexedDB; the next kick (alarm, new send, sign-in) picks them up.
      console.warn('ThreadDesk outbox stopped', e);
    }
  });

  /** Sends until nothing is sendable, or until we must wait for sign-in. */
  private async drain(): Promise<void> {
    const db = await this.deps.db();
    for (;;) {
      // Checked on every turn: another agent may have signed in while this loop slept.
      const agent = await this.deps.agent();
      if (!agent) return;
      const me = agent.extensionId;
      await this.holdOthers(db, agent.key);
      const next = sendable(await db.getAll('outbox'))[0];
      if (!next) return;
      // An item found 'sending' was interrupted (worker stopped mid-request): it may have gone out.
      const item: OutboxItem = next.state === 'sending' ? { ...next, uncertain: true } : next;
      const wait = (item.nextAttemptAt ?? 0) - this.now();
      if (wait > 0) {
        await this.sleep(wait);
        continue;
      }
      const outcome = await this.attempt(item, me);
      if (outcome === 'paused') return;
    }
  }

  /** Holds other agents' replies and releases this agent's (see claimFor). */
  private async holdOthers(db: Store, owner: string): Promise<void> {
    let changed = false;
    for (const item of await db.getAll('outbox')) {
      const next = claimFor(item, owner, this.now());
      if (!next) continue;
      await db.put('outbox', next);
      changed = true;
    }
    if (changed) this.changed();
  }

  private async attempt(item: OutboxItem, me: string): Promise<'done' | 'paused' | 'failed'> {
    const db = await this.deps.db();
    const rc = await this.deps.rc();
    try {
      if (item.uncertain) {
        const found = await this.findSent(rc, item, me);
        if (found) {
          await this.succeeded(item, found);
          return 'done';
        }
      }
      // RingCentral accepts a text to an opted-out customer and fails it later; refuse it here instead.
      if (await this.optedOut(item)) {
        await db.put('outbox', { ...item, state: 'failed', error: { ...OPTED_OUT, permanent: true } });
        this.changed();
        return 'failed';
      }
      const sending: OutboxItem = { ...item, state: 'sending', attempts: item.attempts + 1 };
      await db.put('outbox', sending);
      this.changed();
      const input = { threadId: item.threadId, from: item.from, to: item.to, text: item.text };
      const message = item.attachments?.length
        ? await tryOptional('mmsSend', () => sendMessage(rc, input, item.attachments))
        : await sendMessage(rc, input);
      await this.succeeded(item, message);
      return 'done';
    } catch (e) {
      const rc = await toRcError(e);
      const attempts = rc.code === 'signedOut' ? item.attempts : item.attempts + 1;
      const next = afterFailure({ ...item, attempts }, rc, this.now(), this.random());
      const fresh = await db.get('outbox', item.localId);
      // Discarded while in flight: do not bring it back.
      if (!fresh) return 'done';
      // Held while in flight (the session ended): it stays held for its agent, who looks for it on the server
      // before sending again (machine.ts, claimFor).
      if (isHeldForSessionEnd(fresh)) return 'paused';
      await db.put('outbox', next);
      this.changed();
      if (next.state === 'failed') return 'failed';
      return next.nextAttemptAt === undefined ? 'paused' : 'done';
    }
  }

  private async succeeded(item: OutboxItem, message: ThreadMessage): Promise<void> {
    const db = await this.deps.db();
    const claimed = ((await db.get('meta', CLAIMED_KEY)) as string[] | undefined) ?? [];
    await db.put('meta', [...claimed, message.id].slice(-CLAIMED_MAX), CLAIMED_KEY);
    await db.delete('outbox', item.localId);
    this.changed();
    await this.deps.applyLocalMessage(message);
  }

  private async optedOut(item: OutboxItem): Promise<boolean> {
    const pairs = (await (await this.deps.db()).get('meta', OPT_OUTS_KEY)) as
      Record<string, PairOptOut> | undefined;
    return pairs?.[pairKey(item.from, item.to)]?.out === true;
  }

  /** Looks on the server for the message an ambiguous attempt may have sent. */
  private async findSent(rc: Rc, item: OutboxItem, me: string): Promise<ThreadMessage | undefined> {
    const db = await this.deps.db();
    const threadIds = item.threadId ? [item.threadId] : await this.threadsOfPair(rc, item);
    if (threadIds.length === 0) return undefined;
    const list = await listMessages(rc, {
      threadIds,
      creationTimeFrom: new Date(item.createdAt - CLOCK_SKEW_MS).toISOString(),
      creationTimeTo: new Date(this.now() + CLOCK_SKEW_MS).toISOString(),
      perPage: 1000,
    });
    const claimed = new Set(((await db.get('meta', CLAIMED_KEY)) as string[] | undefined) ?? []);
    return findSentMatch(item, list.records, me, claimed);
  }

  /** A first message to a customer has no thread id yet: the server made (or found) the pair's Open thread. */
  private async threadsOfPair(rc: Rc, item: OutboxItem): Promise<string[]> {
    const list = await listThreads(rc, {
      ownerPhoneNumber: item.from,
      guestPhoneNumber: item.to,
      threadStatus: 'Open',
      perPage: 10,
    });
    return list.records.map((t) => t.id).slice(0, 10);
  }

  private changed(): void {
    this.deps.onChange();
  }
}
