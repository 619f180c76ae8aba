import { render } from 'preact';
import { browser } from 'wxt/browser';
import '@/components/theme.css';
import './style.css';
import { sendMessage } from '@/lib/messaging';
import { openStore } from '@/lib/sync/db';
import { openChangeChannel } from '@/lib/ui/store-model';
import { bindTheme } from '@/lib/ui/theme';
import { App } from './App';
import { createPanelServices, ServicesContext } from './services';

performance.mark('threaddesk:panel-start');
const services = createPanelServices({
  openDb: () => openStore(),
  changes: openChangeChannel(),
  send: sendMessage,
  openOptions: () => void browser.runtime.openOptionsPage(),
});
bindTheme(services.settings.theme);
addEventListener('pagehide', () => services.dispose());

render(
  <ServicesContext.Provider value={services}>
    <App />
  </ServicesContext.Provider>,
  document.getElementById('app')!,
);
