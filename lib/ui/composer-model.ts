// The reply composer of one thread (or of a new conversation): text and draft, attachments, segment count,
// who may send, and the review-before-send guard (the thread changed since the agent started typing).
import { batch, computed, signal, type ReadonlySignal } from '@preact/signals';
import { protocolFailureOf } from '../messaging';
import type { MessageThread } from '../rc/schemas';
import { countSegments, MAX_TEXT_LENGTH, type SegmentInfo } from '../sms/segments';
import { applyTemplate, mergeValues, type MergeField } from '../sms/templates';
import type { Template } from '../storage';
import type { OutboxItem } from '../sync/db';
import { isMine } from '../threads/rules';
import type { Send } from './api';
import { readAsDataUrl } from './files';

/** RingCentral's MMS limit, for all attachments of a message together. */
export const MAX_ATTACHMENT_BYTES = 1.5 * 1024 * 1024;
const ALLOWED_TYPES =
  /^(image|audio|video)\/|^application\/(pdf|rtf|zip)$|^text\/(plain|vcard|x-vcard|calendar)$/;

export type BlockReason = 'resolved' | 'deleted' | 'optedOut' | 'unassigned' | 'other' | 'tookOver';

export type ReviewReason = { kind: 'newInbound' } | { kind: 'assigneeChanged'; name?: string };

export type ComposerError =
  { kind: 'send'; message: string } | { kind: 'fileType' | 'fileSize'; name: string };

export interface PendingAttachment {
  name: string;
  type: string;
  size: number;
  dataUrl: string;
}

export interface ComposerOptions {
  /** Draft key: the thread id, or the number pair of a new conversation. */
  draftKey: string;
  /** Undefined for a new conversation: its first send creates the thread. */
  thread: ReadonlySignal<MessageThread | undefined>;
  from: string;
  to: string;
  me: ReadonlySignal<string | undefined>;
  agentName: ReadonlySignal<string | undefined>;
  customerName: ReadonlySignal<string | undefined>;
  optedOut: ReadonlySignal<boolean>;
  lastInboundAt: ReadonlySignal<string | undefined>;
  initialDraft: string;
  saveDraft: (key: string, text: string) => Promise<void>;
  send: Send;
  /** Draft saves are debounced by this much (ms). */
  draftDelay?: number;
}

export interface ComposerModel {
  text: ReadonlySignal<string>;
  attachments: ReadonlySignal<PendingAttachment[]>;
  segments: ReadonlySignal<SegmentInfo>;
  blocked: ReadonlySignal<{ reason: BlockReason; name?: string } | null>;
  review: ReadonlySignal<ReviewReason | null>;
  sending: ReadonlySignal<boolean>;
  error: ReadonlySignal<ComposerError | undefined>;
  /** Merge fields a just-inserted template could not fill. */
  missingFields: ReadonlySignal<MergeField[]>;
  canSend: ReadonlySignal<boolean>;
  setText(text: string): void;
  insertTemplate(template: Template): void;
  addFiles(files: readonly File[]): Promise<void>;
  removeAttachment(index: number): void;
  /** 'review' when the first press only showed what changed. */
  submit(): Promise<'sent' | 'review' | 'blocked' | 'failed'>;
  editFailed(item: OutboxItem): Promise<void>;
  retryFailed(item: OutboxItem): Promise<void>;
  discardFailed(item: OutboxItem): Promise<void>;
  /** Saves the draft now (panel closing). */
  flush(): Promise<void>;
  dispose(): void;
}

interface Baseline {
  lastInboundAt?: string;
  assigneeId?: string;
  /** Someone else held the thread since (even if it came back): the agent should look again. */
  interim?: { name?: string };
}

export function createComposerModel(o: ComposerOptions): ComposerModel {
  const text = signal(o.initialDraft);
  const attachments = signal<PendingAttachment[]>([]);
  const review = signal<ReviewReason | null>(null);
  const sending = signal(false);
  const error = signal<ComposerError | undefined>(undefined);
  const missingFields = signal<MergeField[]>([]);
  const snapshot = (): Baseline => ({
    lastInboundAt: o.lastInboundAt.value,
    assigneeId: o.thread.value?.assignee?.extensionId,
  });
  // A draft carried over from earlier counts as "started typing" now: the agent sees the timeline first.
  let baseline: Baseline | null = o.initialDraft ? snapshot() : null;
  let typedWhileMine = !!o.initialDraft && isAssignedTo(o.thread.value, o.me.value);

  // Set when the thread was mine while I typed and someone else has it now: say so, keep the draft.
  const tookOver = signal(typedWhileMine && !isAssignedTo(o.thread.value, o.me.value));
  const segments = computed(() => countSegments(text.value));

  const blocked = computed((): { reason: BlockReason; name?: string } | null => {
    const t = o.thread.value;
    if (!t) return o.optedOut.value ? { reason: 'optedOut' } : null;
    if (t.availability !== 'Alive') return { reason: 'deleted' };
    // A status this version doesn't know is treated like Resolved: RingCentral only accepts replies on Open.
    if (t.status !== 'Open') return { reason: 'resolved' };
    if (o.optedOut.value) return { reason: 'optedOut' };
    if (!t.assignee) return { reason: 'unassigned' };
    if (t.assignee.extensionId !== o.me.value) {
      return { reason: tookOver.value ? 'tookOver' : 'other', name: t.assignee.name };
    }
    return null;
  });

  const canSend = computed(
    () =>
      !blocked.value &&
      !sending.value &&
      text.value.trim().length > 0 &&
      text.value.length <= MAX_TEXT_LENGTH,
  );

  let timer: ReturnType<typeof setTimeout> | undefined;
  let savedText = o.initialDraft;
  const save = async () => {
    clearTimeout(timer);
    timer = undefined;
    if (savedText === text.value) return;
    savedText = text.value;
    await o.saveDraft(o.draftKey, text.value);
  };

  function setText(next: string) {
    if (!baseline && next.trim()) {
      baseline = snapshot();
      typedWhileMine = isAssignedTo(o.thread.value, o.me.value);
    }
    if (!next.trim() && !attachments.value.length) baseline = null;
    batch(() => {
      text.value = next;
      error.value = undefined;
      missingFields.value = [];
    });
    clearTimeout(timer);
    timer = setTimeout(() => void save(), o.draftDelay ?? 400);
  }

  // Watch the assignee while typing: losing the thread must disable the composer with a clear reason.
  const stopWatch = o.thread.subscribe((t) => {
    if (!t || !baseline) return;
    if (t.assignee?.extensionId !== baseline.assigneeId) baseline.interim ??= { name: t.assignee?.name };
    if (typedWhileMine && !isAssignedTo(t, o.me.value)) tookOver.value = true;
    else if (isAssignedTo(t, o.me.value)) {
      tookOver.value = false;
      typedWhileMine = true;
    }
  });

  function changedSinceBaseline(): ReviewReason | null {
    if (!baseline) return null;
    const now = snapshot();
    if (now.lastInboundAt && now.lastInboundAt !== baseline.lastInboundAt) return { kind: 'newInbound' };
    if (now.assigneeId !== baseline.assigneeId || baseline.interim) {
      return { kind: 'assigneeChanged', name: baseline.interim?.name ?? o.thread.value?.assignee?.name };
    }
    return null;
  }

  async function submit(): Promise<'sent' | 'review' | 'blocked' | 'failed'> {
    if (!canSend.value) return 'blocked';
    const change = changedSinceBaseline();
    if (change) {
      // First press after a change only shows it; the next press sends.
      review.value = change;
      baseline = snapshot();
      return 'review';
    }
    sending.value = true;
    error.value = undefined;
    const t = o.thread.value;
    try {
      await o.send('send', {
        ...(t ? { threadId: t.id } : {}),
        from: o.from,
        to: o.to,
        text: text.value,
        ...(attachments.value.length
          ? { attachments: attachments.value.map(({ name, type, dataUrl }) => ({ name, type, dataUrl })) }
          : {}),
      });
      batch(() => {
        text.value = '';
        attachments.value = [];
        review.value = null;
      });
      baseline = null;
      await save();
      return 'sent';
    } catch (e) {
      error.value = { kind: 'send', message: protocolFailureOf(e).message };
      return 'failed';
    } finally {
      sending.value = false;
    }
  }

  async function addFiles(files: readonly File[]) {
    error.value = undefined;
    let total = attachments.value.reduce((sum, a) => sum + a.size, 0);
    const added: PendingAttachment[] = [];
    for (const file of files) {
      if (!ALLOWED_TYPES.test(file.type)) {
        error.value = { kind: 'fileType', name: file.name };
        continue;
      }
      if (total + file.size > MAX_ATTACHMENT_BYTES) {
        error.value = { kind: 'fileSize', name: file.name };
        continue;
      }
      total += file.size;
      added.push({ name: file.name, type: file.type, size: file.size, dataUrl: await readAsDataUrl(file) });
    }
    if (added.length) attachments.value = [...attachments.value, ...added];
  }

  return {
    text,
    attachments,
    segments,
    blocked,
    review,
    sending,
    error,
    missingFields,
    canSend,
    setText,
    insertTemplate(template) {
      const merged = applyTemplate(template.text, mergeValues(o.customerName.value, o.agentName.value));
      setText(text.value.trim() ? `${text.value.trimEnd()} ${merged.text}` : merged.text);
      missingFields.value = merged.missing;
    },
    addFiles,
    removeAttachment(index) {
      attachments.value = attachments.value.filter((_, i) => i !== index);
    },
    submit,
    async editFailed(item) {
      await o.send('discardSend', { localId: item.localId });
      setText(text.value.trim() ? `${item.text}\n${text.value}` : item.text);
    },
    async retryFailed(item) {
      await o.send('retrySend', { localId: item.localId });
    },
    async discardFailed(item) {
      await o.send('discardSend', { localId: item.localId });
    },
    flush: save,
    dispose() {
      stopWatch();
      void save();
    },
  };
}

function isAssignedTo(t: MessageThread | undefined, me: string | undefined): boolean {
  return !!t && !!me && isMine(t, me);
}
