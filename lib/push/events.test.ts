import { describe, expect, it } from 'vitest';
import { degradationOf, isGrantEvent, reconnectDelay, recoverCheckInterval, streamOfEvent } from './events';

describe('push events', () => {
  it('maps expanded event paths to their stream and ignores others', () => {
    expect(streamOfEvent('/restapi/v1.0/account/123/message-threads/sync')).toBe('threads');
    expect(streamOfEvent('/restapi/v1.0/account/123/extension/45/message-threads/entries/sync')).toBe(
      'entries',
    );
    expect(streamOfEvent('/restapi/v1.0/account/~/message-threads/entries/sync?x=1')).toBe('entries');
    expect(streamOfEvent('/restapi/v1.0/account/123/extension/45/message-store')).toBeUndefined();
  });

  it('backs off exponentially, capped, honouring Retry-After', () => {
    expect(reconnectDelay(0, 0, 0)).toBe(5_000);
    expect(reconnectDelay(3, 0, 0)).toBe(40_000);
    expect(reconnectDelay(20, 0, 0)).toBe(300_000);
    expect(reconnectDelay(0, 61_000, 0)).toBe(61_000);
    expect(reconnectDelay(0, 0, 1)).toBe(6_000);
  });

  it('keeps wstoken calls under the Auth limit while recovering', () => {
    const perMinute = (n: number) => 60_000 / recoverCheckInterval(n);
    expect(perMinute(3)).toBeLessThanOrEqual(5);
    expect(recoverCheckInterval(100)).toBe(60_000);
  });
});

describe('push degradation (disabledFilters)', () => {
  it('maps disabled filters to the streams and the grant events that will not come', () => {
    const d = degradationOf([
      { filter: '/restapi/v1.0/account/4001/message-threads/entries/sync', reason: 'AccountLimitation' },
      { filter: '/restapi/v1.0/account/~/extension/~/grant', reason: 'Unknown', message: 'not allowed' },
      { filter: '/restapi/v1.0/account/~/extension/~/message-store', reason: 'AccountLimitation' },
    ]);
    expect(d.streams).toEqual(['entries']);
    expect(d.grant).toBe(true);
    expect(d.filters).toHaveLength(3);
  });

  it('reads a missing or malformed list as nothing disabled', () => {
    expect(degradationOf(undefined)).toEqual({ streams: [], grant: false, filters: [] });
    expect(degradationOf('nonsense')).toEqual({ streams: [], grant: false, filters: [] });
  });

  it('knows the grant event with the ids expanded', () => {
    expect(isGrantEvent('/restapi/v1.0/account/4001/extension/4007/grant')).toBe(true);
    expect(isGrantEvent('/restapi/v1.0/account/4001/presence')).toBe(false);
  });
});
