// The account store's indexes and change log, without HTTP.
import { describe, expect, it } from 'vitest';
import { emptyAccountData } from '../state.ts';
import { THREAD_TTL_MS } from './rules.ts';
import { AccountStore } from './store.ts';

const pair = { ownerId: 'q', ownerPhone: '+15559870100', guestPhone: '+15550100101' };

describe('AccountStore', () => {
  it('keeps one Open thread per number pair and logs every change in order', () => {
    const store = new AccountStore('a', emptyAccountData(), { next: 0 });
    const thread = store.createThread({ ...pair, assigneeId: 'x', initiatorId: 'x', time: 1 });
    expect(store.openThreadFor(pair.ownerPhone, pair.guestPhone)?.id).toBe(thread.id);
    store.addMessage({
      threadId: thread.id,
      direction: 'Inbound',
      messageStatus: 'Received',
      text: 'hi',
      time: 2,
    });
    store.resolve(thread.id, 'Manual', 'x', 3);
    expect(store.openThreadFor(pair.ownerPhone, pair.guestPhone)).toBeUndefined();
    const seqs = store.changes.map((c) => c.seq);
    expect(seqs).toEqual([...seqs].sort((a, b) => a - b));
    expect(store.changesAfter(seqs[2] ?? 0).map((c) => c.seq)).toEqual(seqs.slice(3));
    expect(store.changesAfter(store.seq)).toEqual([]);
  });

  it('finds due threads only once their 72 h deadline passed, and compacts old change-log rows', () => {
    const store = new AccountStore('a', emptyAccountData(), { next: 0 });
    const thread = store.createThread({ ...pair, assigneeId: null, time: 1000 });
    expect(store.dueForExpiry(1000 + THREAD_TTL_MS - 1)).toEqual([]);
    expect(store.dueForExpiry(1000 + THREAD_TTL_MS).map((t) => t.id)).toEqual([thread.id]);
    store.addMessage({
      threadId: thread.id,
      direction: 'Inbound',
      messageStatus: 'Received',
      text: 'later',
      time: 5000,
    });
    const before = store.changes.length;
    expect(store.compactChanges(2000)).toBe(2);
    expect(store.changes).toHaveLength(before - 2);
    expect(store.changesAfter(0)[0]?.time).toBe(5000);
  });
});
