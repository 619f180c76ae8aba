import { beforeEach, describe, expect, it, vi } from 'vitest';
import { fakeBrowser } from 'wxt/testing';
import { summary, thread } from '../../test/support/threads';
import { setAgentName, setCrmName } from '../contacts/names';
import { authStatus, contactBook } from '../storage';
import { openStore, type Store } from '../sync/db';
import { ChipPush } from './chip-push';
import { forgetTab, rememberTab } from './chip-subscribers';

let n = 0;

describe('ChipPush', () => {
  let db: Store;
  let pushed: Array<{ tabId: number; states: unknown }>;
  let chips: ChipPush;

  beforeEach(async () => {
    fakeBrowser.reset();
    forgetTab(1);
    forgetTab(2);
    db = await openStore(`chip-push-test-${++n}`);
    await authStatus.setValue({
      state: 'signedIn',
      user: { extensionId: 'me', accountId: 'a', name: 'Me', server: 'https://rc.test' },
    });
    await db.put('threads', thread('t1', { guest: '+15551000001' }));
    await db.put('threads', thread('t2', { guest: '+15551000002', assignee: { extensionId: 'me' } }));
    pushed = [];
    chips = new ChipPush(
      async () => db,
      async (tabId, states) => void pushed.push({ tabId, states }),
    );
  });

  it('reads the whole store once, then only the threads each change names', async () => {
    rememberTab(1, ['+15551000001', '+15551000002']);
    rememberTab(2, ['+15551000002']);
    await chips.statesFor(['+15551000001', '+15551000002'], 1);
    await chips.statesFor(['+15551000002'], 2);
    const getAll = vi.spyOn(db, 'getAll');
    const getAllFromIndex = vi.spyOn(db, 'getAllFromIndex');

    // Someone else takes t1; then its customer texts (summary) — each change is pushed to tab 1 only.
    await db.put(
      'threads',
      thread('t1', { guest: '+15551000001', assignee: { extensionId: 'x', name: 'Ann Lee' } }),
    );
    await chips.changed(['t1']);
    await db.put('summaries', summary('t1', { lastInboundAt: '2026-01-01T10:00:00.000Z' }));
    await chips.changed(['t1']);
    expect(pushed).toEqual([
      { tabId: 1, states: { '+15551000001': { kind: 'other', unread: false, assigneeName: 'Ann Lee' } } },
      { tabId: 1, states: { '+15551000001': { kind: 'other', unread: true, assigneeName: 'Ann Lee' } } },
    ]);
    // A change that alters no chip sends nothing; a deleted thread's chip goes back to "none".
    await chips.changed(['t1']);
    await db.delete('threads', 't2');
    await chips.changed(['t2']);
    expect(pushed.slice(2)).toEqual([
      { tabId: 1, states: { '+15551000002': { kind: 'none', unread: false } } },
      { tabId: 2, states: { '+15551000002': { kind: 'none', unread: false } } },
    ]);
    expect(getAll).not.toHaveBeenCalled();
    expect(getAllFromIndex).not.toHaveBeenCalled();
  });

  it("names the customer with the name's source, and pushes a chip again when its name changes", async () => {
    await contactBook.setValue(setCrmName({}, '+15551000001', 'Ada Lovelace', 'hubspot', 1));
    rememberTab(1, ['+15551000001', '+15551000002']);
    expect(await chips.statesFor(['+15551000001', '+15551000002'], 1)).toEqual({
      '+15551000001': { kind: 'unassigned', unread: false, customer: 'Ada Lovelace (from HubSpot)' },
      '+15551000002': { kind: 'mine', unread: false },
    });
    // The agent's own name needs no label; the other chip, unchanged, is not sent again.
    await contactBook.setValue(setAgentName(await contactBook.getValue(), '+15551000001', 'Ada L', 2));
    await chips.namesChanged();
    expect(pushed).toEqual([
      { tabId: 1, states: { '+15551000001': { kind: 'unassigned', unread: false, customer: 'Ada L' } } },
    ]);
  });

  it('starts over from the store after a sign-in change, and says nothing while signed out', async () => {
    rememberTab(1, ['+15551000002']);
    expect(await chips.statesFor(['+15551000002'], 1)).toEqual({
      '+15551000002': { kind: 'mine', unread: false },
    });
    await authStatus.setValue({ state: 'signedOut' });
    chips.reset();
    expect(await chips.statesFor(['+15551000002'], 1)).toBeUndefined();
    await chips.changed(['t2']);
    expect(pushed).toEqual([]);
    await authStatus.setValue({
      state: 'signedIn',
      user: { extensionId: 'x', accountId: 'a', name: 'X', server: 'https://rc.test' },
    });
    await chips.changed(undefined);
    expect(pushed).toEqual([{ tabId: 1, states: { '+15551000002': { kind: 'other', unread: false } } }]);
  });
});
