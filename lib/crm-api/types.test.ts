import { describe, expect, it } from 'vitest';
import { findInBatches, type CrmRecord } from './types';

const record = (n: string): CrmRecord => ({ crm: 'hubspot', id: n, type: 'Contact', name: n, phones: [n] });

describe('findInBatches', () => {
  it('asks for at most `size` numbers at a time and merges every batch’s matches', async () => {
    const numbers = Array.from({ length: 12 }, (_, i) => `+1555000${String(i).padStart(4, '0')}`);
    const batches: string[][] = [];
    const found = await findInBatches(numbers, 5, async (batch) => {
      batches.push(batch);
      return new Map(batch.filter((_, i) => i % 2 === 0).map((n) => [n, [record(n)]]));
    });
    expect(batches.map((b) => b.length)).toEqual([5, 5, 2]);
    expect(batches.flat()).toEqual(numbers);
    expect([...found.keys()]).toEqual([
      numbers[0],
      numbers[2],
      numbers[4],
      numbers[5],
      numbers[7],
      numbers[9],
      numbers[10],
    ]);
  });

  it('sends nothing for no numbers', async () => {
    let calls = 0;
    expect((await findInBatches([], 5, async () => (calls++, new Map()))).size).toBe(0);
    expect(calls).toBe(0);
  });
});
