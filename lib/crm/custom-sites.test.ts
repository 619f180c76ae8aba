import { describe, expect, it } from 'vitest';
import type { CrmSettings } from '../storage';
import { CustomSites, type CustomSitesPort } from './custom-sites';
import { CUSTOM_CRM_SCRIPT_ID } from './registration';

/** The browser as far as custom sites go: registered scripts and granted origins, in memory. */
function fakeBrowserPort(granted: Set<string>) {
  const scripts = new Map<string, { id: string; matches: string[] }>();
  const calls: string[] = [];
  const port: CustomSitesPort = {
    getRegistered: async () => [...scripts.values()],
    register: async (s) => {
      if (scripts.has(s.id)) throw new Error(`Duplicate script ID '${s.id}'`);
      calls.push('register');
      scripts.set(s.id, { id: s.id, matches: s.matches });
    },
    update: async (s) => {
      calls.push('update');
      scripts.set(s.id, { id: s.id, matches: s.matches });
    },
    unregister: async (id) => {
      calls.push('unregister');
      scripts.delete(id);
    },
    granted: async (origins) => origins.every((o) => granted.has(o)),
    onPermissionsChanged: () => undefined,
  };
  return { port, scripts, calls };
}

function memorySettings(initial: CrmSettings) {
  let value = initial;
  return {
    getValue: async () => value,
    setValue: async (v: CrmSettings) => void (value = v),
    watch: () => () => undefined,
    get current() {
      return value;
    },
  };
}

describe('custom CRM sites', () => {
  it('registers granted sites, updates on change, unregisters when none is left', async () => {
    const granted = new Set(['https://crm.example.com/*', 'http://127.0.0.1:5555/*']);
    const settings = memorySettings({ disabledAdapters: [], customOrigins: ['https://crm.example.com'] });
    const { port, scripts, calls } = fakeBrowserPort(granted);
    const sites = new CustomSites(port, settings);

    await sites.sync();
    expect(scripts.get(CUSTOM_CRM_SCRIPT_ID)?.matches).toEqual(['https://crm.example.com/*']);
    await sites.sync();
    expect(calls).toEqual(['register']);

    await settings.setValue({
      ...settings.current,
      customOrigins: ['https://crm.example.com', 'http://127.0.0.1:5555'],
    });
    await sites.sync();
    expect(scripts.get(CUSTOM_CRM_SCRIPT_ID)?.matches).toEqual([
      'https://crm.example.com/*',
      'http://127.0.0.1/*',
    ]);

    await settings.setValue({ ...settings.current, customOrigins: [] });
    await sites.sync();
    expect(scripts.size).toBe(0);
    expect(calls).toEqual(['register', 'update', 'unregister']);
  });

  it('notices a permission removed outside our UI: the site leaves the list and the registration', async () => {
    const granted = new Set(['https://crm.example.com/*', 'https://other.example.org/*']);
    const settings = memorySettings({
      disabledAdapters: [],
      customOrigins: ['https://crm.example.com', 'https://other.example.org'],
    });
    const { port, scripts } = fakeBrowserPort(granted);
    const sites = new CustomSites(port, settings);
    await sites.sync();
    granted.delete('https://other.example.org/*');
    await sites.sync();
    expect(settings.current.customOrigins).toEqual(['https://crm.example.com']);
    expect(scripts.get(CUSTOM_CRM_SCRIPT_ID)?.matches).toEqual(['https://crm.example.com/*']);
  });

  it('registers nothing for known CRMs or sites without a grant', async () => {
    const settings = memorySettings({
      disabledAdapters: [],
      customOrigins: ['https://acme.my.salesforce.com', 'https://ungranted.example.com'],
    });
    const { port, scripts } = fakeBrowserPort(new Set(['https://acme.my.salesforce.com/*']));
    await new CustomSites(port, settings).sync();
    expect(scripts.size).toBe(0);
    expect(settings.current.customOrigins).toEqual(['https://acme.my.salesforce.com']);
  });
});
