import { describe, expect, it } from 'vitest';
import { eventPath, resolveEventFilter } from './event-filters.ts';
import { parseClientFrame } from './frames.ts';
import { SessionRegistry } from './session.ts';
import { isWellFormedWscToken, mintWscToken } from './wsc-token.ts';

const identity = { accountId: '77', extensionId: '78' };

describe('parseClientFrame', () => {
  it('reads ClientRequests and Heartbeats', () => {
    const request = parseClientFrame(
      JSON.stringify([{ type: 'ClientRequest', messageId: 'm', method: 'POST', path: '/p' }, { a: 1 }]),
    );
    expect(request).toEqual({
      kind: 'request',
      meta: { type: 'ClientRequest', messageId: 'm', method: 'POST', path: '/p' },
      body: { a: 1 },
    });
    expect(parseClientFrame('[{"type":"Heartbeat","messageId":"h"}]')).toEqual({
      kind: 'heartbeat',
      messageId: 'h',
    });
  });

  it('classifies broken frames without throwing', () => {
    expect(parseClientFrame('{').kind).toBe('malformed');
    expect(parseClientFrame('{}').kind).toBe('malformed');
    expect(parseClientFrame('[]').kind).toBe('malformed');
    expect(parseClientFrame('[1,2,3]').kind).toBe('malformed');
    expect(parseClientFrame('[null]').kind).toBe('malformed');
    expect(parseClientFrame('[{"type":"ClientRequest","messageId":"m"}]')).toMatchObject({
      kind: 'bad-request',
      messageId: 'm',
    });
    expect(parseClientFrame('[{"type":"ClientRequest"}]').kind).toBe('malformed');
  });
});

describe('resolveEventFilter', () => {
  it('accepts both thread filters with ~ or the own account id and expands them', () => {
    expect(resolveEventFilter('/restapi/v1.0/account/~/message-threads/sync', identity)).toEqual({
      ok: true,
      filter: 'threads',
      expanded: '/restapi/v1.0/account/77/message-threads/sync',
    });
    expect(resolveEventFilter('/restapi/v1.0/account/77/message-threads/entries/sync', identity)).toEqual({
      ok: true,
      filter: 'entries',
      expanded: eventPath('77', 'entries'),
    });
  });

  it('rejects other filters and other accounts', () => {
    expect(resolveEventFilter('/restapi/v1.0/account/~/extension/~/message-store', identity)).toEqual({
      ok: false,
      reason: 'undelivered',
    });
    expect(resolveEventFilter('/restapi/v1.0/account/~/extension/~/nothing', identity)).toEqual({
      ok: false,
      reason: 'invalid',
    });
    expect(resolveEventFilter('/restapi/v1.0/account/~/message-threads/sync?x=1', identity).ok).toBe(false);
    expect(resolveEventFilter('/restapi/v1.0/account/12/message-threads/sync', identity)).toEqual({
      ok: false,
      reason: 'foreign-account',
    });
  });
});

describe('wsc tokens', () => {
  it('are unique and recognisable; anything else is malformed', () => {
    const a = mintWscToken();
    expect(a).not.toBe(mintWscToken());
    expect(isWellFormedWscToken(a)).toBe(true);
    expect(isWellFormedWscToken('RTFhRG5nfExxxxxxxxxxxcHE3bXkyRURQVQ')).toBe(false);
    expect(isWellFormedWscToken(`${a}x`)).toBe(false);
    expect(isWellFormedWscToken('a b')).toBe(false);
  });
});

describe('session buffer', () => {
  it('keeps the newest frames and forgets delivered ones', () => {
    const session = new SessionRegistry(3).create(identity);
    for (let i = 0; i < 5; i += 1) {
      const { sequence } = session.nextWsc();
      session.remember(sequence, `f${sequence}`);
    }
    expect(session.undelivered().map((e) => e.frame)).toEqual(['f3', 'f4', 'f5']);
    session.markDelivered(4);
    expect(session.undelivered().map((e) => e.frame)).toEqual(['f5']);
  });

  it('expires disconnected sessions only after the recovery timeout', () => {
    const registry = new SessionRegistry(10);
    const session = registry.create(identity);
    session.disconnectedAt = 1000;
    registry.expire(1000 + 180_000, 180_000);
    expect(registry.get(session.token)).toBe(session);
    registry.expire(1001 + 180_000, 180_000);
    expect(registry.get(session.token)).toBeUndefined();
  });
});
