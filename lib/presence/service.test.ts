import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { MIN_REFRESH_MS, PresenceService } from './service';
import type { PresenceMap } from './status';

function memoryItem() {
  let value: PresenceMap = {};
  return {
    getValue: async () => value,
    setValue: async (next: PresenceMap) => void (value = next),
    get: () => value,
  };
}

beforeEach(() => vi.useFakeTimers());
afterEach(() => vi.useRealTimers());

describe('PresenceService', () => {
  it('reads every page, keeps handlers, and coalesces refreshes within MIN_REFRESH_MS', async () => {
    const item = memoryItem();
    const request = vi.fn(async (_m: string, _p: string, opts?: { query?: { page?: number } }) => {
      const page = opts?.query?.page ?? 1;
      return {
        records: [{ extension: { id: page }, presenceStatus: page === 1 ? 'Busy' : 'Available' }],
        paging: { page, totalPages: 2 },
      };
    });
    const service = new PresenceService({ rc: { request } as never, item, handlers: async () => ['1', '2'] });
    service.refresh();
    await service.settled();
    expect(request).toHaveBeenCalledTimes(2);
    expect(request.mock.calls[0]?.[2]).toMatchObject({ group: 'Heavy', query: { page: 1, perPage: 1000 } });
    expect(Object.fromEntries(Object.entries(item.get()).map(([k, v]) => [k, v.kind]))).toEqual({
      '1': 'busy',
      '2': 'available',
    });

    service.refresh();
    service.refresh();
    await service.settled();
    expect(request).toHaveBeenCalledTimes(2);
    await vi.advanceTimersByTimeAsync(MIN_REFRESH_MS);
    await service.settled();
    expect(request).toHaveBeenCalledTimes(4);
  });

  it('does not hold back the next refresh when there were no handlers to ask about', async () => {
    const item = memoryItem();
    let handlers: string[] = [];
    const request = vi.fn(async () => ({ records: [{ extension: { id: 1 }, presenceStatus: 'Busy' }] }));
    const service = new PresenceService({ rc: { request } as never, item, handlers: async () => handlers });
    service.refresh();
    await service.settled();
    expect(request).not.toHaveBeenCalled();
    handlers = ['1'];
    service.refresh();
    await service.settled();
    expect(request).toHaveBeenCalledTimes(1);
    expect(item.get()['1']?.kind).toBe('busy');
  });

  it('applies events, and a failing snapshot keeps what it had', async () => {
    const item = memoryItem();
    const request = vi.fn().mockRejectedValue(new Error('[CMN-301] Request rate exceeded'));
    const warn = vi.spyOn(console, 'warn').mockImplementation(() => undefined);
    const service = new PresenceService({ rc: { request } as never, item, handlers: async () => ['1'] });
    await service.onEvent({
      extensionId: '1',
      presenceStatus: 'Busy',
      dndStatus: 'DoNotAcceptAnyCalls',
      sequence: 2,
    });
    service.refresh();
    await service.settled();
    expect(item.get()['1']?.kind).toBe('dnd');
    expect(warn).toHaveBeenCalled();
    await service.stop();
    expect(item.get()).toEqual({});
    await service.onEvent({ extensionId: '1', presenceStatus: 'Available', sequence: 3 });
    expect(item.get()).toEqual({});
  });
});
