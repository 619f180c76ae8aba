// The sync engine's health above the inbox: the cached inbox stays usable while this explains what is wrong.
import { i18n } from '#i18n';
import { secondsUntil } from '@/lib/format/time';
import { PERIOD_WITHOUT_PUSH_MIN } from '@/lib/sync/cadence';
import { useServices } from './services';

export function ConnectionBanner() {
  const { settings, localNow, send } = useServices();
  const c = settings.connection.value;
  const retry = (
    <button type="button" class="link" onClick={() => void send('syncNow', {}).catch(() => undefined)}>
      {i18n.t('connection.retryNow')}
    </button>
  );
  switch (c.state) {
    case 'offline':
      return (
        <div class="banner warn" role="status" data-testid="banner-offline">
          {i18n.t('connection.offline')}
        </div>
      );
    case 'rateLimited':
      return (
        <div class="banner warn" role="status" data-testid="banner-rate-limited">
          {c.retryAt
            ? i18n.t('connection.rateLimitedRetry', { seconds: secondsUntil(c.retryAt, localNow.value) })
            : i18n.t('connection.rateLimited')}
        </div>
      );
    case 'unreachable':
      return (
        <div class="banner error" role="alert" data-testid="banner-unreachable">
          {i18n.t('connection.unreachable')} {c.message} {retry}
        </div>
      );
    case 'error':
      return (
        <div class="banner error" role="alert" data-testid="banner-error">
          {c.message ?? i18n.t('connection.error')} {retry}
        </div>
      );
    default:
      return c.pushConnected && c.pushDisabled?.length ? <PushDegraded disabled={c.pushDisabled} /> : null;
  }
}

const PUSH_LABELS: Record<string, () => string> = {
  threads: () => i18n.t('connection.health.streams.threads'),
  entries: () => i18n.t('connection.health.streams.entries'),
  grant: () => i18n.t('connection.grantChanges'),
};

/** The subscription accepted filters it will not deliver (disabledFilters): say what is only polled now. */
function PushDegraded({ disabled }: { disabled: string[] }) {
  const filters = disabled.map((d) => PUSH_LABELS[d]?.() ?? d).join(', ');
  const polled = disabled.some((d) => d === 'threads' || d === 'entries');
  return (
    <div class="banner info" role="status" data-testid="banner-push-degraded">
      {polled
        ? i18n.t('connection.pushDegraded', { filters, minutes: PERIOD_WITHOUT_PUSH_MIN })
        : i18n.t('connection.pushGrantDegraded')}
    </div>
  );
}
