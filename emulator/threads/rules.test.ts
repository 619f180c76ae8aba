// The pure thread rules: routing a send, entries-sync scopes, carrier keywords and the recipients table.
import { describe, expect, it } from 'vitest';
import type { ChangeRec, ResourceRec, ThreadRec } from '../state.ts';
import {
  carrierKeyword,
  changeInScope,
  decideSend,
  expiryDeadline,
  inScope,
  noticesFor,
  THREAD_TTL_MS,
} from './rules.ts';

const thread = (over: Partial<ThreadRec> = {}): ThreadRec => ({
  id: 't1',
  ownerId: 'q',
  ownerPhone: '+15559870100',
  guestPhone: '+15550100101',
  status: 'Open',
  availability: 'Alive',
  assigneeId: null,
  creationTime: 0,
  lastModifiedTime: 0,
  lastActivityTime: 1000,
  ...over,
});
const resource: ResourceRec = {
  id: 'q',
  kind: 'CallQueue',
  name: 'Queue',
  extensionNumber: '1',
  siteId: 'main-site',
  recipients: ['a', 'b', 'c'].map((extensionId) => ({ extensionId, assignable: true, hasLicense: true })),
};

describe('decideSend', () => {
  it('creates a thread when none is open, appends for the assignee, refuses everyone else', () => {
    expect(decideSend(undefined, 'a')).toEqual({ kind: 'newThread' });
    expect(decideSend(thread({ assigneeId: 'a' }), 'a').kind).toBe('append');
    expect(decideSend(thread({ assigneeId: 'a' }), 'b').kind).toBe('notAssignee');
    expect(decideSend(thread(), 'a').kind).toBe('notAssignee');
  });
});

describe('expiry', () => {
  it('counts 72 hours from the last activity', () => {
    expect(expiryDeadline(thread())).toBe(1000 + THREAD_TTL_MS);
    expect(THREAD_TTL_MS).toBe(72 * 3600 * 1000);
  });
});

describe('sync scopes', () => {
  const view = (assigneeId: string | null, open = true) => ({ threadId: 't1', assigneeId, open });
  it('matches each scope', () => {
    expect(inScope('Accessible', view('b'), 'a', [])).toBe(true);
    expect(inScope('AssignedToMe', view('a'), 'a', [])).toBe(true);
    expect(inScope('AssignedToMe', view(null), 'a', [])).toBe(false);
    expect(inScope('Unassigned', view(null), 'a', [])).toBe(true);
    expect(inScope('Unassigned', view(null, false), 'a', [])).toBe(false);
    expect(inScope('AssignedToMeAndUnassigned', view(null), 'a', [])).toBe(true);
    expect(inScope('AssignedToMeAndUnassigned', view('b'), 'a', [])).toBe(false);
    expect(inScope('Explicit', view('b'), 'a', ['t1'])).toBe(true);
    expect(inScope('Explicit', view('b'), 'a', ['t2'])).toBe(false);
  });
  it('lets an assignment that took a thread away reach its previous assignee', () => {
    const change: ChangeRec = {
      seq: 1,
      stream: 'entries',
      kind: 'hint',
      id: 'h',
      threadId: 't1',
      assigneeId: 'b',
      previousAssigneeId: 'a',
      open: true,
      time: 0,
    };
    expect(changeInScope('AssignedToMe', change, 'a', [])).toBe(true);
    expect(changeInScope('AssignedToMe', change, 'c', [])).toBe(false);
    expect(changeInScope('Explicit', change, 'a', [])).toBe(false);
  });
});

describe('carrier keywords', () => {
  it('recognises only messages that are just the keyword, in any case', () => {
    for (const word of [
      'STOP',
      ' stop ',
      'StopAll',
      'UNSUBSCRIBE',
      'cancel',
      'END',
      'Quit',
      'revoke',
      'OPTOUT',
    ])
      expect(carrierKeyword(word)).toBe('optOut');
    expect(carrierKeyword('start')).toBe('optIn');
    expect(carrierKeyword('UNSTOP')).toBe('optIn');
    expect(carrierKeyword('Help')).toBe('help');
    expect(carrierKeyword('please stop')).toBeNull();
    expect(carrierKeyword('STOP.')).toBeNull();
    expect(carrierKeyword(undefined)).toBeNull();
  });
});

describe('recipients table', () => {
  const all = ['a', 'b', 'c'];
  it('follows docs/emulator.md "Events"', () => {
    expect(noticesFor('inbound', thread(), resource)).toEqual([
      { filter: 'threads', extensionIds: all },
      { filter: 'entries', extensionIds: all },
    ]);
    expect(noticesFor('inbound', thread({ assigneeId: 'b' }), resource)).toEqual([
      { filter: 'entries', extensionIds: ['b'] },
    ]);
    expect(noticesFor('outbound', thread({ assigneeId: 'a' }), resource, true)).toEqual([
      { filter: 'threads', extensionIds: ['a'] },
      { filter: 'entries', extensionIds: ['a'] },
    ]);
    expect(noticesFor('outbound', thread({ assigneeId: 'a' }), resource)).toEqual([
      { filter: 'entries', extensionIds: ['a'] },
    ]);
    for (const action of ['assign', 'resolve', 'expire'] as const) {
      expect(noticesFor(action, thread(), resource)).toEqual([{ filter: 'threads', extensionIds: all }]);
    }
    expect(noticesFor('delete', thread(), resource)).toEqual([]);
    expect(noticesFor('note', thread({ assigneeId: 'a' }), resource)).toEqual([
      { filter: 'entries', extensionIds: all },
    ]);
    expect(noticesFor('statusUpdate', thread({ assigneeId: 'c' }), resource)).toEqual([
      { filter: 'entries', extensionIds: ['c'] },
    ]);
  });
});
