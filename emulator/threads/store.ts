// One account's thread data in memory: records, the indexes the rules need (open thread per number pair,
// entries per thread), and the ordered change log ISync reads. Mutations here apply a decision already
// checked by the service layer; every mutation appends to the change log.
import type { IdCounter } from '../ids.ts';
import { nextNumericId, nextUuid } from '../ids.ts';
import type {
  AccountData,
  AttachmentRec,
  ChangeRec,
  HintRec,
  HintType,
  MessageRec,
  MessageStatus,
  NoteRec,
  ThreadRec,
} from '../state.ts';
import { expiryDeadline, labelFor, pairKey, THREAD_TTL_MS } from './rules.ts';

interface ThreadEntries {
  messages: string[];
  notes: string[];
  hints: string[];
}

export interface NewMessage {
  threadId: string;
  direction: 'Inbound' | 'Outbound';
  messageStatus: MessageStatus;
  text?: string;
  attachments?: AttachmentRec[];
  authorId?: string | null;
  time: number;
}

export class AccountStore {
  readonly threads = new Map<string, ThreadRec>();
  readonly messages = new Map<string, MessageRec>();
  readonly notes = new Map<string, NoteRec>();
  readonly hints = new Map<string, HintRec>();
  readonly optOuts: Set<string>;
  readonly changes: ChangeRec[];
  private readonly entries = new Map<string, ThreadEntries>();
  private readonly openByPair = new Map<string, string>();
  private seqValue: number;
  private nextExpiryAt = Number.POSITIVE_INFINITY;

  constructor(
    readonly accountId: string,
    data: AccountData,
    private readonly counter: IdCounter,
    /** How long an Open thread lives without activity. */
    readonly threadTtlMs = THREAD_TTL_MS,
  ) {
    this.seqValue = data.seq;
    this.changes = data.changes;
    this.optOuts = new Set(data.optOuts);
    for (const thread of data.threads) this.indexThread(thread);
    for (const message of data.messages) this.indexEntry('messages', this.messages, message);
    for (const note of data.notes) this.indexEntry('notes', this.notes, note);
    for (const hint of data.hints) this.indexEntry('hints', this.hints, hint);
    this.recomputeExpiry();
  }

  get seq(): number {
    return this.seqValue;
  }

  toData(): AccountData {
    return {
      seq: this.seqValue,
      threads: [...this.threads.values()],
      messages: [...this.messages.values()],
      notes: [...this.notes.values()],
      hints: [...this.hints.values()],
      optOuts: [...this.optOuts],
      changes: this.changes,
    };
  }

  // ---- reads

  openThreadFor(ownerPhone: string, guestPhone: string): ThreadRec | undefined {
    const id = this.openByPair.get(pairKey(ownerPhone, guestPhone));
    return id === undefined ? undefined : this.threads.get(id);
  }

  messagesOf(threadId: string): MessageRec[] {
    return this.pick(this.entries.get(threadId)?.messages, this.messages);
  }

  notesOf(threadId: string): NoteRec[] {
    return this.pick(this.entries.get(threadId)?.notes, this.notes);
  }

  hintsOf(threadId: string): HintRec[] {
    return this.pick(this.entries.get(threadId)?.hints, this.hints);
  }

  /** Changes with seq > `after`, found by binary search so the cost follows the number of changes. */
  changesAfter(after: number): ChangeRec[] {
    let lo = 0;
    let hi = this.changes.length;
    while (lo < hi) {
      const mid = (lo + hi) >>> 1;
      if ((this.changes[mid]?.seq ?? 0) <= after) lo = mid + 1;
      else hi = mid;
    }
    return this.changes.slice(lo);
  }

  /**
   * Drops change-log rows older than `before`. Sync tokens live 7 days, so rows older than that (plus a margin
   * chosen by the caller) can no longer be asked for; the log then stays proportional to a week of traffic.
   */
  compactChanges(before: number): number {
    let drop = 0;
    while (drop < this.changes.length && (this.changes[drop]?.time ?? 0) < before) drop += 1;
    if (drop > 0) this.changes.splice(0, drop);
    return drop;
  }

  isOptedOut(ownerPhone: string, guestPhone: string): boolean {
    return this.optOuts.has(pairKey(ownerPhone, guestPhone));
  }

  // ---- mutations

  createThread(input: {
    ownerId: string;
    ownerPhone: string;
    guestPhone: string;
    assigneeId: string | null;
    initiatorId?: string;
    time: number;
  }): ThreadRec {
    const thread: ThreadRec = {
      id: nextUuid(this.counter),
      ownerId: input.ownerId,
      ownerPhone: input.ownerPhone,
      guestPhone: input.guestPhone,
      status: 'Open',
      availability: 'Alive',
      assigneeId: input.assigneeId,
      creationTime: input.time,
      lastModifiedTime: input.time,
      lastActivityTime: input.time,
    };
    this.indexThread(thread);
    this.nextExpiryAt = Math.min(this.nextExpiryAt, expiryDeadline(thread, this.threadTtlMs));
    this.logThread(thread, input.time);
    this.addHint(thread, 'ThreadCreatedHint', input.time, { initiatorId: input.initiatorId });
    if (input.assigneeId) {
      this.addHint(thread, 'ThreadAssignedHint', input.time, {
        initiatorId: input.initiatorId,
        assigneeId: input.assigneeId,
      });
    }
    return thread;
  }

  addMessage(input: NewMessage): MessageRec {
    const thread = this.mustThread(input.threadId);
    const message: MessageRec = {
      id: nextNumericId(this.counter, '74'),
      threadId: thread.id,
      direction: input.direction,
      messageStatus: input.messageStatus,
      ...(input.text !== undefined ? { text: input.text } : {}),
      ...(input.attachments?.length ? { attachments: input.attachments } : {}),
      ...(input.direction === 'Outbound' ? { authorId: input.authorId ?? null } : {}),
      availability: 'Alive',
      creationTime: input.time,
      lastModifiedTime: input.time,
    };
    this.indexEntry('messages', this.messages, message);
    thread.label = labelFor(message) ?? thread.label;
    thread.lastActivityTime = Math.max(thread.lastActivityTime, input.time);
    thread.lastModifiedTime = Math.max(thread.lastModifiedTime, input.time);
    this.nextExpiryAt = Math.min(this.nextExpiryAt, expiryDeadline(thread, this.threadTtlMs));
    this.logEntry(thread, 'message', message.id, input.time);
    this.logThread(thread, input.time);
    return message;
  }

  setMessageStatus(messageId: string, status: MessageStatus, time: number): MessageRec | undefined {
    const message = this.messages.get(messageId);
    if (!message || message.availability === 'Deleted') return undefined;
    const thread = this.mustThread(message.threadId);
    message.messageStatus = status;
    message.lastModifiedTime = Math.max(message.lastModifiedTime, time);
    this.logEntry(thread, 'message', message.id, time);
    return message;
  }

  assign(threadId: string, assigneeId: string | null, initiatorId: string, time: number): ThreadRec {
    const thread = this.mustThread(threadId);
    const previous = thread.assigneeId;
    thread.assigneeId = assigneeId;
    thread.lastModifiedTime = Math.max(thread.lastModifiedTime, time);
    this.logThread(thread, time, previous);
    this.addHint(
      thread,
      'ThreadAssignedHint',
      time,
      {
        initiatorId,
        ...(assigneeId ? { assigneeId } : {}),
        ...(previous ? { previousAssigneeId: previous } : {}),
      },
      previous,
    );
    return thread;
  }

  resolve(
    threadId: string,
    reason: 'Manual' | 'ThreadExpired',
    initiatorId: string | undefined,
    time: number,
  ): ThreadRec {
    const thread = this.mustThread(threadId);
    const before = { assigneeId: thread.assigneeId, open: thread.status === 'Open' };
    this.openByPair.delete(pairKey(thread.ownerPhone, thread.guestPhone));
    thread.status = 'Resolved';
    thread.statusReason = reason;
    thread.assigneeId = null;
    thread.lastModifiedTime = Math.max(thread.lastModifiedTime, time);
    this.logThread(thread, time, before.assigneeId, before);
    this.addHint(thread, 'ThreadResolvedHint', time, { initiatorId }, undefined, before);
    return thread;
  }

  deleteThread(threadId: string, initiatorId: string, time: number): ThreadRec {
    const thread = this.mustThread(threadId);
    const before = { assigneeId: thread.assigneeId, open: thread.status === 'Open' };
    for (const message of this.messagesOf(threadId)) {
      if (message.availability === 'Deleted') continue;
      message.availability = 'Deleted';
      message.lastModifiedTime = Math.max(message.lastModifiedTime, time);
      this.logEntry(thread, 'message', message.id, time, before);
    }
    for (const note of this.notesOf(threadId)) {
      if (note.availability === 'Deleted') continue;
      note.availability = 'Deleted';
      note.lastModifiedTime = Math.max(note.lastModifiedTime, time);
      this.logEntry(thread, 'note', note.id, time, before);
    }
    this.openByPair.delete(pairKey(thread.ownerPhone, thread.guestPhone));
    thread.availability = 'Deleted';
    thread.assigneeId = null;
    thread.lastModifiedTime = Math.max(thread.lastModifiedTime, time);
    this.logThread(thread, time, before.assigneeId, before);
    this.addHint(thread, 'ThreadDeletedHint', time, { initiatorId }, undefined, before);
    return thread;
  }

  deleteMessage(messageId: string, time: number): MessageRec {
    const message = this.messages.get(messageId);
    if (!message) throw new Error(`unknown message ${messageId}`);
    const thread = this.mustThread(message.threadId);
    message.availability = 'Deleted';
    message.lastModifiedTime = Math.max(message.lastModifiedTime, time);
    this.logEntry(thread, 'message', message.id, time);
    return message;
  }

  addNote(threadId: string, text: string, authorId: string, time: number): NoteRec {
    const thread = this.mustThread(threadId);
    const note: NoteRec = {
      id: nextUuid(this.counter),
      threadId,
      text,
      authorId,
      availability: 'Alive',
      creationTime: time,
      lastModifiedTime: time,
    };
    this.indexEntry('notes', this.notes, note);
    this.logEntry(thread, 'note', note.id, time);
    return note;
  }

  updateNote(noteId: string, text: string, time: number): NoteRec {
    const note = this.mustNote(noteId);
    note.text = text;
    note.lastModifiedTime = Math.max(note.lastModifiedTime, time);
    this.logEntry(this.mustThread(note.threadId), 'note', note.id, time);
    return note;
  }

  deleteNote(noteId: string, time: number): NoteRec {
    const note = this.mustNote(noteId);
    note.availability = 'Deleted';
    note.lastModifiedTime = Math.max(note.lastModifiedTime, time);
    this.logEntry(this.mustThread(note.threadId), 'note', note.id, time);
    return note;
  }

  setOptOut(ownerPhone: string, guestPhone: string, optedOut: boolean): void {
    const key = pairKey(ownerPhone, guestPhone);
    if (optedOut) this.optOuts.add(key);
    else this.optOuts.delete(key);
  }

  /** Open threads whose inactivity deadline has passed; cheap unless a deadline is actually due. */
  dueForExpiry(now: number): ThreadRec[] {
    if (now < this.nextExpiryAt) return [];
    const due: ThreadRec[] = [];
    for (const id of this.openByPair.values()) {
      const thread = this.threads.get(id);
      if (thread && expiryDeadline(thread, this.threadTtlMs) <= now) due.push(thread);
    }
    // The bound was stale (threads resolved or active since): tighten it so the next requests skip the scan.
    if (due.length === 0) this.recomputeExpiry();
    return due;
  }

  /** After expiring the due threads, the next deadline to wait for. */
  recomputeExpiry(): void {
    let next = Number.POSITIVE_INFINITY;
    for (const id of this.openByPair.values()) {
      const thread = this.threads.get(id);
      if (thread) next = Math.min(next, expiryDeadline(thread, this.threadTtlMs));
    }
    this.nextExpiryAt = next;
  }

  // ---- internals

  private mustThread(id: string): ThreadRec {
    const thread = this.threads.get(id);
    if (!thread) throw new Error(`unknown thread ${id}`);
    return thread;
  }

  private mustNote(id: string): NoteRec {
    const note = this.notes.get(id);
    if (!note) throw new Error(`unknown note ${id}`);
    return note;
  }

  private pick<T>(ids: string[] | undefined, map: Map<string, T>): T[] {
    const out: T[] = [];
    for (const id of ids ?? []) {
      const value = map.get(id);
      if (value) out.push(value);
    }
    return out;
  }

  private indexThread(thread: ThreadRec): void {
    this.threads.set(thread.id, thread);
    if (!this.entries.has(thread.id)) this.entries.set(thread.id, { messages: [], notes: [], hints: [] });
    if (thread.status === 'Open' && thread.availability === 'Alive') {
      this.openByPair.set(pairKey(thread.ownerPhone, thread.guestPhone), thread.id);
    }
  }

  private indexEntry<T extends { id: string; threadId: string }>(
    kind: keyof ThreadEntries,
    map: Map<string, T>,
    record: T,
  ): void {
    map.set(record.id, record);
    let list = this.entries.get(record.threadId);
    if (!list) {
      list = { messages: [], notes: [], hints: [] };
      this.entries.set(record.threadId, list);
    }
    list[kind].push(record.id);
  }

  private addHint(
    thread: ThreadRec,
    type: HintType,
    time: number,
    fields: { initiatorId?: string; assigneeId?: string; previousAssigneeId?: string },
    previousAssigneeId?: string | null,
    snapshot?: { assigneeId: string | null; open: boolean },
  ): HintRec {
    const hint: HintRec = {
      id: nextNumericId(this.counter, '75'),
      threadId: thread.id,
      type,
      time,
      ...(fields.initiatorId ? { initiatorId: fields.initiatorId } : {}),
      ...(fields.assigneeId ? { assigneeId: fields.assigneeId } : {}),
      ...(fields.previousAssigneeId ? { previousAssigneeId: fields.previousAssigneeId } : {}),
    };
    this.indexEntry('hints', this.hints, hint);
    this.log('entries', 'hint', hint.id, thread, time, previousAssigneeId, snapshot);
    return hint;
  }

  private logThread(
    thread: ThreadRec,
    time: number,
    previousAssigneeId?: string | null,
    snapshot?: { assigneeId: string | null; open: boolean },
  ): void {
    this.log('threads', 'thread', thread.id, thread, time, previousAssigneeId, snapshot);
  }

  private logEntry(
    thread: ThreadRec,
    kind: 'message' | 'note',
    id: string,
    time: number,
    snapshot?: { assigneeId: string | null; open: boolean },
  ): void {
    this.log('entries', kind, id, thread, time, undefined, snapshot);
  }

  private log(
    stream: ChangeRec['stream'],
    kind: ChangeRec['kind'],
    id: string,
    thread: ThreadRec,
    time: number,
    previousAssigneeId: string | null | undefined,
    snapshot?: { assigneeId: string | null; open: boolean },
  ): void {
    this.seqValue += 1;
    this.changes.push({
      seq: this.seqValue,
      stream,
      kind,
      id,
      threadId: thread.id,
      assigneeId: snapshot ? snapshot.assigneeId : thread.assigneeId,
      ...(previousAssigneeId !== undefined ? { previousAssigneeId } : {}),
      open: snapshot ? snapshot.open : thread.status === 'Open' && thread.availability === 'Alive',
      time,
    });
  }
}
