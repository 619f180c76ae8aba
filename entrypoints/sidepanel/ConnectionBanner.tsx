// The sync engine's health above the inbox: the cached inbox stays usable while this explains what is wrong.
import { i18n } from '#i18n';
import { secondsUntil } from '@/lib/format/time';
import { useServices } from './services';

export function ConnectionBanner() {
  const { settings, now, send } = useServices();
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
            ? i18n.t('connection.rateLimitedRetry', { seconds: secondsUntil(c.retryAt, now.value) })
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
      return null;
  }
}
