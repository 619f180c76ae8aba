// One item of a thread's timeline: a message, a note, a system event, or a reply still in the outbox.
import { i18n } from '#i18n';
import { useSignal } from '@preact/signals';
import { LinkifiedText } from '@/components/LinkifiedText';
import { formatFullTime, formatShortTime } from '@/lib/format/time';
import { protocolFailureOf } from '@/lib/messaging';
import { UNKNOWN, type MessageStatus, type ThreadUser } from '@/lib/rc/schemas';
import { CONFIRM_CODE } from '@/lib/outbox/machine';
import type { OutboxItem } from '@/lib/sync/db';
import type { TimelineItem } from '@/lib/ui/timeline';
import { AttachmentView } from './AttachmentView';
import { useServices } from './services';

export interface EntryActions {
  me?: string;
  threadOpen: boolean;
  customer: string;
  /** False once the server refused message delete as not offered (lib/capabilities/features.ts). */
  canDeleteMessages: boolean;
  deleteMessage(id: string): void;
  saveNote(id: string, text: string): Promise<void>;
  deleteNote(id: string): void;
  retry(item: OutboxItem): void;
  editFailed(item: OutboxItem): void;
  discard(item: OutboxItem): void;
}

const STATUS: Partial<Record<MessageStatus, () => string>> = {
  Queued: () => i18n.t('status.queued'),
  Sent: () => i18n.t('status.sent'),
  Delivered: () => i18n.t('status.delivered'),
  DeliveryFailed: () => i18n.t('status.deliveryFailed'),
  SendingFailed: () => i18n.t('status.sendingFailed'),
  Unknown: () => i18n.t('status.unknown'),
};

function who(user: ThreadUser | undefined, me: string | undefined): string {
  if (!user) return i18n.t('timeline.someone');
  return user.extensionId === me ? i18n.t('thread.assignee.you') : (user.name ?? user.extensionId);
}

function Time({ iso }: { iso: string }) {
  const { now } = useServices();
  return (
    <time dateTime={iso} title={formatFullTime(iso)}>
      {formatShortTime(iso, now.value)}
    </time>
  );
}

export function TimelineEntry({ item, actions }: { item: TimelineItem; actions: EntryActions }) {
  switch (item.kind) {
    case 'message': {
      const m = item.message;
      const inbound = m.direction === 'Inbound';
      const failed = m.messageStatus === 'DeliveryFailed' || m.messageStatus === 'SendingFailed';
      // A direction we don't know is shown without a delivery state rather than guessed.
      const status = inbound || m.direction === UNKNOWN ? undefined : STATUS[m.messageStatus ?? 'Queued'];
      return (
        <li
          class={`entry message ${inbound ? 'inbound' : 'outbound'}`}
          data-testid="entry"
          data-kind="message"
          data-entry-id={item.id}
        >
          <div class="entry-head">
            <span class="author">{inbound ? actions.customer : who(m.author, actions.me)}</span>
            <Time iso={item.time} />
          </div>
          {m.text && (
            <p class="bubble">
              <LinkifiedText text={m.text} />
            </p>
          )}
          {m.attachments?.map((a) => (
            <AttachmentView key={a.id} attachment={a} />
          ))}
          <div class="entry-foot">
            {status && (
              <span class={failed ? 'status error' : 'status'} data-testid="delivery-status">
                {status()}
              </span>
            )}
            {actions.canDeleteMessages && (
              <button
                type="button"
                class="link subtle"
                aria-label={i18n.t('timeline.deleteMessageLabel', { time: formatFullTime(item.time) })}
                onClick={() => actions.deleteMessage(m.id)}
              >
                {i18n.t('common.delete')}
              </button>
            )}
          </div>
        </li>
      );
    }
    case 'note':
      return <NoteEntry item={item} actions={actions} />;
    case 'event':
      return (
        <li class="entry event" data-testid="entry" data-kind="event" data-event={item.event}>
          <span>{eventText(item, actions.me)}</span> <Time iso={item.time} />
        </li>
      );
    case 'pending':
      return <PendingEntry item={item.item} actions={actions} />;
  }
}

function eventText(item: Extract<TimelineItem, { kind: 'event' }>, me: string | undefined): string {
  const by = who(item.initiator, me);
  switch (item.event) {
    case 'created':
      return i18n.t('timeline.event.created');
    case 'assigned':
      return item.initiator && item.initiator.extensionId === item.assignee?.extensionId
        ? i18n.t('timeline.event.took', { name: by })
        : i18n.t('timeline.event.assigned', { name: by, assignee: who(item.assignee, me) });
    case 'unassigned':
      return i18n.t('timeline.event.unassigned', { name: by });
    case 'resolved':
      return i18n.t('timeline.event.resolved', { name: by });
    case 'expired':
      return i18n.t('timeline.event.expired');
    case 'deleted':
      return i18n.t('timeline.event.deleted', { name: by });
  }
}

function NoteEntry({
  item,
  actions,
}: {
  item: Extract<TimelineItem, { kind: 'note' }>;
  actions: EntryActions;
}) {
  const editing = useSignal(false);
  const draft = useSignal(item.note.text ?? '');
  const error = useSignal<string | undefined>(undefined);
  const mine = !!actions.me && item.note.author?.extensionId === actions.me && actions.threadOpen;
  async function save(e: Event) {
    e.preventDefault();
    if (!draft.value.trim()) return;
    try {
      await actions.saveNote(item.note.id, draft.value.trim());
      editing.value = false;
      error.value = undefined;
    } catch (err) {
      error.value = protocolFailureOf(err).message;
    }
  }
  return (
    <li class="entry note" data-testid="entry" data-kind="note" data-entry-id={item.id}>
      <div class="entry-head">
        <span class="author">{i18n.t('timeline.noteBy', { name: who(item.note.author, actions.me) })}</span>
        <Time iso={item.time} />
      </div>
      {editing.value ? (
        <form onSubmit={save} class="note-edit">
          <textarea
            aria-label={i18n.t('note.editLabel')}
            value={draft.value}
            maxLength={1000}
            onInput={(e) => (draft.value = (e.currentTarget as HTMLTextAreaElement).value)}
          />
          <button type="submit" class="primary">
            {i18n.t('common.save')}
          </button>
          <button type="button" onClick={() => (editing.value = false)}>
            {i18n.t('common.cancel')}
          </button>
        </form>
      ) : (
        <p class="bubble">
          <LinkifiedText text={item.note.text ?? ''} />
        </p>
      )}
      {error.value && (
        <p role="alert" class="error">
          {error.value}
        </p>
      )}
      {mine && !editing.value && (
        <div class="entry-foot">
          <button
            type="button"
            class="link subtle"
            aria-label={i18n.t('note.editButtonLabel')}
            onClick={() => {
              draft.value = item.note.text ?? '';
              editing.value = true;
            }}
          >
            {i18n.t('common.edit')}
          </button>
          <button
            type="button"
            class="link subtle"
            aria-label={i18n.t('note.deleteButtonLabel')}
            onClick={() => actions.deleteNote(item.note.id)}
          >
            {i18n.t('common.delete')}
          </button>
        </div>
      )}
    </li>
  );
}

/** What an unsent reply says: its author (the agent), when it was written, its text and attachments. */
function OutboxText({ item }: { item: OutboxItem }) {
  return (
    <>
      <div class="entry-head">
        <span class="author">{i18n.t('thread.assignee.you')}</span>
        <Time iso={new Date(item.createdAt).toISOString()} />
      </div>
      <p class="bubble">{item.text}</p>
      {item.attachments?.map((a) => (
        <span key={a.name} class="attachment">
          📎 {a.name}
        </span>
      ))}
    </>
  );
}

function PendingEntry({ item, actions }: { item: OutboxItem; actions: EntryActions }) {
  if (item.state === 'failed' && item.error?.code === CONFIRM_CODE)
    return <HeldEntry item={item} actions={actions} />;
  const failed = item.state === 'failed';
  const state = failed
    ? i18n.t('status.notSent', { reason: item.error?.message ?? i18n.t('status.unknownError') })
    : item.state === 'retrying'
      ? i18n.t('status.retrying')
      : item.state === 'sending'
        ? i18n.t('status.sending')
        : i18n.t('status.queued');
  return (
    <li
      class="entry message outbound pending"
      data-testid="entry"
      data-kind="pending"
      data-state={item.state}
    >
      <OutboxText item={item} />
      <div class="entry-foot">
        <span class={failed ? 'status error' : 'status'} role={failed ? 'alert' : undefined}>
          {state}
        </span>
        {failed && !item.error?.permanent && (
          <button type="button" onClick={() => actions.retry(item)}>
            {i18n.t('composer.retry')}
          </button>
        )}
        {failed && (
          <button type="button" onClick={() => actions.editFailed(item)}>
            {i18n.t('common.edit')}
          </button>
        )}
      </div>
    </li>
  );
}

/** A reply that waited long while its agent was away (lib/outbox/machine.ts): it goes out only if they say so. */
function HeldEntry({ item, actions }: { item: OutboxItem; actions: EntryActions }) {
  const { localNow } = useServices();
  const minutes = Math.max(1, Math.round((localNow.value - item.createdAt) / 60_000));
  return (
    <li class="entry message outbound pending" data-testid="entry" data-kind="pending" data-state="confirm">
      <OutboxText item={item} />
      <div class="entry-foot" role="group" aria-label={i18n.t('status.heldConfirm', { minutes })}>
        <span class="status" role="status">
          {i18n.t('status.heldConfirm', { minutes })}
        </span>
        <button type="button" class="primary" onClick={() => actions.retry(item)}>
          {i18n.t('composer.send')}
        </button>
        <button type="button" onClick={() => actions.editFailed(item)}>
          {i18n.t('common.edit')}
        </button>
        <button type="button" onClick={() => actions.discard(item)}>
          {i18n.t('composer.discard')}
        </button>
      </div>
    </li>
  );
}
