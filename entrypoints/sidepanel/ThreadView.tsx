// One thread: header, actions, the timeline and the composer (or the action that must come first).
import { i18n } from '#i18n';
import { computed, useSignal } from '@preact/signals';
import { useEffect, useMemo, useRef, useState } from 'preact/hooks';
import { ConfirmDialog } from '@/components/ConfirmDialog';
import { PresenceMark } from '@/components/Presence';
import { resolveName } from '@/lib/contacts/names';
import { formatPhone } from '@/lib/format/phone';
import { protocolFailureOf } from '@/lib/messaging';
import { presenceOf } from '@/lib/presence/status';
import type { MessageThread } from '@/lib/rc/schemas';
import { isOpen, isOthers } from '@/lib/threads/rules';
import { buildTimeline, lastInboundTime, outboxFor } from '@/lib/ui/timeline';
import { Composer } from './Composer';
import { customerName, resourceLabel } from './display';
import { CrmPanel } from './CrmPanel';
import { NameHint } from './NameHint';
import { NoteForm } from './NoteForm';
import { useServices } from './services';
import { ThreadActions } from './ThreadActions';
import { Timeline } from './Timeline';
import type { EntryActions } from './TimelineEntry';
import { useThreadComposer } from './useThreadComposer';

export function ThreadView({ threadId }: { threadId: string }) {
  const { store, navigate } = useServices();
  useEffect(() => {
    performance.mark('threaddesk:thread-open');
    void store.viewThread(threadId);
    return () => void store.viewThread(null);
  }, [threadId]);
  const thread = store.threadById.value.get(threadId);
  if (!thread) {
    return (
      <div class="thread">
        <BackBar />
        <p role="status" class="empty">
          {store.complete.value ? i18n.t('thread.notFound') : i18n.t('timeline.loading')}
        </p>
        {store.complete.value && (
          <button type="button" onClick={() => navigate({ name: 'inbox' })}>
            {i18n.t('thread.backToInbox')}
          </button>
        )}
      </div>
    );
  }
  return <ThreadBody thread={thread} />;
}

function BackBar({ children }: { children?: preact.ComponentChildren }) {
  const { navigate } = useServices();
  return (
    <header class="thread-header">
      <button
        type="button"
        class="back"
        aria-label={i18n.t('thread.backToInbox')}
        onClick={() => navigate({ name: 'inbox' })}
      >
        ← {i18n.t('inbox.title')}
      </button>
      {children}
    </header>
  );
}

type Deleting = { kind: 'message' | 'note'; id: string } | null;

function ThreadBody({ thread: initial }: { thread: MessageThread }) {
  const { store, settings, send, inbox, navigate } = useServices();
  const threadId = initial.id;
  const [signals] = useState(() => ({
    thread: computed(() => store.threadById.value.get(threadId)),
    optedOut: computed(() => !!store.summaries.value.get(threadId)?.optedOut),
    lastInboundAt: computed(() => {
      const fromEntries =
        store.entries.value?.threadId === threadId ? lastInboundTime(store.entries.value.items) : undefined;
      const fromSummary = store.summaries.value.get(threadId)?.lastInboundAt;
      return [fromEntries, fromSummary].filter(Boolean).sort().pop();
    }),
  }));
  const thread = signals.thread.value ?? initial;
  const from = thread.ownerParty?.phoneNumber ?? '';
  const to = thread.guestParty?.phoneNumber ?? '';
  const composer = useThreadComposer({
    draftKey: threadId,
    thread: signals.thread,
    from,
    to,
    optedOut: signals.optedOut,
    lastInboundAt: signals.lastInboundAt,
  });
  const me = settings.me.value;
  const customer = customerName(thread, settings.contacts.value);
  const addingNote = useSignal(false);
  const deleting = useSignal<Deleting>(null);
  const actionError = useSignal<string | undefined>(undefined);
  const current = store.entries.value?.threadId === threadId ? store.entries.value : undefined;
  const entries = current?.items;
  const entriesComplete = current?.complete;
  const outbox = store.outbox.value;
  const items = useMemo(
    () => buildTimeline(entries ?? [], outboxFor(outbox, threadId, from, to)),
    [entries, outbox, threadId],
  );
  useMarkRead(threadId, entries);
  useWatchOthersThread(thread, me);

  async function attempt(action: () => Promise<unknown>) {
    actionError.value = undefined;
    try {
      await action();
    } catch (e) {
      actionError.value = protocolFailureOf(e).message;
    }
  }

  const actions: EntryActions = {
    me,
    threadOpen: isOpen(thread),
    customer,
    canDeleteMessages: settings.offers('messageDelete'),
    deleteMessage: (id) => (deleting.value = { kind: 'message', id }),
    deleteNote: (id) => (deleting.value = { kind: 'note', id }),
    saveNote: async (noteId, text) => {
      await send('editNote', { noteId, text });
    },
    retry: (item) => void attempt(() => composer.retryFailed(item)),
    editFailed: (item) => void attempt(() => composer.editFailed(item)),
    discard: (item) => void attempt(() => composer.discardFailed(item)),
  };

  const status =
    thread.availability === 'Deleted'
      ? i18n.t('thread.status.deleted')
      : thread.status === 'Open'
        ? i18n.t('thread.status.open')
        : thread.status === 'Resolved'
          ? thread.statusReason === 'ThreadExpired'
            ? i18n.t('thread.status.expired')
            : i18n.t('thread.status.resolved')
          : i18n.t('thread.status.unknown');

  return (
    <div class="thread" data-testid="thread-view" data-thread-id={threadId}>
      <BackBar>
        <div class="thread-title">
          <h2 data-testid="thread-customer">{customer}</h2>
          <NameHint phone={to} />
          <p class="sub">
            {resolveName(settings.contacts.value, to) && <span>{formatPhone(to)} · </span>}
            <span>{i18n.t('thread.via', { resource: resourceLabel(thread, inbox.resources.value) })}</span>
            <span> · {formatPhone(from)}</span>
          </p>
          <p class="sub">
            <span class="tag" data-testid="thread-status">
              {status}
            </span>{' '}
            {signals.optedOut.value && <span class="tag tag-warn">{i18n.t('thread.optedOutTag')}</span>}{' '}
            <span data-testid="thread-assignee">
              {thread.assignee
                ? i18n.t('thread.assignedTo', {
                    name:
                      thread.assignee.extensionId === me
                        ? i18n.t('thread.assignee.you')
                        : (thread.assignee.name ?? thread.assignee.extensionId),
                  })
                : isOpen(thread)
                  ? i18n.t('thread.assignee.none')
                  : ''}
            </span>{' '}
            {thread.assignee && (
              <PresenceMark kind={presenceOf(settings.presence.value, thread.assignee.extensionId)} />
            )}
          </p>
        </div>
      </BackBar>
      <ThreadActions thread={thread} onAddNote={() => (addingNote.value = true)} />
      <CrmPanel threadId={threadId} />
      {actionError.value && (
        <p role="alert" class="error banner">
          {actionError.value}
        </p>
      )}
      <Timeline
        threadId={threadId}
        items={items}
        actions={actions}
        loaded={entries !== undefined}
        complete={!!entriesComplete}
      />
      {addingNote.value && isOpen(thread) && (
        <NoteForm threadId={threadId} onDone={() => (addingNote.value = false)} />
      )}
      <Composer
        model={composer}
        customer={customer}
        onTake={async () => {
          if (me) await send('assign', { threadId, extensionId: me });
        }}
        onStartNew={() => navigate({ name: 'new', phone: to, sharedNumber: from })}
      />
      {deleting.value && (
        <ConfirmDialog
          title={
            deleting.value.kind === 'message'
              ? i18n.t('timeline.deleteMessageConfirm.title')
              : i18n.t('note.deleteConfirm.title')
          }
          confirmLabel={i18n.t('common.delete')}
          cancelLabel={i18n.t('common.cancel')}
          danger
          onCancel={() => (deleting.value = null)}
          onConfirm={() => {
            const target = deleting.value!;
            deleting.value = null;
            void attempt(() =>
              target.kind === 'message'
                ? send('deleteMessages', { ids: [target.id] })
                : send('deleteNote', { noteId: target.id }),
            );
          }}
        >
          <p>
            {deleting.value.kind === 'message'
              ? i18n.t('timeline.deleteMessageConfirm.body')
              : i18n.t('note.deleteConfirm.body')}
          </p>
        </ConfirmDialog>
      )}
    </div>
  );
}

/** How often a thread someone else is assigned to is re-synced while the agent looks at it. */
const WATCH_MS = 10_000;

/**
 * RingCentral pushes replies and inbound texts on an assigned thread to its assignee only (docs/emulator.md, Push), so
 * while I look at a thread someone else has, nothing would tell me about their replies: sync while it is shown.
 * Every 10 s keeps the sync scheduler's bucket (a run per 5 s) free for push-triggered runs.
 */
function useWatchOthersThread(thread: MessageThread, me: string | undefined) {
  const { send } = useServices();
  const othersOpen = isOthers(thread, me ?? '');
  useEffect(() => {
    if (!othersOpen) return;
    const timer = setInterval(() => {
      if (document.visibilityState === 'hidden') return;
      void Promise.resolve()
        .then(() => send('syncNow', {}))
        .catch(() => undefined);
    }, WATCH_MS);
    return () => clearInterval(timer);
  }, [thread.id, othersOpen]);
}

/** Marks the thread read up to its newest entry while the agent is looking at it. */
function useMarkRead(threadId: string, entries: readonly { time: string }[] | undefined) {
  const { store, send } = useServices();
  const sent = useRef<string | undefined>(undefined);
  const newest = entries?.length ? entries[entries.length - 1]!.time : undefined;
  const readUpTo = store.reads.value.get(threadId);
  useEffect(() => {
    const mark = () => {
      if (!newest || document.visibilityState === 'hidden') return;
      if ((readUpTo && readUpTo >= newest) || sent.current === newest) return;
      sent.current = newest;
      void send('markRead', { threadId, time: newest }).catch(() => (sent.current = undefined));
    };
    mark();
    document.addEventListener('visibilitychange', mark);
    return () => document.removeEventListener('visibilitychange', mark);
  }, [threadId, newest, readUpTo]);
}
