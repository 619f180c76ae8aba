// The resources I handle: which count in the badge, which may notify me.
import { i18n } from '#i18n';
import { formatPhone } from '@/lib/format/phone';
import { useOptions } from './services';

export function ResourcesSection() {
  const { settings } = useOptions();
  const resources = settings.capabilities.value?.resources ?? [];
  const badge = settings.badgeResources.value;
  const notifications = settings.notifications.value;
  const allIds = resources.map((r) => r.id);

  function toggleBadge(id: string, on: boolean) {
    const current = badge ?? allIds;
    const next = on ? [...new Set([...current, id])] : current.filter((x) => x !== id);
    // null means "all", so resources added later are counted too.
    void settings.setBadgeResources(allIds.every((x) => next.includes(x)) ? null : next);
  }

  function toggleMute(id: string, notify: boolean) {
    const muted = notify
      ? notifications.mutedResources.filter((x) => x !== id)
      : [...new Set([...notifications.mutedResources, id])];
    void settings.setNotifications({ ...notifications, mutedResources: muted });
  }

  return (
    <section aria-labelledby="resources-title" data-testid="options-resources">
      <h2 id="resources-title">{i18n.t('options.resources.title')}</h2>
      <label class="check">
        <input
          type="checkbox"
          checked={notifications.enabled}
          onChange={(e) =>
            void settings.setNotifications({
              ...notifications,
              enabled: (e.currentTarget as HTMLInputElement).checked,
            })
          }
        />
        {i18n.t('options.resources.notificationsEnabled')}
      </label>
      {resources.length === 0 ? (
        <p class="hint">{i18n.t('options.resources.none')}</p>
      ) : (
        <table>
          <thead>
            <tr>
              <th scope="col">{i18n.t('options.resources.resource')}</th>
              <th scope="col">{i18n.t('options.resources.badge')}</th>
              <th scope="col">{i18n.t('options.resources.notify')}</th>
            </tr>
          </thead>
          <tbody>
            {resources.map((r) => (
              <tr key={r.id}>
                <th scope="row">
                  {r.name}
                  <div class="hint">{r.sharedNumbers.map((n) => formatPhone(n)).join(', ')}</div>
                </th>
                <td>
                  <input
                    type="checkbox"
                    aria-label={i18n.t('options.resources.badgeFor', { name: r.name })}
                    checked={badge === null || badge.includes(r.id)}
                    onChange={(e) => toggleBadge(r.id, (e.currentTarget as HTMLInputElement).checked)}
                  />
                </td>
                <td>
                  <input
                    type="checkbox"
                    aria-label={i18n.t('options.resources.notifyFor', { name: r.name })}
                    disabled={!notifications.enabled}
                    checked={!notifications.mutedResources.includes(r.id)}
                    onChange={(e) => toggleMute(r.id, (e.currentTarget as HTMLInputElement).checked)}
                  />
                </td>
              </tr>
            ))}
          </tbody>
        </table>
      )}
    </section>
  );
}
