import { describe, expect, it } from 'vitest';
import type { EntrySyncItem } from '../rc/schemas';
import { applyToSlice, slice } from './fixtures.test-helpers';
import { at, message, stored, thread } from '../../test/support/threads';
import { hasWrites, reduceEntries, reduceThreads } from './reducer';

describe('reduceThreads', () => {
  it('upserts new threads and is idempotent', () => {
    const page = [thread('1'), thread('2', { assignee: { extensionId: 'me' } })];
    const first = reduceThreads(slice(), page, 'ISync');
    expect(first.putThreads.map((t) => t.id)).toEqual(['1', '2']);
    const again = reduceThreads(applyToSlice(slice(), first), page, 'ISync');
    expect(hasWrites(again)).toBe(false);
  });

  it('keeps the newer lastModifiedTime when updates arrive out of order', () => {
    const newer = thread('1', { lastModifiedTime: at(5), assignee: { extensionId: 'a' } });
    const older = thread('1', { lastModifiedTime: at(1), assignee: { extensionId: 'b' } });
    const s = applyToSlice(slice(), reduceThreads(slice(), [newer], 'ISync'));
    const w = reduceThreads(s, [older], 'ISync');
    expect(w.putThreads).toEqual([]);
    const replaced = reduceThreads(s, [{ ...newer, lastModifiedTime: at(6), assignee: null }], 'ISync');
    expect(replaced.putThreads[0]?.assignee).toBeNull();
  });

  it('drops Deleted threads (with their entries) and ignores unknown deleted ones', () => {
    const s = slice({ threads: [thread('1')], entries: [stored(message('m1', '1', 1))] });
    const w = reduceThreads(s, [thread('1', { availability: 'Deleted', lastModifiedTime: at(2) })], 'ISync');
    expect(w.dropThreads).toEqual(['1']);
    expect(w.putThreads).toEqual([]);
    const unknown = reduceThreads(s, [thread('9', { availability: 'Deleted' })], 'ISync');
    expect(hasWrites(unknown)).toBe(false);
  });

  it('keeps Resolved threads from ISync, marked Resolved', () => {
    const s = slice({ threads: [thread('1')] });
    const w = reduceThreads(s, [thread('1', { status: 'Resolved', lastModifiedTime: at(3) })], 'ISync');
    expect(w.putThreads[0]?.status).toBe('Resolved');
    expect(w.dropThreads).toEqual([]);
  });

  it('FSync replaces the Open set: local Open threads missing from it go; Resolved history stays', () => {
    const s = slice({
      threads: [thread('1'), thread('2'), thread('3', { status: 'Resolved' })],
    });
    const w = reduceThreads(s, [thread('2'), thread('4')], 'FSync');
    expect(w.dropThreads).toEqual(['1']);
    expect(w.putThreads.map((t) => t.id)).toEqual(['4']);
  });

  it('FSync keeps a local thread changed after its snapshot (created by our own send meanwhile)', () => {
    const s = slice({ threads: [thread('5', { creationTime: at(9), lastModifiedTime: at(9) })] });
    expect(reduceThreads(s, [], 'FSync', at(8)).dropThreads).toEqual([]);
    expect(reduceThreads(s, [], 'FSync', at(10)).dropThreads).toEqual(['5']);
  });

  it('gives a new thread of an opted-out pair the pair opt-out', () => {
    const s = slice({
      entries: [stored(message('m1', '7', 1))],
      optOuts: { '+16505550100>+15551000007': { out: true, at: at(0) } },
    });
    const w = reduceThreads(s, [thread('7')], 'ISync');
    expect(w.putSummaries[0]).toMatchObject({ threadId: '7', optedOut: true });
  });
});

describe('reduceEntries', () => {
  const base = () => slice({ threads: [thread('1')] });

  it('upserts messages and computes the summary', () => {
    const w = reduceEntries(base(), [
      message('m2', '1', 2, { direction: 'Outbound', text: 'reply', messageStatus: 'Sent' }),
      message('m1', '1', 1, { text: 'hi' }),
      message('m3', '1', 3, { text: 'thanks' }),
    ]);
    expect(w.putEntries).toHaveLength(3);
    expect(w.newMessages.map((m) => m.id).sort()).toEqual(['m1', 'm2', 'm3']);
    expect(w.putSummaries).toEqual([
      {
        threadId: '1',
        preview: 'thanks',
        previewDirection: 'Inbound',
        lastEntryAt: at(3),
        lastInboundAt: at(3),
        waitingSince: at(3),
        optedOut: false,
      },
    ]);
  });

  it('is idempotent: the same page twice writes nothing the second time', () => {
    const page: EntrySyncItem[] = [message('m1', '1', 1), message('m2', '1', 2)];
    const s = applyToSlice(base(), reduceEntries(base(), page));
    const again = reduceEntries(s, page);
    expect(hasWrites(again)).toBe(false);
    expect(again.newMessages).toEqual([]);
  });

  it('removes deleted messages and notes, unless the local copy is newer', () => {
    const note: EntrySyncItem = {
      recordType: 'AliveNote',
      id: 'n1',
      threadId: '1',
      availability: 'Alive',
      creationTime: at(1),
      lastModifiedTime: at(1),
      text: 'internal',
    };
    const s = applyToSlice(base(), reduceEntries(base(), [message('m1', '1', 1), note]));
    const w = reduceEntries(s, [
      {
        recordType: 'DeletedMessage',
        id: 'm1',
        threadId: '1',
        availability: 'Deleted',
        lastModifiedTime: at(2),
      },
      {
        recordType: 'DeletedNote',
        id: 'n1',
        threadId: '1',
        availability: 'Deleted',
        lastModifiedTime: at(0),
      },
    ]);
    expect(w.deleteEntries).toEqual(['m1']);
    expect(w.putSummaries[0]?.preview).toBeUndefined();
  });

  it('keeps the newest version of an edited note regardless of arrival order', () => {
    const v1 = { ...note('n1', 1), text: 'first' };
    const v2 = { ...note('n1', 1), text: 'edited', lastModifiedTime: at(4) };
    const s = applyToSlice(base(), reduceEntries(base(), [v2]));
    expect(reduceEntries(s, [v1]).putEntries).toEqual([]);
    expect(reduceEntries(base(), [v2, v1]).putEntries).toMatchObject([{ text: 'edited' }]);
  });

  it('stores hints as timeline entries at lastModifiedTime without changing the thread', () => {
    const w = reduceEntries(base(), [
      {
        recordType: 'ThreadAssignedHint',
        id: 'h1',
        threadId: '1',
        lastModifiedTime: at(5),
        assignee: { extensionId: 'a' },
      },
      { recordType: 'ThreadResolvedHint', id: 'h2', threadId: '1', lastModifiedTime: at(6) },
    ]);
    expect(w.putEntries.map((e) => [e.id, e.time])).toEqual([
      ['h1', at(5)],
      ['h2', at(6)],
    ]);
    expect(w.putThreads).toEqual([]);
    expect(w.newMessages).toEqual([]);
  });

  it('ThreadDeletedHint drops the thread and ignores its other entries in the page', () => {
    const w = reduceEntries(base(), [
      { recordType: 'ThreadDeletedHint', id: 'h', threadId: '1', lastModifiedTime: at(9) },
      message('m1', '1', 1),
    ]);
    expect(w.dropThreads).toEqual(['1']);
    expect(w.putEntries).toEqual([]);
    expect(w.newMessages).toEqual([]);
  });

  it('waitingSince is the oldest unanswered inbound; an outbound reply clears it', () => {
    const w = reduceEntries(base(), [
      message('a', '1', 1),
      message('b', '1', 2, { direction: 'Outbound' }),
      message('c', '1', 3),
      message('d', '1', 4),
    ]);
    expect(w.putSummaries[0]).toMatchObject({ waitingSince: at(3), lastInboundAt: at(4) });
    const answered = reduceEntries(base(), [
      message('a', '1', 1),
      message('b', '1', 2, { direction: 'Outbound' }),
    ]);
    expect(answered.putSummaries[0]?.waitingSince).toBeUndefined();
  });

  it('opt-out: STOP then START is in; STOP carries to a later thread of the same pair', () => {
    const stop = reduceEntries(base(), [message('a', '1', 1, { text: 'stop ' })]);
    expect(stop.putSummaries[0]?.optedOut).toBe(true);
    expect(stop.putOptOuts).toEqual([['+16505550100>+15551000001', { out: true, at: at(1) }]]);
    const back = reduceEntries(base(), [
      message('a', '1', 1, { text: 'STOP' }),
      message('b', '1', 2, { text: 'Start' }),
    ]);
    expect(back.putSummaries[0]?.optedOut).toBe(false);

    const later = slice({ threads: [thread('2', { guestParty: { phoneNumber: '+15551000001' } })] });
    const carried = reduceEntries(applyToSlice(later, stop), [message('x', '2', 5, { text: 'why?' })]);
    expect(carried.putSummaries[0]).toMatchObject({ threadId: '2', optedOut: true });
  });

  it('an MMS without text previews its file name', () => {
    const w = reduceEntries(base(), [
      message('a', '1', 1, {
        text: undefined,
        attachments: [
          { id: 'f', contentType: 'image/png', filename: 'cat.png', contentUri: 'http://x/f', size: 3 },
        ],
      }),
    ]);
    expect(w.putSummaries[0]?.preview).toBe('📎 cat.png');
  });
});

function note(id: string, minute: number): Extract<EntrySyncItem, { recordType: 'AliveNote' }> {
  return {
    recordType: 'AliveNote',
    id,
    threadId: '1',
    availability: 'Alive',
    creationTime: at(minute),
    lastModifiedTime: at(minute),
  };
}
