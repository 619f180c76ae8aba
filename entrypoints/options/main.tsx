import { render } from 'preact';
import { browser } from 'wxt/browser';
import '@/components/theme.css';
import './style.css';
import { getRedirectUri } from '@/lib/auth/redirect-uri';
import { sendMessage } from '@/lib/messaging';
import { createSettingsModel } from '@/lib/ui/settings-model';
import { bindTheme } from '@/lib/ui/theme';
import { OptionsApp } from './OptionsApp';
import { OptionsContext } from './services';

const settings = createSettingsModel();
bindTheme(settings.theme);

render(
  <OptionsContext.Provider
    value={{
      settings,
      send: sendMessage,
      permissions: {
        request: (origins) => browser.permissions.request({ origins }),
        remove: (origins) => browser.permissions.remove({ origins }),
      },
      redirectUri: getRedirectUri(),
    }}
  >
    <OptionsApp />
  </OptionsContext.Provider>,
  document.getElementById('app')!,
);
