import { describe, expect, it, vi } from 'vitest';
import { fakeBrowser } from 'wxt/testing';

describe('storage migrations', () => {
  it('serverFeatures 1 → 2: a "[code] words" refusal becomes its code and its words', async () => {
    fakeBrowser.reset();
    await fakeBrowser.storage.local.set({
      serverFeatures: {
        'https://rc.example': {
          messageDelete: { at: 5, message: '[CMN-109] Feature not available.' },
          mmsSend: { at: 6, message: 'Not offered' },
        },
      },
      serverFeatures$: { v: 1 },
    });
    vi.resetModules();
    const { serverFeatures } = await import('./storage');
    await vi.waitFor(async () =>
      expect(await serverFeatures.getValue()).toEqual({
        'https://rc.example': {
          messageDelete: { at: 5, code: 'CMN-109', message: 'Feature not available.' },
          mmsSend: { at: 6, code: 'unknown', message: 'Not offered' },
        },
      }),
    );
  });

  it('crmThreads 1 → 2: a failed or retrying log keeps its words as a stored failure, other states as they were', async () => {
    fakeBrowser.reset();
    const record = { id: '003A', type: 'Contact', name: 'Ada Lovelace' };
    await fakeBrowser.storage.local.set({
      crmThreads: {
        t1: { state: 'failed', record, message: 'Salesforce: Subject too long', at: 5 },
        t2: { state: 'retrying', message: 'HubSpot’s rate limit was reached', at: 6 },
        t3: { state: 'logged', record },
      },
      crmThreads$: { v: 1 },
    });
    vi.resetModules();
    const { crmThreads } = await import('./storage');
    await vi.waitFor(async () =>
      expect(await crmThreads.getValue()).toEqual({
        t1: {
          state: 'failed',
          record,
          error: { code: 'unknown', message: 'Salesforce: Subject too long' },
          at: 5,
        },
        t2: {
          state: 'retrying',
          error: { code: 'unknown', message: 'HubSpot’s rate limit was reached' },
          at: 6,
        },
        t3: { state: 'logged', record },
      }),
    );
  });
});
