import { effect } from '@preact/signals';
import { describe, expect, it } from 'vitest';
import { createStoreModel } from './store-model';
import { fakeChanges, seedStore } from './ui.test-helpers';
import { at, storedMessage, summary, thread } from '../../test/support/threads';

const many = (n: number) =>
  Array.from({ length: n }, (_, i) =>
    thread(`t${i}`, { guest: `+1650555${String(i).padStart(4, '0')}`, lastModifiedTime: at(i) }),
  );

describe('store model', () => {
  it('paints the newest threads first, then completes with every record', async () => {
    const db = await seedStore({ threads: many(100), summaries: [summary('t99', { preview: 'newest' })] });
    const model = createStoreModel({ openDb: async () => db });
    const seen: number[] = [];
    const stop = effect(() => void (model.loaded.value && seen.push(model.threads.value.length)));
    await model.settled();
    stop();
    expect(seen[0]).toBe(40);
    expect(model.threads.value).toHaveLength(100);
    expect(model.threads.value[0]!.id).toBe('t99');
    expect(model.summaries.value.get('t99')?.preview).toBe('newest');
    expect(model.complete.value).toBe(true);
  });

  it('shows a long thread’s newest entries before reading all of them', async () => {
    const entries = Array.from({ length: 150 }, (_, i) =>
      storedMessage(`e${String(i).padStart(3, '0')}`, 't1', i),
    );
    const db = await seedStore({ threads: many(2), entries });
    const model = createStoreModel({ openDb: async () => db });
    await model.settled();
    const seen: [number, boolean, string | undefined][] = [];
    const stop = effect(() => {
      const e = model.entries.value;
      if (e) seen.push([e.items.length, e.complete, e.items[e.items.length - 1]?.id]);
    });
    await model.viewThread('t1');
    stop();
    expect(seen).toEqual([
      [100, false, 'e149'],
      [150, true, 'e149'],
    ]);
  });

  it('re-reads only the announced threads and the viewed thread’s entries', async () => {
    const db = await seedStore({ threads: many(3), entries: [storedMessage('e1', 't1', 1)] });
    const changes = fakeChanges();
    const model = createStoreModel({ openDb: async () => db, changes });
    await model.settled();
    await model.viewThread('t1');
    expect(model.entries.value?.items.map((e) => e.id)).toEqual(['e1']);

    await db.put('entries', storedMessage('e2', 't1', 2));
    await db.delete('threads', 't0');
    await db.put(
      'threads',
      thread('t2', { guest: '+16505550002', lastModifiedTime: at(50), label: 'moved' }),
    );
    changes.emit({ kind: 'entries', threadIds: ['t1'] });
    changes.emit({ kind: 'threads', threadIds: ['t0', 't2'] });
    await model.settled();
    expect(model.entries.value?.items.map((e) => e.id)).toEqual(['e1', 'e2']);
    expect(model.threads.value.map((t) => t.id)).toEqual(['t2', 't1']);
    expect(model.threadById.value.get('t2')?.label).toBe('moved');

    changes.emit({ kind: 'nonsense' } as never);
    await model.settled();
    expect(model.threads.value).toHaveLength(2);
  });
});
