// One inbox row. The option's name is the customer (set by the list); the rest is its description.
import { i18n } from '#i18n';
import { PresenceMark } from '@/components/Presence';
import { resolveName } from '@/lib/contacts/names';
import { formatPhone } from '@/lib/format/phone';
import { formatDuration, formatFullTime, formatShortTime } from '@/lib/format/time';
import { presenceOf } from '@/lib/presence/status';
import type { MessageThread } from '@/lib/rc/schemas';
import { isOpen, isUnread } from '@/lib/threads/rules';
import { lastActivity } from '@/lib/ui/inbox';
import { customerName, resourceLabel } from './display';
import { useServices } from './services';

export const ROW_HEIGHT = 76;

export function ThreadRow({
  thread,
  labelId,
  descriptionId,
}: {
  thread: MessageThread;
  labelId: string;
  descriptionId: string;
}) {
  const { store, settings, inbox, now } = useServices();
  const summary = store.summaries.value.get(thread.id);
  const unread = isUnread(summary, store.reads.value.get(thread.id));
  const me = settings.me.value;
  const names = settings.contacts.value;
  const name = customerName(thread, names);
  const hasName = !!resolveName(names, thread.guestParty?.phoneNumber);
  const at = lastActivity(thread, summary);
  const assignee = thread.assignee
    ? thread.assignee.extensionId === me
      ? i18n.t('thread.assignee.you')
      : (thread.assignee.name ?? thread.assignee.extensionId)
    : isOpen(thread)
      ? i18n.t('thread.assignee.none')
      : i18n.t('thread.status.resolved');
  const waiting = isOpen(thread) && summary?.waitingSince;
  return (
    <div class={`thread-row${unread ? ' unread' : ''}`} data-testid="thread-row" data-thread-id={thread.id}>
      <div class="row-line">
        {unread && <span class="unread-dot" aria-hidden="true" />}
        <span class="row-name" id={labelId}>
          {name}
        </span>
        <TargetMark thread={thread} />
        {summary?.optedOut && (
          <span class="tag tag-warn" data-testid="opted-out">
            {i18n.t('thread.optedOutTag')}
          </span>
        )}
        <time class="row-time" dateTime={at} title={formatFullTime(at)}>
          {formatShortTime(at, now.value)}
        </time>
      </div>
      <div id={descriptionId} class="row-desc">
        {unread && <span class="visually-hidden">{i18n.t('thread.unread')}. </span>}
        <div class="row-meta">
          {hasName && <span>{formatPhone(thread.guestParty?.phoneNumber)} · </span>}
          <span>{resourceLabel(thread, inbox.resources.value)}</span>
          <span>
            {' · '}
            {assignee}
            {thread.assignee && isOpen(thread) && (
              <>
                {' '}
                <PresenceMark
                  kind={presenceOf(settings.presence.value, thread.assignee.extensionId)}
                  compact
                />
              </>
            )}
          </span>
          {waiting && (
            <span class="waiting" title={formatFullTime(summary.waitingSince)}>
              {' · '}
              {i18n.t('thread.waiting', { duration: formatDuration(summary.waitingSince, now.value) })}
            </span>
          )}
        </div>
        <div class="row-preview">
          {summary?.previewDirection === 'Outbound' && <span>{i18n.t('thread.previewYou')} </span>}
          {summary?.preview ?? thread.label ?? ''}
        </div>
      </div>
    </div>
  );
}

/** "Overdue" or "At risk" against the resource's response-time target, with the deadline in the tooltip. */
function TargetMark({ thread }: { thread: MessageThread }) {
  const { inbox } = useServices();
  const target = inbox.targetOf(thread);
  if (!target || target.state === 'ok') return null;
  const due = formatFullTime(new Date(target.dueAt).toISOString());
  return (
    <span
      class={`tag ${target.state === 'overdue' ? 'tag-danger' : 'tag-warn'}`}
      data-testid="target-mark"
      data-target={target.state}
      title={i18n.t('targets.due', { time: due })}
    >
      {target.state === 'overdue' ? i18n.t('targets.overdue') : i18n.t('targets.atRisk')}
    </span>
  );
}
