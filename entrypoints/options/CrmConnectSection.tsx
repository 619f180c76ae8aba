// Connect a CRM: Salesforce through OAuth (authorization code + PKCE, a connected app without a secret) or HubSpot
// through a private app's access token, and how conversations are logged. Tokens never reach this page: the
// background keeps them; the page only sees which CRM is connected.
import { i18n } from '#i18n';
import { useSignal } from '@preact/signals';
import { useStorageItem } from '@/components/useStorageItem';
import { protocolFailureOf } from '@/lib/messaging';
import { crmLogSettings, crmStatus, type CrmLogSettings, type CrmStatus } from '@/lib/storage';
import { originPattern } from './origin';
import { useOptions } from './services';

type LoginKind = 'production' | 'sandbox' | 'custom';
const LOGIN_URLS = { production: 'https://login.salesforce.com', sandbox: 'https://test.salesforce.com' };

/** An https URL (http only for loopback) with its path, which the emulator's login URL and some proxies need. */
export function parseCrmUrl(input: string): string | undefined {
  try {
    const url = new URL(input.trim());
    const loopback = url.hostname === '127.0.0.1' || url.hostname === 'localhost';
    if (url.protocol !== 'https:' && !(url.protocol === 'http:' && loopback)) return undefined;
    if (url.search || url.hash || url.username) return undefined;
    return `${url.origin}${url.pathname.replace(/\/+$/, '')}`;
  } catch {
    return undefined;
  }
}

export function CrmConnectSection() {
  const { settings, send, permissions, redirectUri } = useOptions();
  const status = useStorageItem<CrmStatus>(crmStatus);
  const logSettings = useStorageItem<CrmLogSettings>(crmLogSettings);
  const server = settings.server.value.server;
  const emulator = /^http:\/\/(127\.0\.0\.1|localhost)(:\d+)?$/.test(server.replace(/\/$/, ''));
  const base = server.replace(/\/$/, '');
  // Typed values win; until then the defaults follow the server setting, which loads after the first render.
  const loginChoice = useSignal<LoginKind | undefined>(undefined);
  const loginKind = loginChoice.value ?? (emulator ? 'custom' : 'production');
  const customInput = useSignal<string | undefined>(undefined);
  const customLogin = customInput.value ?? (emulator ? `${base}/salesforce/login` : '');
  const clientId = useSignal('');
  const token = useSignal('');
  const baseInput = useSignal<string | undefined>(undefined);
  const baseUrl = baseInput.value ?? (emulator ? `${base}/hubspot` : 'https://api.hubapi.com');
  const busy = useSignal(false);
  const error = useSignal<string | undefined>(undefined);
  const callback = redirectUri.replace(/\/?$/, '/salesforce');

  async function run(origins: string[], action: () => Promise<unknown>) {
    error.value = undefined;
    // Asked first, straight from the click: browsers only grant host access inside a user gesture.
    const granted = await permissions.request(origins).catch(() => false);
    if (!granted) {
      error.value = i18n.t('options.crmConnect.permissionDenied', { origin: origins.join(', ') });
      return;
    }
    busy.value = true;
    try {
      await action();
    } catch (e) {
      error.value = protocolFailureOf(e).message;
    } finally {
      busy.value = false;
    }
  }

  function connectSalesforce() {
    const loginUrl = loginKind === 'custom' ? parseCrmUrl(customLogin) : LOGIN_URLS[loginKind];
    if (!loginUrl) {
      error.value = i18n.t('options.crmConnect.invalidUrl');
      return;
    }
    // The instance URL is only known after sign-in, so My Domain hosts are asked for with the login host.
    const origins = [
      originPattern(new URL(loginUrl).origin),
      ...(loginKind === 'custom' ? [] : ['https://*.my.salesforce.com/*']),
    ];
    void run(origins, () => send('crmConnectSalesforce', { loginUrl, clientId: clientId.value.trim() }));
  }

  function connectHubSpot() {
    const base = parseCrmUrl(baseUrl);
    if (!base) {
      error.value = i18n.t('options.crmConnect.invalidUrl');
      return;
    }
    void run([originPattern(new URL(base).origin)], async () => {
      await send('crmConnectHubSpot', { token: token.value.trim(), baseUrl: base });
      token.value = '';
    });
  }

  const setLog = (patch: Partial<CrmLogSettings>) =>
    void crmLogSettings.setValue({ ...logSettings.value, ...patch });

  return (
    <section aria-labelledby="crm-connect-title" data-testid="options-crm-connect">
      <h2 id="crm-connect-title">{i18n.t('options.crmConnect.title')}</h2>
      {status.value.kind ? (
        <p data-testid="crm-connected">
          {i18n.t('options.crmConnect.connected', {
            description: status.value.description ?? status.value.kind,
          })}{' '}
          <button
            type="button"
            disabled={busy.value}
            onClick={() => void run([], () => send('crmDisconnect', {}))}
          >
            {i18n.t('options.crmConnect.disconnect')}
          </button>
        </p>
      ) : (
        <p>{i18n.t('options.crmConnect.none')}</p>
      )}

      <fieldset>
        <legend>{i18n.t('options.crmConnect.salesforce')}</legend>
        <fieldset>
          <legend>{i18n.t('options.crmConnect.loginLegend')}</legend>
          {(['production', 'sandbox', 'custom'] as const).map((kind) => (
            <label key={kind}>
              <input
                type="radio"
                name="sf-login"
                checked={loginKind === kind}
                onChange={() => (loginChoice.value = kind)}
              />
              {i18n.t(`options.crmConnect.${kind}`)}
            </label>
          ))}
          {loginKind === 'custom' && (
            <label>
              {i18n.t('options.crmConnect.customUrl')}
              <input
                type="url"
                value={customLogin}
                onInput={(e) => (customInput.value = e.currentTarget.value)}
              />
            </label>
          )}
        </fieldset>
        <label>
          {i18n.t('options.crmConnect.clientId')}
          <input
            value={clientId.value}
            autocomplete="off"
            onInput={(e) => (clientId.value = e.currentTarget.value)}
          />
        </label>
        <p>
          {i18n.t('options.crmConnect.callback')}: <code data-testid="sf-callback">{callback}</code>
        </p>
        <button
          type="button"
          class="primary"
          disabled={busy.value || !clientId.value.trim()}
          onClick={connectSalesforce}
        >
          {i18n.t('options.crmConnect.connectSalesforce')}
        </button>
      </fieldset>

      <fieldset>
        <legend>{i18n.t('options.crmConnect.hubspot')}</legend>
        <p>{i18n.t('options.crmConnect.hubspotWhy')}</p>
        <label>
          {i18n.t('options.crmConnect.token')}
          <input
            type="password"
            autocomplete="off"
            value={token.value}
            onInput={(e) => (token.value = e.currentTarget.value)}
          />
        </label>
        <label>
          {i18n.t('options.crmConnect.baseUrl')}
          <input type="url" value={baseUrl} onInput={(e) => (baseInput.value = e.currentTarget.value)} />
        </label>
        <button
          type="button"
          class="primary"
          disabled={busy.value || token.value.trim().length < 10}
          onClick={connectHubSpot}
        >
          {i18n.t('options.crmConnect.connectHubSpot')}
        </button>
      </fieldset>

      <fieldset>
        <legend>{i18n.t('options.crmConnect.logging')}</legend>
        <label>
          <input
            type="radio"
            name="crm-log-mode"
            checked={logSettings.value.mode === 'auto'}
            onChange={() => setLog({ mode: 'auto' })}
          />
          {i18n.t('options.crmConnect.auto')}
        </label>
        <label>
          <input
            type="radio"
            name="crm-log-mode"
            checked={logSettings.value.mode === 'manual'}
            onChange={() => setLog({ mode: 'manual' })}
          />
          {i18n.t('options.crmConnect.manual')}
        </label>
        <label>
          <input
            type="checkbox"
            checked={logSettings.value.includeNotes}
            onChange={(e) => setLog({ includeNotes: e.currentTarget.checked })}
          />
          {i18n.t('options.crmConnect.includeNotes')}
        </label>
        <p>{i18n.t('options.crmConnect.optOut')}</p>
      </fieldset>
      {error.value && (
        <p role="alert" class="error">
          {error.value}
        </p>
      )}
    </section>
  );
}
