import { beforeEach, describe, expect, it, vi } from 'vitest';
import { fakeBrowser } from 'wxt/testing';
import { browser } from 'wxt/browser';
import { panelFocus } from '../storage';
import { openStore } from '../sync/db';
import { message, stored, thread } from '../../test/support/threads';
import type { StoredMessage } from '../sync/reducer';
import { setupNotifications } from './index';

const msg = (...args: Parameters<typeof message>) => stored(message(...args)) as StoredMessage;

describe('setupNotifications', () => {
  beforeEach(() => fakeBrowser.reset());

  it('shows one notification per thread, waits for unknown threads, and opens the panel on click', async () => {
    const db = await openStore(`notify-${crypto.randomUUID()}`);
    await db.put('threads', thread('1'));
    const openPanel = vi.fn();
    const notifier = setupNotifications({
      db: async () => db,
      me: async () => 'me',
      openPanel,
      iconUrl: 'icon.png',
    });

    const shown = await notifier.consider([msg('a', '1', 1), msg('b', '1', 2), msg('c', '2', 3)]);
    expect(shown.map((n) => n.threadId)).toEqual(['1']);
    expect(Object.keys(await browser.notifications.getAll())).toEqual(['1']);

    // Thread 2 arrives with the next threads sync: its waiting message is shown then.
    await db.put('threads', thread('2'));
    const later = await notifier.consider([]);
    expect(later.map((n) => n.threadId)).toEqual(['2']);
    expect(await notifier.consider([])).toEqual([]);

    const clicked = fakeBrowser.notifications.onClicked.trigger('1');
    // Still inside the click's listener (its user gesture): nothing has been awaited yet.
    expect(openPanel).toHaveBeenCalledTimes(1);
    await clicked;
    await vi.waitFor(async () => expect((await panelFocus.getValue())?.threadId).toBe('1'));
    await vi.waitFor(async () => expect(Object.keys(await browser.notifications.getAll())).toEqual(['2']));
    db.close();
  });

  it("takes every shown notification away when the session ends: they name that agent's customers", async () => {
    const db = await openStore(`notify-${crypto.randomUUID()}`);
    await db.put('threads', thread('1'));
    const notifier = setupNotifications({ db: async () => db, me: async () => 'me', iconUrl: 'icon.png' });
    await notifier.consider([msg('a', '1', 1)]);
    await notifier.show([
      { id: 'overdue:1', threadId: '1', title: 'Overdue', message: 'm', contextMessage: 'c', time: '' },
    ]);
    expect(Object.keys(await browser.notifications.getAll()).sort()).toEqual(['1', 'overdue:1']);

    await notifier.reset();
    expect(await browser.notifications.getAll()).toEqual({});
    db.close();
  });

  it('opens the side panel in the current window by default, synchronously on click', async () => {
    const db = await openStore(`notify-${crypto.randomUUID()}`);
    const open = vi.fn(async () => undefined);
    const g = globalThis as { chrome?: unknown };
    g.chrome = { sidePanel: { open } };
    setupNotifications({ db: async () => db, me: async () => 'me' });
    try {
      const clicked = fakeBrowser.notifications.onClicked.trigger('7');
      expect(open).toHaveBeenCalledWith({ windowId: browser.windows.WINDOW_ID_CURRENT });
      await clicked;
      await vi.waitFor(async () => expect((await panelFocus.getValue())?.threadId).toBe('7'));
    } finally {
      delete g.chrome;
      db.close();
    }
  });
});
