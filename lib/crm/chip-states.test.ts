import { describe, expect, it, vi } from 'vitest';
import { ChipStates, MAX_PER_REQUEST, parseChipStates, type StatesTransport } from './chip-states';
import { regionFromLanguages } from './region';

/** Scans run in later tasks; a loaded CI machine may take a while to get to them. */
const waitFor = (check: () => void) => vi.waitFor(check, { timeout: 5000, interval: 20 });

describe('parseChipStates', () => {
  it('keeps valid entries and drops the rest', () => {
    expect(
      parseChipStates({
        '+14155552671': { kind: 'other', unread: true, assigneeName: 'Jo', threadId: 't1', extra: 1 },
        '+12125550198': { kind: 'mine', unread: false, customer: 'Ada (from HubSpot)' },
        '+12125550199': { kind: 'mine', unread: false, customer: { name: 'Ada' } },
        '4155552671': { kind: 'mine', unread: false },
        '+13125550100': { kind: 'closed', unread: false },
        '+16465550134': { kind: 'none' },
        '+19175550143': { kind: 'none', unread: false, assigneeName: 7 },
      }),
    ).toEqual({
      '+14155552671': { kind: 'other', unread: true, assigneeName: 'Jo' },
      '+12125550198': { kind: 'mine', unread: false, customer: 'Ada (from HubSpot)' },
    });
    expect(parseChipStates(null)).toEqual({});
    expect(parseChipStates('x')).toEqual({});
  });
});

describe('ChipStates', () => {
  function transport(reply: (phones: string[]) => unknown = () => ({})) {
    const calls: string[][] = [];
    const t: StatesTransport = {
      threadStates: async (phones) => {
        calls.push(phones);
        return reply(phones);
      },
      openThread: async () => {},
      onChanged: () => () => {},
    };
    return { t, calls };
  }

  it('asks only for numbers neither known nor asked, at most 500 per message', async () => {
    const { t, calls } = transport((phones) =>
      Object.fromEntries(phones.map((p) => [p, { kind: 'none', unread: false }])),
    );
    const shown = vi.fn();
    const states = new ChipStates(t, shown, () => {});
    const many = Array.from({ length: 700 }, (_, i) => `+1415555${String(i).padStart(4, '0')}`);
    states.request(many, new Map());
    states.request(many.slice(0, 10), new Map());
    expect(calls.map((c) => c.length)).toEqual([MAX_PER_REQUEST, 200]);
    await waitFor(() => expect(shown).toHaveBeenCalledTimes(2));
    expect(states.get(many[0]!)).toEqual({ kind: 'none', unread: false });
    states.request(many, new Map());
    expect(calls).toHaveLength(2);
  });

  it('asks again after a failed request, and reports the failure', async () => {
    const { t, calls } = transport();
    const fail = vi.fn();
    t.threadStates = async (phones) => {
      calls.push(phones);
      throw new Error('offline');
    };
    const states = new ChipStates(t, () => {}, fail);
    states.request(['+14155552671'], new Map());
    await waitFor(() => expect(fail).toHaveBeenCalled());
    states.request(['+14155552671'], new Map());
    expect(calls).toHaveLength(2);
  });
});

describe('regionFromLanguages', () => {
  it('takes the first language with a known region, else the US', () => {
    expect(regionFromLanguages(['en-GB', 'en'])).toBe('GB');
    expect(regionFromLanguages(['de', 'fr-CA'])).toBe('CA');
    expect(regionFromLanguages(['zh-Hant-TW'])).toBe('TW');
    expect(regionFromLanguages(['en', 'es-419'])).toBe('US');
    expect(regionFromLanguages([])).toBe('US');
  });
});
