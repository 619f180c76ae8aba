import { i18n } from '#i18n';
import type { Theme } from '@/lib/storage';
import { useOptions } from './services';

const THEMES: Theme[] = ['system', 'light', 'dark'];

export function ThemeSection() {
  const { settings } = useOptions();
  return (
    <section aria-labelledby="theme-title" data-testid="options-theme">
      <h2 id="theme-title">{i18n.t('options.theme.title')}</h2>
      <fieldset>
        <legend class="visually-hidden">{i18n.t('options.theme.title')}</legend>
        {THEMES.map((t) => (
          <label key={t} class="radio">
            <input
              type="radio"
              name="theme"
              value={t}
              checked={settings.theme.value === t}
              onChange={() => void settings.setTheme(t)}
            />
            {t === 'system'
              ? i18n.t('options.theme.system')
              : t === 'light'
                ? i18n.t('options.theme.light')
                : i18n.t('options.theme.dark')}
          </label>
        ))}
      </fieldset>
    </section>
  );
}
