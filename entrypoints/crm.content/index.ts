// CRM content script: wiring only. Decides whether to run here, then hands the page to lib/crm.
import { browser } from 'wxt/browser';
import { ContentScriptContext } from 'wxt/utils/content-script-context';
import { onMessage, sendMessage } from '../../lib/messaging';
import { adapterFor, knownCrmMatches } from '../../lib/crm';
import type { StatesTransport } from '../../lib/crm/chip-states';
import { ignoreForgedStops } from '../../lib/crm/page-guard';
import { runPageSessions } from '../../lib/crm/page-session';
import { regionFromLanguages } from '../../lib/crm/region';

const transport: StatesTransport = {
  threadStates: (phones, names) => sendMessage('threadStates', { phones, names }),
  openThread: (phone, name) => sendMessage('openThread', name ? { phone, name } : { phone }),
  onChanged: (listener) => onMessage('threadStatesChanged', ({ data }) => listener(data.states)),
};

export default defineContentScript({
  matches: knownCrmMatches(),
  runAt: 'document_idle',
  // WXT would otherwise post "<extension id>:crm:wxt:content-script-started" to the page: telling it we are here.
  noScriptStartedPostMessage: true,
  async main(ctx) {
    ignoreForgedStops(
      window,
      // Private in WXT's types, public at run time; e2e/crm.spec.ts fails if the page can stop us again.
      (ContentScriptContext as unknown as { SCRIPT_STARTED_MESSAGE_TYPE: string })
        .SCRIPT_STARTED_MESSAGE_TYPE,
      () => browser.runtime?.id !== undefined,
      ctx.signal,
    );
    // A custom-site registration and the manifest may both inject us; one copy per frame is enough.
    const flags = globalThis as { __threadDeskCrm?: boolean };
    if (flags.__threadDeskCrm) return;
    flags.__threadDeskCrm = true;
    // Whether the agent turned this CRM off comes from the background: storage.local is closed to us
    // (docs/architecture.md, "What a CRM page's renderer can read").
    const enabled = async () => (await sendMessage('pageSettings', {})).enabled;
    if (!(await enabled())) return;
    ctx.onInvalidated(
      onMessage('pageSettingsChanged', async () => {
        if (!(await enabled())) ctx.abort();
      }),
    );
    runPageSessions({
      doc: document,
      adapter: adapterFor(location.href),
      transport,
      defaultCountry: regionFromLanguages(navigator.languages),
      signal: ctx.signal,
      onLocationChange: (listener) => ctx.addEventListener(window, 'wxt:locationchange', listener),
      stop: () => ctx.abort(),
    });
  },
});
