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
});
