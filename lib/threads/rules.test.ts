import { describe, expect, test } from 'vitest';
import { thread as build } from '../../test/support/threads';
import type { MessageThread } from '../rc/schemas';
import { canSend, isHeldBy, isMine, isOthers, isUnassigned, isUnread, openThreadFor } from './rules';

const thread = (over: Partial<MessageThread> = {}) => build('t1', { guest: '+15550100101', ...over });
const avery = { extensionId: 'a' };

describe('thread rules', () => {
  test('only the assignee of an Open thread may send', () => {
    expect(canSend(thread({ assignee: avery }), 'a')).toBe(true);
    expect(canSend(thread({ assignee: avery }), 'b')).toBe(false);
    expect(canSend(thread(), 'a')).toBe(false);
    expect(canSend(thread({ assignee: avery, status: 'Resolved' }), 'a')).toBe(false);
    expect(canSend(thread({ assignee: avery, availability: 'Deleted' }), 'a')).toBe(false);
  });

  test('unassigned, mine and others are exclusive for Open threads', () => {
    const t = thread({ assignee: avery });
    expect([isUnassigned(t), isMine(t, 'a'), isOthers(t, 'a')]).toEqual([false, true, false]);
    expect([isUnassigned(t), isMine(t, 'b'), isOthers(t, 'b')]).toEqual([false, false, true]);
    expect([isUnassigned(thread()), isOthers(thread(), 'a')]).toEqual([true, false]);
    expect(isUnassigned(thread({ status: 'Resolved' }))).toBe(false);
  });

  test('a handler holds the Open threads assigned to them, and no resolved one', () => {
    expect(isHeldBy(thread({ assignee: avery }), 'a')).toBe(true);
    expect(isHeldBy(thread({ assignee: avery }), 'b')).toBe(false);
    expect(isHeldBy(thread({ assignee: avery, status: 'Resolved' }), 'a')).toBe(false);
  });

  test('unread means an inbound message newer than the local read mark', () => {
    const summary = { threadId: 't1', optedOut: false, lastInboundAt: '2026-01-01T10:00:00Z' };
    expect(isUnread(summary, undefined)).toBe(true);
    expect(isUnread(summary, '2026-01-01T09:00:00Z')).toBe(true);
    expect(isUnread(summary, '2026-01-01T10:00:00Z')).toBe(false);
    expect(isUnread({ threadId: 't1', optedOut: false }, undefined)).toBe(false);
  });

  test('a customer maps to the Open thread with the chosen shared number', () => {
    const a = thread({ id: 'a', status: 'Resolved' });
    const b = thread({ id: 'b' });
    const c = thread({ id: 'c', ownerParty: { phoneNumber: '+15559870000' } });
    expect(openThreadFor([a, b, c], '+15550100101')?.id).toBe('b');
    expect(openThreadFor([a, b, c], '+15550100101', '+15559870000')?.id).toBe('c');
    expect(openThreadFor([a, b, c], '+15550100199')).toBeUndefined();
  });
});
