// CRM tabs learn whether chips run on their page from the pageSettings request (lib/messaging.ts), not from
// storage.local, which they cannot read (lib/background/storage-access.ts). When the agent's CRM settings
// change, every tab is told to ask again; a tab without our content script refuses the message, which is fine.
import { browser } from 'wxt/browser';
import { adapterFor } from '../crm';
import { sendMessage } from '../messaging';
import { crmSettings, type CrmSettings } from '../storage';

/** Whether chips run on a page at this address: its CRM is not one the agent switched off. */
export function chipsEnabledAt(url: string | undefined, settings: CrmSettings): boolean {
  return !settings.disabledAdapters.includes(adapterFor(url ?? '').id);
}

const tellTab = (tabId: number) => sendMessage('pageSettingsChanged', undefined, tabId);

async function tellTabs(send: (tabId: number) => Promise<unknown>): Promise<void> {
  const tabs = await browser.tabs.query({});
  await Promise.all(tabs.map((t) => (t.id === undefined ? undefined : send(t.id).catch(() => undefined))));
}

/** Adds the settings watch in the worker's first turn (docs/architecture.md, "The composition root"). */
export function setupPageSettingsPush(send: (tabId: number) => Promise<unknown> = tellTab): void {
  crmSettings.watch(
    () =>
      void tellTabs(send).catch((e: unknown) => console.error('ThreadDesk: page settings push failed', e)),
  );
}
