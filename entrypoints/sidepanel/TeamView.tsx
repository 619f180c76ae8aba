// The Team view: who holds what and who is waiting, per resource and per handler. Each name is a button that
// opens the inbox filtered to that resource's unassigned threads or that handler's open threads.
import { i18n } from '#i18n';
import { useSignal } from '@preact/signals';
import { PresenceMark } from '@/components/Presence';
import { formatDuration, formatFullTime } from '@/lib/format/time';
import { teamOverview } from '@/lib/team/overview';
import { Handover } from './Handover';
import { useServices } from './services';

function Wait({ since }: { since: string | undefined }) {
  const { now } = useServices();
  if (!since) return <span class="muted">{i18n.t('team.noWait')}</span>;
  return (
    <time dateTime={since} title={formatFullTime(since)}>
      {formatDuration(since, now.value)}
    </time>
  );
}

export function TeamView() {
  const { store, settings, inbox, navigate } = useServices();
  const handingOver = useSignal<{ id: string; name: string } | null>(null);
  const overview = teamOverview(
    store.threads.value,
    store.summaries.value,
    inbox.resources.value,
    settings.presence.value,
  );
  const showResource = (id: string) => {
    inbox.setAssignee('');
    inbox.setResource(id);
    inbox.setView('unassigned');
    navigate({ name: 'inbox' });
  };
  const showHandler = (id: string) => {
    inbox.setResource('');
    inbox.setAssignee(id);
    inbox.setView('open');
    navigate({ name: 'inbox' });
  };
  return (
    <div class="team" data-testid="team-view">
      <header class="thread-header">
        <button type="button" class="back" onClick={() => navigate({ name: 'inbox' })}>
          ← {i18n.t('inbox.title')}
        </button>
        <h2>{i18n.t('team.title')}</h2>
      </header>
      {!store.complete.value && <p role="status">{i18n.t('inbox.loading')}</p>}
      <table class="team-table" data-testid="team-resources">
        <caption>{i18n.t('team.resources')}</caption>
        <thead>
          <tr>
            <th scope="col">{i18n.t('team.resource')}</th>
            <th scope="col">{i18n.t('team.unassigned')}</th>
            <th scope="col">{i18n.t('team.longestWait')}</th>
          </tr>
        </thead>
        <tbody>
          {overview.resources.map((r) => (
            <tr key={r.id} data-testid="team-resource" data-resource-id={r.id}>
              <th scope="row">
                <button
                  type="button"
                  class="link"
                  title={i18n.t('team.showResource', { name: r.name })}
                  onClick={() => showResource(r.id)}
                >
                  {r.name}
                </button>
              </th>
              <td>{r.unassigned}</td>
              <td>
                <Wait since={r.longestWaitSince} />
              </td>
            </tr>
          ))}
        </tbody>
      </table>
      <table class="team-table" data-testid="team-handlers">
        <caption>{i18n.t('team.handlers')}</caption>
        <thead>
          <tr>
            <th scope="col">{i18n.t('team.handler')}</th>
            <th scope="col">{i18n.t('team.presence')}</th>
            <th scope="col">{i18n.t('team.held')}</th>
            <th scope="col">{i18n.t('team.longestWait')}</th>
            <th scope="col">
              <span class="visually-hidden">{i18n.t('handover.action')}</span>
            </th>
          </tr>
        </thead>
        <tbody>
          {overview.handlers.map((h) => (
            <tr key={h.id} data-testid="team-handler" data-handler-id={h.id}>
              <th scope="row">
                <button
                  type="button"
                  class="link"
                  title={i18n.t('team.showHandler', { name: h.name })}
                  onClick={() => showHandler(h.id)}
                >
                  {h.id === settings.me.value ? i18n.t('team.you', { name: h.name }) : h.name}
                </button>
              </th>
              <td>{h.presence ? <PresenceMark kind={h.presence} /> : <span class="muted">—</span>}</td>
              <td>{h.held}</td>
              <td>
                <Wait since={h.longestWaitSince} />
              </td>
              <td>
                {h.held > 0 && (
                  <button
                    type="button"
                    title={i18n.t('handover.title', { name: h.name })}
                    onClick={() => (handingOver.value = { id: h.id, name: h.name })}
                  >
                    {i18n.t('handover.action')}
                  </button>
                )}
              </td>
            </tr>
          ))}
        </tbody>
      </table>
      {handingOver.value && (
        <Handover
          key={handingOver.value.id}
          from={handingOver.value.id}
          fromName={handingOver.value.name}
          onClose={() => (handingOver.value = null)}
        />
      )}
    </div>
  );
}
