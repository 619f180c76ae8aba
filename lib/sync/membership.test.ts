import { describe, expect, it } from 'vitest';
import { thread } from '../../test/support/threads';
import { queuesDiffer } from '../capabilities/membership';
import type { Capabilities, Resource } from '../storage';
import { openStore } from './db';
import { applyMembership, MEMBERSHIP_KEY, threadsOutside } from './membership';
import { tokenKey } from './stream';
import { setupPresence } from '../presence';

const resource = (id: string, type: string, sharedNumbers: string[] = []): Resource => ({
  id,
  name: id,
  type,
  sharedNumbers,
  handlers: [],
});

describe('membership', () => {
  it('finds threads of resources not handled, by owner or else by shared number', () => {
    const threads = [
      thread('1', { owner: { extensionId: 'q1' } }),
      thread('2', { owner: { extensionId: 'q2' }, status: 'Resolved' }),
      thread('3', { owner: {}, ownerParty: { phoneNumber: '+16505550100' } }),
      thread('4', { owner: {}, ownerParty: { phoneNumber: '+16505550199' } }),
    ];
    expect(threadsOutside(threads, [resource('q1', 'Department', ['+16505550100'])])).toEqual(['2', '4']);
  });

  it('compares the call queues of the grants with those of the capabilities, in any order', () => {
    const caps = {
      resources: [resource('q1', 'Department'), resource('q2', 'Department'), resource('s1', 'Site')],
    } as Capabilities;
    expect(queuesDiffer(caps, ['q2', 'q1'])).toBe(false);
    expect(queuesDiffer(caps, ['q1'])).toBe(true);
    expect(queuesDiffer(caps, ['q1', 'q2', 'q3'])).toBe(true);
  });

  it('drops tokens and foreign threads (Open and Resolved) with their entries in one go; a repeat is a no-op', async () => {
    const db = await openStore(`membership-${crypto.randomUUID()}`);
    await db.put('threads', thread('1', { owner: { extensionId: 'q1' } }));
    await db.put('threads', thread('2', { owner: { extensionId: 'q2' }, status: 'Resolved' }));
    await db.put('threads', thread('3', { owner: { extensionId: 'q2' } }));
    await db.put('entries', {
      recordType: 'ThreadCreatedHint',
      id: 'h3',
      threadId: '3',
      lastModifiedTime: 'x',
      time: 'x',
    });
    await db.put('meta', 'q1,q2', MEMBERSHIP_KEY);
    await db.put('meta', 'tok-t', tokenKey('threads'));
    await db.put('meta', 'tok-e', tokenKey('entries'));
    const result = await applyMembership(db, [resource('q1', 'Department')]);
    expect(result?.dropped.sort()).toEqual(['2', '3']);
    expect((await db.getAll('threads')).map((t) => t.id)).toEqual(['1']);
    expect(await db.getAll('entries')).toEqual([]);
    expect(await db.get('meta', tokenKey('threads'))).toBeUndefined();
    expect(await db.get('meta', tokenKey('entries'))).toBeUndefined();
    expect(await db.get('meta', MEMBERSHIP_KEY)).toBe('q1');
    expect(await applyMembership(db, [resource('q1', 'Department')])).toBeUndefined();
  });
});

describe('sign-out', () => {
  it('forgets the recorded membership with the tokens: the next agent starts without a reset', async () => {
    const { setupSync } = await import('./index');
    const db = await openStore(`membership-clear-${crypto.randomUUID()}`);
    const sync = setupSync({
      db: async () => db,
      presence: setupPresence(),
      onChange: () => undefined,
      onDropped: () => undefined,
    });
    await db.put('meta', 'q1', MEMBERSHIP_KEY);
    await db.put('meta', 'tok', tokenKey('threads'));
    await sync.clear();
    expect(await db.get('meta', MEMBERSHIP_KEY)).toBeUndefined();
    expect(await db.get('meta', tokenKey('threads'))).toBeUndefined();
  });
});
