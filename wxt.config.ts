import { defineConfig } from 'wxt';
import preact from '@preact/preset-vite';

// The RingCentral server and client id the build is configured for; both can be
// changed later in the options page. `npm start` points them at the local emulator.
const server = process.env.WXT_RC_SERVER ?? 'https://platform.ringcentral.com';
const ICONS = Object.fromEntries([16, 32, 48, 128].map((size) => [size, `icon/${size}.png`]));

export default defineConfig({
  modules: ['@wxt-dev/webextension-polyfill', '@wxt-dev/i18n/module'],
  vite: () => ({ plugins: [preact()] }),
  manifest: ({ browser }) => ({
    name: '__MSG_extName__',
    description: '__MSG_extDescription__',
    default_locale: 'en',
    minimum_chrome_version: '116',
    permissions: [
      'storage',
      'unlimitedStorage',
      'alarms',
      'notifications',
      'identity',
      'scripting',
      ...(browser === 'firefox' ? [] : ['sidePanel']),
    ],
    host_permissions: rcHostPermissions(server),
    // Custom CRM sites are granted at run time; plain-http loopback ones (the emulator's demo pages) only in
    // emulator builds.
    optional_host_permissions: ['https://*/*', ...(isLoopback(server) ? LOOPBACK_HOSTS : [])],
    // WXT fills `icons` from public/icon/ but leaves the toolbar button without one.
    action: { default_title: 'ThreadDesk', default_icon: ICONS },
    ...(browser === 'firefox'
      ? {
          sidebar_action: { default_panel: 'sidepanel.html', default_title: 'ThreadDesk' },
          browser_specific_settings: {
            gecko: {
              id: 'threaddesk@threaddesk.app',
              strict_min_version: '142.0',
              // Messages go to RingCentral, the service the agent signs in to; nothing goes to us.
              data_collection_permissions: { required: ['personalCommunications'] },
            },
          },
        }
      : {}),
  }),
});

const LOOPBACK_HOSTS = ['http://127.0.0.1/*', 'http://localhost/*'];

function isLoopback(rcServer: string): boolean {
  return ['127.0.0.1', 'localhost', '[::1]'].includes(new URL(rcServer).hostname);
}

/** Host access the background needs to reach RingCentral (REST, media, WebSocket). */
function rcHostPermissions(rcServer: string): string[] {
  const url = new URL(rcServer);
  if (url.hostname.endsWith('ringcentral.com')) {
    return ['https://*.ringcentral.com/*', 'wss://*.ringcentral.com/*'];
  }
  const ws = url.protocol === 'https:' ? 'wss:' : 'ws:';
  return [`${url.protocol}//${url.hostname}/*`, `${ws}//${url.hostname}/*`];
}
