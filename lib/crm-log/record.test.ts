import { describe, expect, it } from 'vitest';
import type { CrmRecord } from '../crm-api/types';
import type { MessageThread } from '../rc/schemas';
import type { StoredEntry } from '../sync/db';
import { decideRecord, isFresh, nextAttemptAt, writerOf } from './record';
import { activityTitle, fingerprint, transcript } from './transcript';

const rec = (id: string, type: CrmRecord['type'] = 'Contact'): CrmRecord => ({
  crm: 'salesforce',
  id,
  type,
  name: id,
  phones: [],
});
const thread = (over: Partial<MessageThread> = {}): MessageThread => ({
  id: 't1',
  status: 'Open',
  availability: 'Alive',
  owner: {},
  guestParty: { phoneNumber: '+15550100101' },
  creationTime: '2026-12-01T10:00:00Z',
  lastModifiedTime: '2026-12-01T10:00:00Z',
  ...over,
});
const message = (
  id: string,
  time: string,
  direction: 'Inbound' | 'Outbound',
  text: string,
  author?: string,
): StoredEntry => ({
  recordType: 'AliveMessage',
  id,
  threadId: 't1',
  availability: 'Alive',
  creationTime: time,
  lastModifiedTime: time,
  direction,
  text,
  time,
  ...(author ? { author: { extensionId: 'x', name: author } } : {}),
});

describe('which record', () => {
  it('uses the choice, else the only person, preferring people over their company', () => {
    expect(decideRecord([rec('a'), rec('b')], rec('b'))).toEqual({ kind: 'record', record: rec('b') });
    expect(decideRecord([rec('acct', 'Account'), rec('a')], undefined)).toEqual({
      kind: 'record',
      record: rec('a'),
    });
    expect(decideRecord([rec('a'), rec('b')], undefined)).toMatchObject({ kind: 'choose' });
    expect(decideRecord([], undefined)).toEqual({ kind: 'none' });
    expect(decideRecord([rec('acct', 'Account')], undefined)).toMatchObject({ kind: 'record' });
  });
});

describe('who writes', () => {
  it('is the assignee, and for a resolved thread the agent who resolved it, else the last assignee', () => {
    expect(writerOf(thread({ assignee: { extensionId: 'A' } }), [])).toBe('A');
    expect(writerOf(thread(), [])).toBeUndefined();
    const hints: StoredEntry[] = [
      {
        recordType: 'ThreadAssignedHint',
        id: 'h1',
        threadId: 't1',
        lastModifiedTime: '1',
        time: '2026-12-01T10:01:00Z',
        assignee: { extensionId: 'B' },
      },
      {
        recordType: 'ThreadResolvedHint',
        id: 'h2',
        threadId: 't1',
        lastModifiedTime: '2',
        time: '2026-12-01T10:02:00Z',
        initiator: { extensionId: 'C' },
      },
    ];
    expect(writerOf(thread({ status: 'Resolved' }), hints)).toBe('C');
    expect(writerOf(thread({ status: 'Resolved' }), hints.slice(0, 1))).toBe('B');
  });
});

describe('cache and backoff', () => {
  it('keeps matches 12 h and no-match 1 h; backs off with jitter or as the CRM says', () => {
    expect(isFresh({ records: [1], fetchedAt: 0 }, 11 * 3600_000)).toBe(true);
    expect(isFresh({ records: [], fetchedAt: 0 }, 2 * 3600_000)).toBe(false);
    expect(isFresh(undefined, 0)).toBe(false);
    expect(nextAttemptAt(0, 1, undefined, () => 0)).toBe(15_000);
    expect(nextAttemptAt(0, 20, undefined, () => 1)).toBe(30 * 60_000);
    expect(nextAttemptAt(0, 1, 10_000)).toBe(10_000);
  });
});

describe('transcript', () => {
  it('lists messages in time order with direction and agent, notes only when asked, and the opt-out', () => {
    const entries = [
      message('m2', '2026-12-01T10:05:00Z', 'Outbound', 'Sure', 'Avery Quinn'),
      message('m1', '2026-12-01T10:00:00Z', 'Inbound', 'Hi'),
      {
        recordType: 'AliveNote',
        id: 'n1',
        threadId: 't1',
        availability: 'Alive',
        creationTime: '2026-12-01T10:03:00Z',
        lastModifiedTime: '',
        text: 'VIP',
        time: '2026-12-01T10:03:00Z',
        author: { extensionId: 'x', name: 'Avery Quinn' },
      } as StoredEntry,
    ];
    const text = transcript(thread(), entries, {
      includeNotes: false,
      customerName: 'Ana Diaz',
      optedOut: true,
    });
    expect(text.split('\n')).toEqual([
      '2026-12-01 10:00 UTC · Ana Diaz (+15550100101) → us: Hi',
      '2026-12-01 10:05 UTC · Avery Quinn → customer: Sure',
      'The customer has opted out of texts from this number (STOP).',
    ]);
    expect(transcript(thread(), entries, { includeNotes: true })).toContain(
      'internal note by Avery Quinn: VIP',
    );
    expect(activityTitle(thread(), undefined)).toBe('SMS conversation with +15550100101');
    expect(fingerprint('a')).not.toBe(fingerprint('b'));
  });
});
