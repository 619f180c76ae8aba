import { beforeEach, describe, expect, it } from 'vitest';
import { fakeBrowser } from 'wxt/testing';
import { crmSettings } from '../storage';
import { chipsEnabledAt, setupPageSettingsPush } from './page-settings';
import { restrictToTrustedContexts } from './storage-access';

const until = async (check: () => boolean) => {
  for (let i = 0; i < 100 && !check(); i++) await new Promise((r) => setTimeout(r, 5));
};

describe('page settings for CRM tabs', () => {
  beforeEach(() => fakeBrowser.reset());

  it('chips run unless the page belongs to a CRM the agent switched off', () => {
    const off = { disabledAdapters: ['hubspot'], customOrigins: [] };
    expect(chipsEnabledAt('https://app.hubspot.com/contacts/1/record/0-1/2', off)).toBe(false);
    expect(chipsEnabledAt('https://acme.lightning.force.com/lightning/r/Contact/1/view', off)).toBe(true);
    // An address that is no URL is a generic page, which only its custom-site entry turns off.
    expect(chipsEnabledAt(undefined, off)).toBe(true);
  });

  it('tells every tab to ask again when the CRM settings change, whichever tab refuses', async () => {
    const a = await fakeBrowser.tabs.create({ url: 'https://app.hubspot.com/' });
    const b = await fakeBrowser.tabs.create({ url: 'https://example.com/' });
    const told: number[] = [];
    setupPageSettingsPush(async (tabId) => {
      told.push(tabId);
      if (tabId === b.id) throw new Error('Could not establish connection. Receiving end does not exist.');
    });
    await crmSettings.setValue({ disabledAdapters: ['hubspot'], customOrigins: [] });
    const all = (await fakeBrowser.tabs.query({})).map((t) => t.id);
    await until(() => told.length === all.length);
    expect(told.sort()).toEqual(all.sort());
    expect(told).toEqual(expect.arrayContaining([a.id, b.id]));
  });
});

describe('restrictToTrustedContexts', () => {
  const infos: unknown[][] = [];
  const info = console.info;
  beforeEach(() => {
    infos.length = 0;
    console.info = (...args: unknown[]) => void infos.push(args);
    return () => void (console.info = info);
  });

  it('asks for trusted contexts only', () => {
    const asked: unknown[] = [];
    restrictToTrustedContexts({ setAccessLevel: async (o) => void asked.push(o) });
    expect(asked).toEqual([{ accessLevel: 'TRUSTED_CONTEXTS' }]);
    expect(infos).toEqual([]);
  });

  it('logs once and carries on where the browser has no such call, or refuses it', async () => {
    restrictToTrustedContexts({});
    expect(infos).toHaveLength(1);
    restrictToTrustedContexts({
      setAccessLevel: () => Promise.reject(new Error('This StorageArea is not supported.')),
    });
    await until(() => infos.length === 2);
    expect(infos[1]).toEqual([
      expect.stringContaining('stays readable'),
      'This StorageArea is not supported.',
    ]);
    restrictToTrustedContexts({
      setAccessLevel: () => {
        throw new Error('sync refusal');
      },
    });
    expect(infos).toHaveLength(3);
  });
});
