import { describe, expect, it } from 'vitest';
import {
  applyPresenceEvent,
  applyPresenceSnapshot,
  presenceKind,
  presenceOf,
  type PresenceMap,
} from './status';

describe('presenceKind', () => {
  it('maps RingCentral presence to the four words, unknown values to unknown', () => {
    expect(presenceKind({ presenceStatus: 'Available', dndStatus: 'TakeAllCalls' })).toBe('available');
    expect(presenceKind({ presenceStatus: 'Busy', dndStatus: 'TakeAllCalls' })).toBe('busy');
    expect(presenceKind({ presenceStatus: 'Busy', dndStatus: 'DoNotAcceptAnyCalls' })).toBe('dnd');
    expect(presenceKind({ presenceStatus: 'Available', dndStatus: 'DoNotAcceptDepartmentCalls' })).toBe(
      'dnd',
    );
    expect(presenceKind({ presenceStatus: 'Available', dndStatus: 'TakeDepartmentCallsOnly' })).toBe(
      'available',
    );
    expect(presenceKind({ presenceStatus: 'Offline', dndStatus: 'DoNotAcceptAnyCalls' })).toBe('offline');
    expect(presenceKind({ presenceStatus: 'Busy', userStatus: 'Offline' })).toBe('offline');
    expect(presenceKind({ presenceStatus: 'Away' })).toBe('unknown');
    expect(presenceKind({ presenceStatus: 'Available', dndStatus: 'SomethingNew' })).toBe('available');
    expect(presenceKind({})).toBe('unknown');
  });
});

describe('applyPresenceEvent', () => {
  const handlers = new Set(['1', '2']);
  it('keeps handlers only, reads string or number ids, ignores older sequences and junk', () => {
    const a = applyPresenceEvent({}, { extensionId: '1', presenceStatus: 'Busy', sequence: 5 }, handlers, 10);
    expect(a).toEqual({ '1': { kind: 'busy', sequence: 5, at: 10 } });
    expect(
      applyPresenceEvent(a!, { extensionId: 1, presenceStatus: 'Available', sequence: 4 }, handlers, 11),
    ).toBeUndefined();
    expect(
      applyPresenceEvent(a!, { extensionId: 1, presenceStatus: 'Available', sequence: 6 }, handlers, 12),
    ).toEqual({
      '1': { kind: 'available', sequence: 6, at: 12 },
    });
    expect(
      applyPresenceEvent(a!, { extensionId: '3', presenceStatus: 'Busy' }, handlers, 12),
    ).toBeUndefined();
    expect(applyPresenceEvent(a!, 'nonsense', handlers, 12)).toBeUndefined();
    expect(applyPresenceEvent(a!, { presenceStatus: 'Busy' }, handlers, 12)).toBeUndefined();
    expect(applyPresenceEvent(a!, { extensionId: '2', sequence: 'x' }, handlers, 12)).toBeUndefined();
  });
});

describe('applyPresenceSnapshot', () => {
  it('replaces older entries, keeps ones pushed after the request left, drops non-handlers', () => {
    const held: PresenceMap = {
      '1': { kind: 'busy', at: 5 },
      '2': { kind: 'dnd', sequence: 9, at: 20 },
      '9': { kind: 'available', at: 1 },
    };
    const records = [
      { extension: { id: 1 }, presenceStatus: 'Available' },
      { extension: { id: 2 }, presenceStatus: 'Available' },
      { extension: { id: 7 }, presenceStatus: 'Available' },
      { nothing: true },
      42,
    ];
    expect(applyPresenceSnapshot(held, records, new Set(['1', '2']), 10, 30)).toEqual({
      '1': { kind: 'available', at: 30 },
      '2': { kind: 'dnd', sequence: 9, at: 20 },
    });
  });

  it('has nothing to say about an extension it holds nothing for', () => {
    expect(presenceOf({}, 'x')).toBeUndefined();
    expect(presenceOf({ x: { kind: 'busy', at: 1 } }, undefined)).toBeUndefined();
    expect(presenceOf({ x: { kind: 'unknown', at: 1 } }, 'x')).toBe('unknown');
  });
});
