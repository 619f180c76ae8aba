// Custom CRM sites for real: the origins the agent added in the options page (each with its host permission)
// get the crm content script registered at run time (scripting.registerContentScripts, persisting across
// browser restarts), updated when the list changes and unregistered when it empties. A permission taken away
// outside our UI (chrome://extensions, another extension's policy) is noticed through permissions.onRemoved:
// its origin leaves the list, so the options page and the registration both say what is really granted.
import { browser } from 'wxt/browser';
import { crmSettings, type CrmSettings } from '../storage';
import { CUSTOM_CRM_SCRIPT_ID, customCrmRegistration, type CustomScriptRegistration } from './registration';

/** The browser APIs this needs; tests pass an in-memory one. */
export interface CustomSitesPort {
  getRegistered(): Promise<Array<{ id: string; matches?: string[] }>>;
  register(script: CustomScriptRegistration): Promise<void>;
  update(script: CustomScriptRegistration): Promise<void>;
  unregister(id: string): Promise<void>;
  granted(originPatterns: string[]): Promise<boolean>;
  onPermissionsChanged(listener: () => void): void;
}

/** The permission pattern the options page requests for a site (entrypoints/options/origin.ts). */
const permissionPattern = (origin: string) => `${origin}/*`;

const browserPort: CustomSitesPort = {
  getRegistered: () => browser.scripting.getRegisteredContentScripts({ ids: [CUSTOM_CRM_SCRIPT_ID] }),
  register: (script) => browser.scripting.registerContentScripts([script]),
  update: (script) => browser.scripting.updateContentScripts([script]),
  unregister: (id) => browser.scripting.unregisterContentScripts({ ids: [id] }),
  granted: (origins) => browser.permissions.contains({ origins }),
  onPermissionsChanged(listener) {
    browser.permissions.onAdded.addListener(listener);
    browser.permissions.onRemoved.addListener(listener);
  },
};

interface Settings {
  getValue(): Promise<CrmSettings>;
  setValue(value: CrmSettings): Promise<void>;
  watch(cb: (value: CrmSettings | null) => void): () => void;
}

export class CustomSites {
  private queue: Promise<unknown> = Promise.resolve();

  constructor(
    private readonly port: CustomSitesPort = browserPort,
    private readonly settings: Settings = crmSettings,
  ) {}

  /** Brings the registration in line with the granted custom sites; calls run one after another. */
  sync(): Promise<void> {
    const run = this.queue.then(() => this.apply());
    this.queue = run.catch((e: unknown) => console.error('ThreadDesk: custom CRM sites failed', e));
    return run;
  }

  private async apply(): Promise<void> {
    const current = await this.settings.getValue();
    const granted: string[] = [];
    for (const origin of current.customOrigins) {
      if (await this.port.granted([permissionPattern(origin)])) granted.push(origin);
    }
    if (granted.length !== current.customOrigins.length) {
      await this.settings.setValue({ ...current, customOrigins: granted });
    }
    const wanted = customCrmRegistration(granted);
    const existing = (await this.port.getRegistered()).find((s) => s.id === CUSTOM_CRM_SCRIPT_ID);
    if (!wanted) {
      if (existing) await this.port.unregister(CUSTOM_CRM_SCRIPT_ID);
      return;
    }
    if (!existing) await this.port.register(wanted);
    else if (!sameMatches(existing.matches, wanted.matches)) await this.port.update(wanted);
  }
}

function sameMatches(a: readonly string[] | undefined, b: readonly string[]): boolean {
  return !!a && a.length === b.length && [...a].sort().join() === [...b].sort().join();
}

/** The background's wiring: sync now (the worker may have missed changes), on settings and on permission changes. */
export function setupCustomSites(sites = new CustomSites()): CustomSites {
  void sites.sync();
  crmSettings.watch(() => void sites.sync());
  try {
    browserPort.onPermissionsChanged(() => void sites.sync());
  } catch (e) {
    // Without these events a removed grant is still caught at the next worker start or settings change.
    console.warn('ThreadDesk: permission changes cannot be watched here', e);
  }
  return sites;
}
