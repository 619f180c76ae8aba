// Bulk hand-over of one handler's open threads: choose the threads (all by default) and who takes them,
// then one action moves them one by one, with progress and a result per thread (lib/team/handover.ts).
import { i18n } from '#i18n';
import { useSignal } from '@preact/signals';
import { useRef } from 'preact/hooks';
import { resolveName } from '@/lib/contacts/names';
import { formatPhone } from '@/lib/format/phone';
import { protocolFailureOf } from '@/lib/messaging';
import { runHandover, type HandoverResult } from '@/lib/team/handover';
import { isHeldBy } from '@/lib/threads/rules';
import { useServices } from './services';

export function Handover({
  from,
  fromName,
  onClose,
}: {
  from: string;
  fromName: string;
  onClose: () => void;
}) {
  const { store, inbox, send, settings } = useServices();
  const held = store.threads.value.filter((t) => isHeldBy(t, from));
  const chosen = useSignal<ReadonlySet<string>>(new Set(held.map((t) => t.id)));
  const to = useSignal('');
  const running = useSignal(false);
  const done = useSignal(0);
  const total = useSignal(0);
  const results = useSignal<HandoverResult[]>([]);
  /** Seconds RingCentral's rate limit holds the run (0: not waiting). */
  const waiting = useSignal(0);
  const abort = useRef<AbortController | null>(null);
  const targets = [
    ...new Map(
      inbox.resources.value.flatMap((r) =>
        r.handlers.filter((h) => h.assignable && h.id !== from).map((h) => [h.id, h]),
      ),
    ).values(),
  ];
  const label = (threadId: string) => {
    const phone = store.threads.value.find((t) => t.id === threadId)?.guestParty?.phoneNumber;
    return resolveName(settings.contacts.value, phone)?.name ?? formatPhone(phone);
  };

  async function start() {
    const ids = held.map((t) => t.id).filter((id) => chosen.value.has(id));
    if (ids.length === 0) return;
    abort.current = new AbortController();
    running.value = true;
    done.value = 0;
    total.value = ids.length;
    results.value = [];
    await runHandover(ids, from, to.value || null, {
      current: (id) => store.threads.value.find((t) => t.id === id),
      assign: (threadId, extensionId) => send('assign', { threadId, extensionId }),
      signal: abort.current.signal,
      rateLimitWait(error) {
        const failure = protocolFailureOf(error);
        return failure.code === 'rateLimited' ? (failure.retryAfterMs ?? 60_000) : undefined;
      },
      onWait: (ms) => (waiting.value = Math.ceil(ms / 1000)),
      onResult(result, n) {
        done.value = n;
        results.value = [...results.value, result];
      },
    });
    running.value = false;
  }

  const toggle = (id: string, on: boolean) => {
    const next = new Set(chosen.value);
    if (on) next.add(id);
    else next.delete(id);
    chosen.value = next;
  };

  return (
    <section class="handover" aria-labelledby="handover-title" data-testid="handover">
      <h3 id="handover-title">{i18n.t('handover.title', { name: fromName })}</h3>
      {held.length === 0 && results.value.length === 0 ? (
        <p>{i18n.t('handover.nothing')}</p>
      ) : (
        <fieldset disabled={running.value}>
          <legend>{i18n.t('handover.threads')}</legend>
          {held.map((t) => (
            <label key={t.id} class="check">
              <input
                type="checkbox"
                checked={chosen.value.has(t.id)}
                onChange={(e) => toggle(t.id, (e.currentTarget as HTMLInputElement).checked)}
              />
              {label(t.id)}
            </label>
          ))}
        </fieldset>
      )}
      <label class="assign">
        <span>{i18n.t('handover.to')}</span>
        <select
          value={to.value}
          disabled={running.value}
          data-testid="handover-to"
          onChange={(e) => (to.value = (e.currentTarget as HTMLSelectElement).value)}
        >
          <option value="">{i18n.t('thread.assignee.none')}</option>
          {targets.map((h) => (
            <option key={h.id} value={h.id}>
              {h.name}
            </option>
          ))}
        </select>
      </label>
      <div class="actions">
        {running.value ? (
          <button type="button" onClick={() => abort.current?.abort()}>
            {i18n.t('handover.stop')}
          </button>
        ) : (
          <button
            type="button"
            class="primary"
            disabled={chosen.value.size === 0 || held.length === 0}
            onClick={() => void start()}
          >
            {i18n.t('handover.start', { count: held.filter((t) => chosen.value.has(t.id)).length })}
          </button>
        )}
        <button type="button" disabled={running.value} onClick={onClose}>
          {i18n.t('handover.close')}
        </button>
      </div>
      <p role="status" data-testid="handover-progress">
        {total.value > 0 ? i18n.t('handover.progress', { done: done.value, total: total.value }) : ''}
        {waiting.value > 0 ? ` · ${i18n.t('handover.waiting', { seconds: waiting.value })}` : ''}
      </p>
      {results.value.length > 0 && (
        <ul class="handover-results" data-testid="handover-results">
          {results.value.map((r) => (
            <li key={r.threadId} data-outcome={r.outcome}>
              {label(r.threadId)}: {outcomeText(r)}
            </li>
          ))}
        </ul>
      )}
    </section>
  );
}

function outcomeText(r: HandoverResult): string {
  switch (r.outcome) {
    case 'moved':
      return i18n.t('handover.outcome.moved');
    case 'resolved':
      return i18n.t('handover.outcome.resolved');
    case 'reassigned':
      return r.detail
        ? i18n.t('handover.outcome.reassignedTo', { name: r.detail })
        : i18n.t('handover.outcome.unassigned');
    case 'gone':
      return i18n.t('handover.outcome.gone');
    case 'failed':
      return i18n.t('handover.outcome.failed', { reason: r.detail ?? '' });
  }
}
