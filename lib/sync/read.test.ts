import { describe, expect, it } from 'vitest';
import { at, storedMessage, summary, thread } from '../../test/support/threads';
import { seedStore } from '../ui/ui.test-helpers';
import type { OutboxItem } from './db';
import {
  readEntries,
  readNewestEntries,
  readNewestThreads,
  readOutbox,
  readReadMark,
  readSnapshot,
  readSummariesById,
  readThreadRecords,
  readThreadsById,
} from './read';

const threads = Array.from({ length: 30 }, (_, i) => thread(`t${i}`, { lastModifiedTime: at((i * 7) % 30) }));

const reply = (localId: string, owner?: string): OutboxItem => ({
  localId,
  from: '+16505550100',
  to: '+15551000001',
  text: 'hi',
  createdAt: 0,
  state: 'queued',
  attempts: 0,
  owner,
});

describe('store readers', () => {
  it('the newest threads by activity, with only their summaries', async () => {
    const db = await seedStore({ threads, summaries: threads.map((t) => summary(t.id)) });
    const { threads: newest, summaries } = await readNewestThreads(db, 5);
    expect(newest.map((t) => t.lastModifiedTime)).toEqual([29, 28, 27, 26, 25].map(at));
    expect([...summaries.keys()].sort()).toEqual(newest.map((t) => t.id).sort());
    expect((await readSnapshot(db)).threads.map((t) => t.id).slice(0, 5)).toEqual(newest.map((t) => t.id));
  });

  it('a thread’s newest entries in time order, and only that thread’s', async () => {
    const entries = [
      ...Array.from({ length: 12 }, (_, i) => storedMessage(`a${i}`, 't1', 20 - i)),
      storedMessage('b0', 't10', 99),
    ];
    const db = await seedStore({ threads, entries });
    expect((await readNewestEntries(db, 't1', 3)).map((e) => e.id)).toEqual(['a2', 'a1', 'a0']);
    expect((await readEntries(db, 't1')).map((e) => e.time)).toEqual(
      Array.from({ length: 12 }, (_, i) => at(9 + i)),
    );
    expect(await readNewestEntries(db, 'none', 3)).toEqual([]);
  });

  it('records by id leave out what the store does not have', async () => {
    const db = await seedStore({
      threads,
      summaries: [summary('t2', { optedOut: true })],
      reads: { t2: at(5) },
    });
    expect([...(await readThreadsById(db, ['t2', 'gone', 't2'])).keys()]).toEqual(['t2']);
    expect([...(await readSummariesById(db, ['t1', 't2'])).keys()]).toEqual(['t2']);
    expect(await readReadMark(db, 't2')).toBe(at(5));
    const records = await readThreadRecords(db, ['t2', 'gone']);
    expect(records.get('t2')).toEqual({
      thread: threads[2],
      summary: summary('t2', { optedOut: true }),
      read: at(5),
    });
    expect(records.get('gone')).toEqual({ thread: undefined, summary: undefined, read: undefined });
  });

  it('the outbox of one agent only; nobody signed in sees none', async () => {
    const db = await seedStore({ outbox: [reply('1', 'a@s'), reply('2', 'b@s'), reply('3')] });
    expect((await readOutbox(db, 'a@s')).map((o) => o.localId)).toEqual(['1']);
    expect(await readOutbox(db, undefined)).toEqual([]);
  });
});
