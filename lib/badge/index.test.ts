import { beforeEach, describe, expect, it } from 'vitest';
import { fakeBrowser } from 'wxt/testing';
import { browser } from 'wxt/browser';
import { openStore } from '../sync/db';
import { thread } from '../../test/support/threads';
import { authStatus } from '../storage';
import { setupBadge } from './index';

describe('badge applied to the action', () => {
  beforeEach(() => {
    fakeBrowser.reset();
  });

  it('shows the unassigned count from the store, and "!" when signed out', async () => {
    const db = await openStore(`badge-${Math.random()}`);
    await db.put('threads', thread('1'));
    await db.put('threads', thread('2', { assignee: { extensionId: 'me' } }));
    await authStatus.setValue({
      state: 'signedIn',
      user: { extensionId: 'me', accountId: 'a', name: 'Me', server: 'https://rc.test' },
    });
    const badge = setupBadge({ db: async () => db });
    const view = await badge.refresh();
    expect(view?.text).toBe('1');
    expect(await browser.action.getBadgeText({})).toBe('1');
    expect(await browser.action.getTitle({})).toBe('ThreadDesk — 1 unassigned · 1 mine · 0 unread');
    await authStatus.setValue({ state: 'signedOut' });
    expect((await badge.refresh())?.text).toBe('!');
    expect(await browser.action.getBadgeText({})).toBe('!');
    db.close();
  });
});
