// A thread's CRM side: which record the conversation belongs to (chosen by the agent when several have the
// number, created with the number prefilled when none has it), whether it is logged, and every failure with a
// retry. The background does the work (lib/crm-log); this only shows crmThreads and sends requests.
import { i18n } from '#i18n';
import { useSignal } from '@preact/signals';
import { useStorageItem } from '@/components/useStorageItem';
import { CRM_LABELS } from '@/lib/crm-api/types';
import { protocolFailureOf } from '@/lib/messaging';
import { crmStatus, crmThreads, type CrmStatus, type CrmThreadStateView } from '@/lib/storage';
import { useServices } from './services';

export function CrmPanel({ threadId }: { threadId: string }) {
  const { send } = useServices();
  const status = useStorageItem<CrmStatus>(crmStatus);
  const threads = useStorageItem<Record<string, CrmThreadStateView>>(crmThreads);
  const busy = useSignal(false);
  const error = useSignal<string | undefined>(undefined);
  const creating = useSignal(false);
  const first = useSignal('');
  const last = useSignal('');
  const company = useSignal('');
  const asLead = useSignal(false);
  if (!status.value.kind) return null;
  const crm = CRM_LABELS[status.value.kind];
  const state = threads.value[threadId];

  async function run(action: () => Promise<unknown>) {
    busy.value = true;
    error.value = undefined;
    try {
      await action();
    } catch (e) {
      error.value = protocolFailureOf(e).message;
    } finally {
      busy.value = false;
    }
  }

  const logNow = (label: string) => (
    <button
      type="button"
      disabled={busy.value}
      onClick={() => void run(() => send('crmLogNow', { threadId }))}
    >
      {label}
    </button>
  );

  let body;
  if (!state || state.state === 'matching') body = <p>{i18n.t('crmLog.matching', { crm })}</p>;
  else if (state.state === 'noMatch') {
    body = (
      <>
        <p>{i18n.t('crmLog.noMatch', { crm })}</p>
        {creating.value ? (
          <form
            onSubmit={(e) => {
              e.preventDefault();
              void run(() =>
                send('crmCreateRecord', {
                  threadId,
                  lastName: last.value.trim(),
                  ...(first.value.trim() ? { firstName: first.value.trim() } : {}),
                  ...(company.value.trim() ? { company: company.value.trim() } : {}),
                  as: asLead.value ? 'Lead' : 'Contact',
                }),
              ).then(() => (creating.value = false));
            }}
          >
            <label>
              {i18n.t('crmLog.firstName')}
              <input value={first.value} onInput={(e) => (first.value = e.currentTarget.value)} />
            </label>
            <label>
              {i18n.t('crmLog.lastName')}
              <input required value={last.value} onInput={(e) => (last.value = e.currentTarget.value)} />
            </label>
            <label>
              {i18n.t('crmLog.company')}
              <input value={company.value} onInput={(e) => (company.value = e.currentTarget.value)} />
            </label>
            {status.value.kind === 'salesforce' && (
              <label>
                <input
                  type="checkbox"
                  checked={asLead.value}
                  onChange={(e) => (asLead.value = e.currentTarget.checked)}
                />
                {i18n.t('crmLog.asLead')}
              </label>
            )}
            <button type="submit" class="primary" disabled={busy.value || !last.value.trim()}>
              {i18n.t('crmLog.createButton')}
            </button>
          </form>
        ) : (
          <button type="button" onClick={() => (creating.value = true)}>
            {i18n.t('crmLog.create', { crm })}
          </button>
        )}
      </>
    );
  } else if (state.state === 'choose') {
    body = (
      <>
        <p>{i18n.t('crmLog.choose', { crm })}</p>
        <ul>
          {state.candidates.map((r) => (
            <li key={r.id}>
              <button
                type="button"
                disabled={busy.value}
                onClick={() => void run(() => send('crmChooseRecord', { threadId, recordId: r.id }))}
              >
                {i18n.t('crmLog.chooseRecord', {
                  name: r.company ? `${r.name} (${r.type}, ${r.company})` : `${r.name} (${r.type})`,
                })}
              </button>
            </li>
          ))}
        </ul>
      </>
    );
  } else {
    const record =
      'record' in state && state.record ? (
        <p data-testid="crm-record">
          {i18n.t('crmLog.record', { crm, type: state.record.type, name: state.record.name })}
        </p>
      ) : null;
    const problem = state.state === 'retrying' || state.state === 'failed';
    const line =
      state.state === 'retrying' || state.state === 'failed'
        ? i18n.t(state.state === 'retrying' ? 'crmLog.retrying' : 'crmLog.failed', {
            message: state.error.message,
          })
        : state.state === 'ready'
          ? i18n.t('crmLog.ready')
          : state.state === 'pending'
            ? i18n.t('crmLog.pending')
            : i18n.t('crmLog.logged', { crm });
    body = (
      <>
        {record}
        <p
          role={problem ? 'alert' : 'status'}
          class={problem ? 'error' : undefined}
          data-testid="crm-log-state"
        >
          {line}
        </p>
        {logNow(problem ? i18n.t('crmLog.retry') : i18n.t('crmLog.logNow'))}
      </>
    );
  }

  return (
    <section class="crm-panel" aria-label={i18n.t('crmLog.title')} data-testid="crm-panel">
      {body}
      {error.value && (
        <p role="alert" class="error">
          {error.value}
        </p>
      )}
    </section>
  );
}
