// CRM sites where number chips appear: the known adapters on or off, and custom sites the agent grants.
import { i18n } from '#i18n';
import { useSignal } from '@preact/signals';
import { originPattern, parseSiteOrigin } from './origin';
import { useOptions } from './services';

export const KNOWN_ADAPTERS = [
  { id: 'salesforce', name: 'Salesforce' },
  { id: 'hubspot', name: 'HubSpot' },
  { id: 'zoho', name: 'Zoho CRM' },
  { id: 'pipedrive', name: 'Pipedrive' },
  { id: 'dynamics', name: 'Microsoft Dynamics 365' },
] as const;

export function CrmSection() {
  const { settings, permissions } = useOptions();
  const crm = settings.crm.value;
  const input = useSignal('');
  const error = useSignal<string | undefined>(undefined);

  function toggle(id: string, on: boolean) {
    const disabled = on ? crm.disabledAdapters.filter((x) => x !== id) : [...crm.disabledAdapters, id];
    void settings.setCrm({ ...crm, disabledAdapters: [...new Set(disabled)] });
  }

  function add(e: Event) {
    e.preventDefault();
    const parsed = parseSiteOrigin(input.value);
    if (!parsed.ok) {
      error.value = i18n.t('options.crm.invalidOrigin');
      return;
    }
    const { origin } = parsed;
    error.value = undefined;
    // No await before this call: the permission prompt needs the click's user gesture.
    void permissions
      .request([originPattern(origin)])
      .then(async (granted) => {
        if (!granted) {
          error.value = i18n.t('options.crm.denied', { origin });
          return;
        }
        const current = settings.crm.value;
        if (!current.customOrigins.includes(origin)) {
          await settings.setCrm({ ...current, customOrigins: [...current.customOrigins, origin] });
        }
        input.value = '';
      })
      .catch((err: unknown) => (error.value = String(err)));
  }

  async function remove(origin: string) {
    await permissions.remove([originPattern(origin)]).catch(() => false);
    const current = settings.crm.value;
    await settings.setCrm({ ...current, customOrigins: current.customOrigins.filter((o) => o !== origin) });
  }

  return (
    <section aria-labelledby="crm-title" data-testid="options-crm">
      <h2 id="crm-title">{i18n.t('options.crm.title')}</h2>
      <fieldset>
        <legend>{i18n.t('options.crm.known')}</legend>
        {KNOWN_ADAPTERS.map((a) => (
          <label key={a.id} class="check">
            <input
              type="checkbox"
              checked={!crm.disabledAdapters.includes(a.id)}
              onChange={(e) => toggle(a.id, (e.currentTarget as HTMLInputElement).checked)}
            />
            {a.name}
          </label>
        ))}
      </fieldset>
      <h3>{i18n.t('options.crm.custom')}</h3>
      {crm.customOrigins.length > 0 ? (
        <ul class="origins">
          {crm.customOrigins.map((origin) => (
            <li key={origin}>
              <span>{origin}</span>{' '}
              <button
                type="button"
                aria-label={i18n.t('options.crm.removeOrigin', { origin })}
                onClick={() => void remove(origin)}
              >
                {i18n.t('common.remove')}
              </button>
            </li>
          ))}
        </ul>
      ) : (
        <p class="hint">{i18n.t('options.crm.noCustom')}</p>
      )}
      <form onSubmit={add} class="row">
        <label>
          <span>{i18n.t('options.crm.origin')}</span>
          <input
            type="text"
            placeholder="https://crm.example.com"
            value={input.value}
            aria-invalid={!!error.value}
            onInput={(e) => (input.value = (e.currentTarget as HTMLInputElement).value)}
          />
        </label>
        <button type="submit">{i18n.t('options.crm.addSite')}</button>
      </form>
      {error.value && (
        <p role="alert" class="error">
          {error.value}
        </p>
      )}
    </section>
  );
}
