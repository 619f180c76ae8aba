import { describe, expect, it } from 'vitest';
import type { MessageThread } from '../rc/schemas';
import { message, stored, thread } from '../../test/support/threads';
import type { StoredMessage } from '../sync/reducer';
import { decideNotices } from './decide';

const msg = (...args: Parameters<typeof message>) => stored(message(...args)) as StoredMessage;
const on = { enabled: true, mutedResources: [] };

function threads(...list: MessageThread[]) {
  return new Map(list.map((t) => [t.id, t]));
}

describe('decideNotices', () => {
  const all = threads(
    thread('1'),
    thread('2', { assignee: { extensionId: 'me' } }),
    thread('3', { assignee: { extensionId: 'other' } }),
    thread('4', { status: 'Resolved' }),
    thread('5', { owner: { extensionId: 'q2', name: 'Sales' } }),
  );

  it('notifies inbound on unassigned and mine, not on others, resolved, unknown or outbound', () => {
    const notices = decideNotices(
      [
        msg('a', '1', 1),
        msg('b', '2', 1),
        msg('c', '3', 1),
        msg('d', '4', 1),
        msg('e', '9', 1),
        msg('f', '1', 2, { direction: 'Outbound' }),
      ],
      all,
      'me',
      on,
    );
    expect(notices.map((n) => [n.threadId, n.contextMessage])).toEqual([
      ['1', 'Support · Unassigned'],
      ['2', 'Support · Assigned to you'],
    ]);
  });

  it('groups a thread into one notice showing the newest text and the count', () => {
    const [n] = decideNotices([msg('b', '1', 2, { text: 'second' }), msg('a', '1', 1)], all, 'me', on, {
      '+15551000001': { crm: { name: 'Ada', crm: 'hubspot', at: 1 } },
    });
    expect(n).toMatchObject({
      threadId: '1',
      title: 'Ada (+15551000001, from HubSpot) · 2 new messages',
      message: 'second',
    });
  });

  it("names the customer with where the name came from, and the agent's own name bare", () => {
    const title = (entry: Parameters<typeof decideNotices>[4]) =>
      decideNotices([msg('a', '1', 1)], all, 'me', on, entry)[0]?.title;
    expect(title({ '+15551000001': { crm: { name: 'Ada', crm: 'salesforce', at: 1 } } })).toBe(
      'Ada (+15551000001, from Salesforce)',
    );
    expect(title({ '+15551000001': { hints: { 'https://crm.example.com': { name: 'Ada', at: 1 } } } })).toBe(
      'Ada (+15551000001, from crm.example.com)',
    );
    expect(
      title({
        '+15551000001': { agent: { name: 'Ada A', at: 2 }, crm: { name: 'Ada', crm: 'salesforce', at: 1 } },
      }),
    ).toBe('Ada A (+15551000001)');
  });

  it('honours the off switch and per-resource mute', () => {
    expect(decideNotices([msg('a', '1', 1)], all, 'me', { enabled: false, mutedResources: [] })).toEqual([]);
    const muted = decideNotices([msg('a', '1', 1), msg('b', '5', 1)], all, 'me', {
      enabled: true,
      mutedResources: ['q1'],
    });
    expect(muted.map((n) => n.threadId)).toEqual(['5']);
  });
});
