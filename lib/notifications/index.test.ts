import { beforeEach, describe, expect, it, vi } from 'vitest';
import { fakeBrowser } from 'wxt/testing';
import { browser } from 'wxt/browser';
import { panelFocus } from '../storage';
import { openStore } from '../sync/db';
import { message, stored, thread } from '../sync/fixtures.test-helpers';
import type { StoredMessage } from '../sync/reducer';
import { Notifier } from './index';

const msg = (...args: Parameters<typeof message>) => stored(message(...args)) as StoredMessage;

describe('Notifier', () => {
  beforeEach(() => fakeBrowser.reset());

  it('shows one notification per thread, waits for unknown threads, and opens the panel on click', async () => {
    const db = await openStore(`notify-${crypto.randomUUID()}`);
    await db.put('threads', thread('1'));
    const openPanel = vi.fn();
    const notifier = new Notifier({ db, me: () => 'me', openPanel, iconUrl: 'icon.png' });

    const shown = await notifier.consider([msg('a', '1', 1), msg('b', '1', 2), msg('c', '2', 3)]);
    expect(shown.map((n) => n.threadId)).toEqual(['1']);
    expect(Object.keys(await browser.notifications.getAll())).toEqual(['1']);

    // Thread 2 arrives with the next threads sync: its waiting message is shown then.
    await db.put('threads', thread('2'));
    const later = await notifier.consider([]);
    expect(later.map((n) => n.threadId)).toEqual(['2']);
    expect(await notifier.consider([])).toEqual([]);

    await fakeBrowser.notifications.onClicked.trigger('1');
    await vi.waitFor(() => expect(openPanel).toHaveBeenCalled());
    expect((await panelFocus.getValue())?.threadId).toBe('1');
    notifier.dispose();
    db.close();
  });
});
