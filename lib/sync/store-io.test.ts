import { describe, expect, it } from 'vitest';
import { openStore } from './db';
import { readEntries, readThreads } from './read';
import { message, stored, thread } from '../../test/support/threads';
import { emptyWrites, reduceEntries, reduceThreads } from './reducer';
import { applyWrites, loadSlice, OPT_OUTS_KEY, readMeta } from './store-io';

const fresh = () => openStore(`store-io-${crypto.randomUUID()}`);

describe('store I/O', () => {
  it('writes a page and its token in one go, and reads back the slice the reducer needs', async () => {
    const db = await fresh();
    const threads = reduceThreads(
      await loadSlice(db, new Set(['1', '2'])),
      [thread('1'), thread('2')],
      'FSync',
    );
    await applyWrites(db, threads, [['sync:threads:token', 'tok-1']]);
    const entries = reduceEntries(await loadSlice(db, new Set(['1'])), [
      message('a', '1', 1, { text: 'STOP' }),
      message('b', '1', 2, { direction: 'Outbound' }),
    ]);
    await applyWrites(db, entries);

    expect((await readThreads(db)).map((t) => t.id).sort()).toEqual(['1', '2']);
    expect(await readMeta(db, 'sync:threads:token')).toBe('tok-1');
    expect(await readMeta(db, OPT_OUTS_KEY)).toEqual({ '+16505550100>+15551000001': expect.any(Object) });
    const slice = await loadSlice(db, new Set(['1']));
    expect(slice.entries.get('1')?.map((e) => e.id)).toEqual(['a', 'b']);
    expect(slice.summaries.get('1')?.optedOut).toBe(true);
    expect(slice.optOuts.get('+16505550100>+15551000001')?.out).toBe(true);
    db.close();
  });

  it('dropping a thread removes its entries, summary and read mark but nothing else', async () => {
    const db = await fresh();
    await applyWrites(db, { ...emptyWrites(), putThreads: [thread('1'), thread('2')] });
    await applyWrites(db, {
      ...emptyWrites(),
      putEntries: [stored(message('a', '1', 1)), stored(message('b', '2', 1))],
      putSummaries: [{ threadId: '1', optedOut: false }],
    });
    await db.put('reads', '2026-01-01T00:00:00.000Z', '1');
    await applyWrites(db, { ...emptyWrites(), dropThreads: ['1'], changedThreadIds: ['1'] });
    expect((await readThreads(db)).map((t) => t.id)).toEqual(['2']);
    expect(await readEntries(db, '1')).toEqual([]);
    expect((await readEntries(db, '2')).map((e) => e.id)).toEqual(['b']);
    expect(await db.get('summaries', '1')).toBeUndefined();
    expect(await db.get('reads', '1')).toBeUndefined();
    db.close();
  });

  it('reads many threads in bulk with the same result', async () => {
    const db = await fresh();
    const ids = Array.from({ length: 60 }, (_, i) => String(i));
    await applyWrites(db, {
      ...emptyWrites(),
      putThreads: ids.map((id) => thread(id)),
      putEntries: ids.map((id) => stored(message(`m${id}`, id, 1))),
    });
    const slice = await loadSlice(db, new Set(ids.slice(0, 50)));
    expect(slice.entries.size).toBe(50);
    expect(slice.threads.get('7')?.id).toBe('7');
    db.close();
  });
});
