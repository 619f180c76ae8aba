// A new conversation: a customer number and one of my shared numbers. If an Open thread exists for the pair
// it opens; otherwise a composer whose first send creates the thread (send without threadId).
import { i18n } from '#i18n';
import { computed, signal, useSignal } from '@preact/signals';
import { useEffect, useId, useMemo, useState } from 'preact/hooks';
import { formatPhone, parsePhoneInput } from '@/lib/format/phone';
import { phoneName } from './display';
import type { MessageThread } from '@/lib/rc/schemas';
import { openThreadFor, pairKey } from '@/lib/threads/rules';
import { buildTimeline, outboxFor } from '@/lib/ui/timeline';
import { Composer } from './Composer';
import { useServices } from './services';
import { TimelineEntry, type EntryActions } from './TimelineEntry';
import { useThreadComposer } from './useThreadComposer';

interface Pair {
  from: string;
  to: string;
}

export function NewConversation(props: { phone?: string; sharedNumber?: string }) {
  const { inbox, store, navigate } = useServices();
  const id = useId();
  const numbers = inbox.resources.value.flatMap((r) =>
    r.sharedNumbers.map((n) => ({ number: n, resource: r.name })),
  );
  const phone = useSignal(props.phone ? formatPhone(props.phone) : '');
  const from = useSignal(props.sharedNumber ?? (numbers.length === 1 ? numbers[0]!.number : ''));
  const error = useSignal<string | undefined>(undefined);
  const [pair, setPair] = useState<Pair | null>(null);

  function go(to: string, shared: string) {
    const open = openThreadFor(store.threads.value, to, shared);
    if (open) navigate({ name: 'thread', threadId: open.id });
    else setPair({ from: shared, to });
  }

  // From a CRM chip with everything known, skip the form.
  useEffect(() => {
    if (props.phone && from.value && store.complete.value) go(props.phone, from.value);
  }, [store.complete.value]);

  function submit(e: Event) {
    e.preventDefault();
    const to = parsePhoneInput(phone.value);
    if (!to) {
      error.value = i18n.t('newConversation.invalidNumber');
      return;
    }
    if (!from.value) {
      error.value = i18n.t('newConversation.chooseNumber');
      return;
    }
    error.value = undefined;
    go(to, from.value);
  }

  return (
    <div class="thread new-conversation" data-testid="new-conversation">
      <header class="thread-header">
        <button
          type="button"
          class="back"
          aria-label={i18n.t('thread.backToInbox')}
          onClick={() => navigate({ name: 'inbox' })}
        >
          ← {i18n.t('inbox.title')}
        </button>
        <h2>{i18n.t('newConversation.title')}</h2>
      </header>
      {pair ? (
        <NewComposer key={pairKey(pair.from, pair.to)} pair={pair} onChange={() => setPair(null)} />
      ) : (
        <form class="new-form" onSubmit={submit} noValidate>
          <label for={`${id}-to`}>{i18n.t('newConversation.to')}</label>
          <input
            id={`${id}-to`}
            type="tel"
            autoComplete="off"
            value={phone.value}
            aria-invalid={!!error.value}
            aria-describedby={error.value ? `${id}-error` : undefined}
            onInput={(e) => (phone.value = (e.currentTarget as HTMLInputElement).value)}
          />
          {numbers.length > 1 ? (
            <>
              <label for={`${id}-from`}>{i18n.t('newConversation.from')}</label>
              <select
                id={`${id}-from`}
                value={from.value}
                onChange={(e) => (from.value = (e.currentTarget as HTMLSelectElement).value)}
              >
                <option value="">{i18n.t('newConversation.chooseNumberOption')}</option>
                {numbers.map((n) => (
                  <option key={n.number} value={n.number}>
                    {n.resource} · {formatPhone(n.number)}
                  </option>
                ))}
              </select>
            </>
          ) : (
            numbers[0] && (
              <p>
                {i18n.t('newConversation.fromOnly', {
                  number: `${numbers[0].resource} · ${formatPhone(numbers[0].number)}`,
                })}
              </p>
            )
          )}
          {error.value && (
            <p id={`${id}-error`} role="alert" class="error">
              {error.value}
            </p>
          )}
          <button type="submit" class="primary">
            {i18n.t('newConversation.continue')}
          </button>
        </form>
      )}
    </div>
  );
}

function NewComposer({ pair, onChange }: { pair: Pair; onChange: () => void }) {
  const { store, settings, navigate } = useServices();
  const [signals] = useState(() => ({
    thread: signal<MessageThread | undefined>(undefined),
    // Opt-outs are per pair: the newest earlier thread of this pair knows whether the customer said STOP.
    optedOut: computed(() => {
      const last = store.threads.value.find(
        (t) => t.guestParty?.phoneNumber === pair.to && t.ownerParty?.phoneNumber === pair.from,
      );
      return !!(last && store.summaries.value.get(last.id)?.optedOut);
    }),
    lastInboundAt: signal<string | undefined>(undefined),
  }));
  const composer = useThreadComposer({
    draftKey: pairKey(pair.from, pair.to),
    thread: signals.thread,
    from: pair.from,
    to: pair.to,
    optedOut: signals.optedOut,
    lastInboundAt: signals.lastInboundAt,
  });
  const customer = phoneName(pair.to, settings.contacts.value);

  // The first send (or the customer texting first) creates the thread: move there, keeping any draft.
  const open = openThreadFor(store.threads.value, pair.to, pair.from);
  useEffect(() => {
    if (!open) return;
    const text = composer.text.value;
    void (text ? settings.setDraft(open.id, text) : Promise.resolve())
      .then(() => settings.setDraft(pairKey(pair.from, pair.to), ''))
      .then(() => navigate({ name: 'thread', threadId: open.id }));
  }, [open?.id]);

  const pending = outboxFor(store.outbox.value, undefined, pair.from, pair.to);
  const items = useMemo(() => buildTimeline([], pending), [store.outbox.value]);
  const actions: EntryActions = {
    me: settings.me.value,
    threadOpen: true,
    customer,
    canDeleteMessages: false,
    deleteMessage: () => undefined,
    deleteNote: () => undefined,
    saveNote: async () => undefined,
    retry: (item) => void composer.retryFailed(item),
    editFailed: (item) => void composer.editFailed(item),
    discard: (item) => void composer.discardFailed(item),
  };
  return (
    <>
      <div class="thread-title">
        <p>
          {i18n.t('newConversation.pair', { customer, number: formatPhone(pair.from) })}{' '}
          <button type="button" class="link" onClick={onChange}>
            {i18n.t('newConversation.change')}
          </button>
        </p>
      </div>
      <div class="timeline" data-testid="timeline">
        {items.length > 0 && (
          <ol class="entries" aria-label={i18n.t('timeline.label')}>
            {items.map((item) => (
              <TimelineEntry key={item.id} item={item} actions={actions} />
            ))}
          </ol>
        )}
      </div>
      <Composer model={composer} customer={customer} />
    </>
  );
}
