import { describe, expect, it, vi } from 'vitest';
import { thread } from '../../test/support/threads';
import { ALEX, ME } from '../ui/ui.test-helpers';
import { handoverCheck, runHandover } from './handover';

describe('handoverCheck', () => {
  it('lets through only open threads still held by the handler', () => {
    expect(handoverCheck(thread('1', { assignee: ALEX }), 'alex')).toEqual({ ok: true });
    expect(handoverCheck(thread('1', { assignee: ALEX, status: 'Resolved' }), 'alex')).toEqual({
      ok: false,
      result: { outcome: 'resolved' },
    });
    expect(handoverCheck(thread('1', { assignee: ME }), 'alex')).toEqual({
      ok: false,
      result: { outcome: 'reassigned', detail: 'Dana Agent' },
    });
    expect(handoverCheck(thread('1'), 'alex')).toEqual({ ok: false, result: { outcome: 'reassigned' } });
    expect(handoverCheck(undefined, 'alex')).toEqual({ ok: false, result: { outcome: 'gone' } });
    expect(handoverCheck(thread('1', { assignee: ALEX, availability: 'Deleted' }), 'alex').ok).toBe(false);
  });
});

describe('runHandover', () => {
  it('assigns one by one, checks each right before, reports every thread', async () => {
    const store = new Map([
      ['a', thread('a', { assignee: ALEX })],
      ['b', thread('b', { assignee: ALEX })],
      ['c', thread('c', { assignee: ALEX })],
      ['d', thread('d', { assignee: ALEX })],
    ]);
    const assign = vi.fn(async (id: string, to: string | null) => {
      if (id === 'c') throw new Error('[MSG-428] Thread is not open');
      // Meanwhile somebody resolves b: the check before b sees it.
      if (id === 'a') store.set('b', thread('b', { assignee: ALEX, status: 'Resolved' }));
      store.set(id, thread(id, to ? { assignee: { extensionId: to } } : {}));
    });
    const progress: number[] = [];
    const results = await runHandover(['a', 'b', 'c', 'd', 'zz'], 'alex', 'me', {
      current: (id) => store.get(id),
      assign,
      onResult: (_r, done) => progress.push(done),
    });
    expect(results).toEqual([
      { threadId: 'a', outcome: 'moved' },
      { threadId: 'b', outcome: 'resolved' },
      { threadId: 'c', outcome: 'failed', detail: '[MSG-428] Thread is not open' },
      { threadId: 'd', outcome: 'moved' },
      { threadId: 'zz', outcome: 'gone' },
    ]);
    expect(assign.mock.calls.map((c) => c[0])).toEqual(['a', 'c', 'd']);
    expect(progress).toEqual([1, 2, 3, 4, 5]);
  });

  it('can move threads back to unassigned, and stops when aborted', async () => {
    const assign = vi.fn(async () => undefined);
    const controller = new AbortController();
    const results = await runHandover(['a', 'b'], 'alex', null, {
      current: (id) => thread(id, { assignee: ALEX }),
      assign,
      onResult: () => controller.abort(),
      signal: controller.signal,
    });
    expect(results).toEqual([{ threadId: 'a', outcome: 'moved' }]);
    expect(assign).toHaveBeenCalledWith('a', null);
  });

  it('waits out a rate limit once per thread, checks again, and reports what still fails', async () => {
    const store = new Map([
      ['a', thread('a', { assignee: ALEX })],
      ['b', thread('b', { assignee: ALEX })],
      ['c', thread('c', { assignee: ALEX })],
    ]);
    const limited = Object.assign(new Error('RingCentral is limiting requests.'), { retryAfterMs: 7_000 });
    let refusals = 0;
    const assign = vi.fn(async (id: string, to: string | null) => {
      // a: refused once, then fine; b: taken by someone else during the wait; c: refused twice.
      if (id === 'a' && refusals++ === 0) throw limited;
      if (id === 'b') {
        store.set('b', thread('b', { assignee: ME }));
        throw limited;
      }
      if (id === 'c') throw limited;
      store.set(id, thread(id, to ? { assignee: { extensionId: to } } : {}));
    });
    const waits: number[] = [];
    const slept: number[] = [];
    const results = await runHandover(['a', 'b', 'c'], 'alex', 'me', {
      current: (id) => store.get(id),
      assign,
      rateLimitWait: (e) => (e === limited ? limited.retryAfterMs : undefined),
      onWait: (ms) => waits.push(ms),
      sleep: async (ms) => void slept.push(ms),
    });
    expect(results).toEqual([
      { threadId: 'a', outcome: 'moved' },
      { threadId: 'b', outcome: 'reassigned', detail: 'Dana Agent' },
      { threadId: 'c', outcome: 'failed', detail: 'RingCentral is limiting requests.' },
    ]);
    expect(assign.mock.calls.map((c) => c[0])).toEqual(['a', 'a', 'b', 'c', 'c']);
    expect(slept).toEqual([7_000, 7_000, 7_000]);
    expect(waits).toEqual([7_000, 0, 7_000, 0, 7_000, 0]);
  });

  it('does not retry failures other than the rate limit', async () => {
    const assign = vi.fn(async () => {
      throw new Error('[MSG-428] Thread is not open');
    });
    const sleep = vi.fn(async () => undefined);
    const results = await runHandover(['a'], 'alex', 'me', {
      current: (id) => thread(id, { assignee: ALEX }),
      assign,
      rateLimitWait: () => undefined,
      sleep,
    });
    expect(results[0]?.outcome).toBe('failed');
    expect(assign).toHaveBeenCalledTimes(1);
    expect(sleep).not.toHaveBeenCalled();
  });
});
