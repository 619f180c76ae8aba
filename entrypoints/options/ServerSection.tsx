// Which RingCentral server and app the extension signs in to, and the redirect URI to register.
import { i18n } from '#i18n';
import { useSignal } from '@preact/signals';
import { PRODUCTION_SERVER } from '@/lib/storage';
import { originPattern, parseServerUrl } from './origin';
import { useOptions } from './services';

export const EMULATOR_SERVER = 'http://127.0.0.1:8600';
type Kind = 'production' | 'emulator' | 'custom';

const kindOf = (server: string): Kind =>
  server === PRODUCTION_SERVER ? 'production' : server === EMULATOR_SERVER ? 'emulator' : 'custom';

export function ServerSection() {
  const { settings, permissions, redirectUri } = useOptions();
  const current = settings.server.value;
  const kind = useSignal<Kind>(kindOf(current.server));
  const custom = useSignal(kindOf(current.server) === 'custom' ? current.server : '');
  const clientId = useSignal(current.clientId);
  const message = useSignal<{ ok: boolean; text: string } | undefined>(undefined);
  const copied = useSignal(false);

  function save(e: Event) {
    e.preventDefault();
    const server =
      kind.value === 'production'
        ? PRODUCTION_SERVER
        : kind.value === 'emulator'
          ? EMULATOR_SERVER
          : parseServerUrl(custom.value);
    if (!server) {
      message.value = { ok: false, text: i18n.t('options.server.invalidUrl') };
      return;
    }
    // Requested inside the click handler: the browser needs the user's gesture for a new host permission.
    void permissions
      .request([originPattern(server)])
      .then(async (granted) => {
        if (!granted) {
          message.value = { ok: false, text: i18n.t('options.server.permissionDenied') };
          return;
        }
        await settings.setServer({ server, clientId: clientId.value.trim() });
        message.value = { ok: true, text: i18n.t('options.server.saved') };
      })
      .catch((err: unknown) => (message.value = { ok: false, text: String(err) }));
  }

  return (
    <section aria-labelledby="server-title" data-testid="options-server">
      <h2 id="server-title">{i18n.t('options.server.title')}</h2>
      <form onSubmit={save}>
        <fieldset>
          <legend>{i18n.t('options.server.legend')}</legend>
          {(['production', 'emulator', 'custom'] as const).map((k) => (
            <label key={k} class="radio">
              <input
                type="radio"
                name="server"
                value={k}
                checked={kind.value === k}
                onChange={() => (kind.value = k)}
              />
              {k === 'production'
                ? i18n.t('options.server.production')
                : k === 'emulator'
                  ? i18n.t('options.server.emulator', { url: EMULATOR_SERVER })
                  : i18n.t('options.server.custom')}
            </label>
          ))}
          {kind.value === 'custom' && (
            <label>
              <span>{i18n.t('options.server.customUrl')}</span>
              <input
                type="url"
                placeholder="https://"
                value={custom.value}
                onInput={(e) => (custom.value = (e.currentTarget as HTMLInputElement).value)}
              />
            </label>
          )}
        </fieldset>
        <label>
          <span>{i18n.t('options.server.clientId')}</span>
          <input
            value={clientId.value}
            onInput={(e) => (clientId.value = (e.currentTarget as HTMLInputElement).value)}
          />
        </label>
        <div class="field">
          <label for="redirect-uri">{i18n.t('options.server.redirectUri')}</label>
          <div class="row">
            <input id="redirect-uri" readOnly value={redirectUri} data-testid="redirect-uri" />
            <button
              type="button"
              onClick={() =>
                void navigator.clipboard?.writeText(redirectUri).then(
                  () => (copied.value = true),
                  () => undefined,
                )
              }
            >
              {copied.value ? i18n.t('options.copied') : i18n.t('options.copy')}
            </button>
          </div>
          <p class="hint">{i18n.t('options.server.redirectHint')}</p>
        </div>
        <button type="submit" class="primary">
          {i18n.t('options.server.save')}
        </button>
        {message.value && (
          <p role={message.value.ok ? 'status' : 'alert'} class={message.value.ok ? 'hint' : 'error'}>
            {message.value.text}
          </p>
        )}
      </form>
    </section>
  );
}
