import { afterEach, describe, expect, it, vi } from 'vitest';
import { browser } from 'wxt/browser';
import { fakeBrowser } from 'wxt/testing';
import { completeSignIn } from '../auth/session';
import type { RcClient } from '../rc/client';
import { startBackground, type SyncService } from './main';

describe('startBackground', () => {
  afterEach(() => vi.unstubAllGlobals());

  it('starts sync on sign-in with an openPanel that opens the side panel in the current window', async () => {
    fakeBrowser.reset();
    // Nothing in this test may reach RingCentral.
    vi.stubGlobal('fetch', () => Promise.reject(new Error('offline in unit tests')));
    const started: Array<Parameters<SyncService['startSync']>> = [];
    startBackground({
      sync: {
        startSync: (...args) => void started.push(args),
        stopSync: () => undefined,
        syncNow: async () => undefined,
      },
    });
    const client = {
      request: async (_m: string, _p: string, o: { schema: { parse(v: unknown): unknown } }) =>
        o.schema.parse({ id: '101', name: 'Avery', account: { id: '1' } }),
    } as unknown as RcClient;
    await completeSignIn(client);
    expect(started).toHaveLength(1);
    const openPanel = started[0]![1]?.openPanel;

    const open = vi.fn(async () => undefined);
    vi.stubGlobal('chrome', { sidePanel: { open } });
    void openPanel?.();
    expect(open).toHaveBeenCalledWith({ windowId: browser.windows.WINDOW_ID_CURRENT });
  });
});
