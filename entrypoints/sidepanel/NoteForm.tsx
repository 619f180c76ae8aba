// Adding an internal note (never sent to the customer).
import { i18n } from '#i18n';
import { useSignal } from '@preact/signals';
import { useEffect, useRef } from 'preact/hooks';
import { protocolFailureOf } from '@/lib/messaging';
import { useServices } from './services';

export function NoteForm({ threadId, onDone }: { threadId: string; onDone: () => void }) {
  const { send } = useServices();
  const text = useSignal('');
  const busy = useSignal(false);
  const error = useSignal<string | undefined>(undefined);
  const ref = useRef<HTMLTextAreaElement>(null);
  useEffect(() => ref.current?.focus(), []);
  async function save(e: Event) {
    e.preventDefault();
    if (!text.value.trim()) return;
    busy.value = true;
    error.value = undefined;
    try {
      await send('addNote', { threadId, text: text.value.trim() });
      onDone();
    } catch (err) {
      error.value = protocolFailureOf(err).message;
    } finally {
      busy.value = false;
    }
  }
  return (
    <form class="note-form" onSubmit={save} data-testid="note-form">
      <label>
        <span>{i18n.t('note.label')}</span>
        <textarea
          ref={ref}
          rows={2}
          maxLength={1000}
          value={text.value}
          onInput={(e) => (text.value = (e.currentTarget as HTMLTextAreaElement).value)}
          onKeyDown={(e) => e.key === 'Escape' && onDone()}
        />
      </label>
      <p class="hint">{i18n.t('note.hint')}</p>
      {error.value && (
        <p role="alert" class="error">
          {error.value}
        </p>
      )}
      <button type="submit" class="primary" disabled={busy.value || !text.value.trim()}>
        {i18n.t('note.save')}
      </button>
      <button type="button" onClick={onDone}>
        {i18n.t('common.cancel')}
      </button>
    </form>
  );
}
