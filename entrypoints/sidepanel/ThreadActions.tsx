// Thread-level actions: assign to any assignable handler of the thread's resource, resolve, delete, add a note.
import { i18n } from '#i18n';
import { useSignal } from '@preact/signals';
import { ConfirmDialog } from '@/components/ConfirmDialog';
import { nameWithPresence } from '@/components/Presence';
import { protocolFailureOf } from '@/lib/messaging';
import { presenceOf } from '@/lib/presence/status';
import type { MessageThread } from '@/lib/rc/schemas';
import { isOpen } from '@/lib/threads/rules';
import { resourceOf } from '@/lib/threads/rules';
import { useServices } from './services';

type Pending = 'resolve' | 'delete' | null;

export function ThreadActions({ thread, onAddNote }: { thread: MessageThread; onAddNote: () => void }) {
  const { send, inbox, navigate, settings } = useServices();
  const confirm = useSignal<Pending>(null);
  const busy = useSignal(false);
  const error = useSignal<string | undefined>(undefined);
  const open = isOpen(thread);
  const handlers = (resourceOf(thread, inbox.resources.value)?.handlers ?? []).filter((h) => h.assignable);
  const current = thread.assignee?.extensionId ?? '';
  const known = !current || handlers.some((h) => h.id === current);

  async function run(action: () => Promise<unknown>, after?: () => void) {
    busy.value = true;
    error.value = undefined;
    try {
      await action();
      confirm.value = null;
      after?.();
    } catch (e) {
      error.value = protocolFailureOf(e).message;
      confirm.value = null;
    } finally {
      busy.value = false;
    }
  }

  return (
    <div class="thread-actions" role="toolbar" aria-label={i18n.t('thread.actions')}>
      <label class="assign">
        <span>{i18n.t('thread.assignee.label')}</span>
        <select
          value={current}
          disabled={!open || busy.value}
          data-testid="assignee-select"
          onChange={(e) => {
            const value = (e.currentTarget as HTMLSelectElement).value;
            void run(() => send('assign', { threadId: thread.id, extensionId: value || null }));
          }}
        >
          <option value="">{i18n.t('thread.assignee.none')}</option>
          {!known && <option value={current}>{thread.assignee?.name ?? current}</option>}
          {handlers.map((h) => (
            <option key={h.id} value={h.id}>
              {nameWithPresence(h.name, presenceOf(settings.presence.value, h.id))}
            </option>
          ))}
        </select>
      </label>
      {open && (
        <button type="button" onClick={onAddNote}>
          {i18n.t('note.add')}
        </button>
      )}
      {open && (
        <button type="button" onClick={() => (confirm.value = 'resolve')}>
          {i18n.t('thread.resolve')}
        </button>
      )}
      <button type="button" class="danger-text" onClick={() => (confirm.value = 'delete')}>
        {i18n.t('thread.delete')}
      </button>
      {error.value && (
        <p role="alert" class="error">
          {error.value}
        </p>
      )}
      {confirm.value === 'resolve' && (
        <ConfirmDialog
          title={i18n.t('thread.resolveConfirm.title')}
          confirmLabel={i18n.t('thread.resolve')}
          cancelLabel={i18n.t('common.cancel')}
          busy={busy.value}
          onCancel={() => (confirm.value = null)}
          onConfirm={() => void run(() => send('resolve', { threadId: thread.id }))}
        >
          <p>{i18n.t('thread.resolveConfirm.body')}</p>
        </ConfirmDialog>
      )}
      {confirm.value === 'delete' && (
        <ConfirmDialog
          title={i18n.t('thread.deleteConfirm.title')}
          confirmLabel={i18n.t('thread.delete')}
          cancelLabel={i18n.t('common.cancel')}
          danger
          busy={busy.value}
          onCancel={() => (confirm.value = null)}
          onConfirm={() =>
            void run(
              () => send('deleteThread', { threadId: thread.id }),
              () => navigate({ name: 'inbox' }),
            )
          }
        >
          <p>{i18n.t('thread.deleteConfirm.body')}</p>
        </ConfirmDialog>
      )}
    </div>
  );
}
