import { afterEach, describe, expect, it, vi } from 'vitest';
import { createChip, setChipState } from './chip';
import { chipLabel, initials } from './chip-text';

afterEach(() => {
  document.body.innerHTML = '';
});

describe('chip text', () => {
  it.each([
    [undefined, 'checking'],
    [{ kind: 'none', unread: false }, 'no thread yet'],
    [{ kind: 'unassigned', unread: false }, 'unassigned'],
    [{ kind: 'unassigned', unread: true }, 'unassigned, unread'],
    [{ kind: 'mine', unread: false }, 'assigned to you'],
    [{ kind: 'other', unread: false, assigneeName: 'Jo Park' }, 'assigned to Jo Park'],
    [{ kind: 'other', unread: false }, 'assigned to someone else'],
    [{ kind: 'optedOut', unread: false }, 'opted out'],
  ] as const)('names state %j', (state, text) => {
    expect(chipLabel('+15559870101', state)).toBe(`Open SMS thread with +1 555-987-0101 — ${text}`);
  });

  it('writes non-North-American numbers in E.164 and shortens names to initials', () => {
    expect(chipLabel('+442079460958', undefined)).toBe('Open SMS thread with +442079460958 — checking');
    expect(initials('Jo Ann Park')).toBe('JP');
    expect(initials('émile')).toBe('É');
    expect(initials(undefined)).toBe('');
  });
});

describe('chip element', () => {
  it('is a focusable button host carrying the number, styled inside its own shadow root', () => {
    const chip = createChip(document, '+14155552671', () => {});
    document.body.appendChild(chip);
    expect(chip.localName).toBe('threaddesk-chip');
    expect(chip.getAttribute('data-td-phone')).toBe('+14155552671');
    expect(chip.getAttribute('role')).toBe('button');
    expect(chip.tabIndex).toBe(0);
    expect(chip.getAttribute('style')).toMatch(/display: inline-block !important/);
    const root = chip.shadowRoot!;
    const adopted = root.adoptedStyleSheets.flatMap((sheet) =>
      Array.from(sheet.cssRules, (rule) => rule.cssText),
    );
    expect([...adopted, root.querySelector('style')?.textContent ?? ''].join('\n')).toContain('.chip');
    expect(chip.getAttribute('data-td-state')).toBe('loading');
  });

  it('shows states: kind, unread dot, initials of the assignee', () => {
    const chip = createChip(document, '+14155552671', () => {});
    const inner = () => chip.shadowRoot!.querySelector('.chip') as HTMLElement;
    setChipState(chip, { kind: 'other', unread: true, assigneeName: 'Jo Park' });
    expect(inner().dataset.kind).toBe('other');
    expect(inner().hasAttribute('data-unread')).toBe(true);
    expect(chip.shadowRoot!.querySelector('.initials')!.textContent).toBe('JP');
    expect(chip.title).toBe('Open SMS thread with +1 415-555-2671 — assigned to Jo Park, unread');
    setChipState(chip, { kind: 'mine', unread: false });
    expect(inner().hasAttribute('data-unread')).toBe(false);
    expect(chip.shadowRoot!.querySelector('.initials')!.textContent).toBe('');
    expect(chip.getAttribute('data-td-state')).toBe('mine');
  });

  it('activates on click, Enter and Space only', () => {
    const activate = vi.fn();
    const chip = createChip(document, '+14155552671', activate);
    document.body.appendChild(chip);
    chip.click();
    for (const key of ['Enter', ' ', 'Tab', 'x'])
      chip.dispatchEvent(new KeyboardEvent('keydown', { key, bubbles: true }));
    expect(activate).toHaveBeenCalledTimes(3);
  });
});
