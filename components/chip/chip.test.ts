import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { chipPhone, createChip, setChipState } from './chip';
import { chipLabel, initials } from './chip-text';
import { installI18n } from '../../lib/ui/ui.test-helpers';

// Chips speak the browser's language: English from locales/en.yml here.
beforeEach(installI18n);

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

/** The chip's closed shadow root, caught as it is attached (the page, and this test, cannot reach it later). */
function createWithRoot(activate = () => {}) {
  const attach = vi.spyOn(Element.prototype, 'attachShadow');
  const chip = createChip(document, '+14155552671', activate);
  const root = attach.mock.results[0]!.value as ShadowRoot;
  attach.mockRestore();
  return { chip, root, button: root.querySelector('[role="button"]') as HTMLElement };
}

describe('chip element', () => {
  it('shows the page a bare host: closed root, no role, label, title or state on it', () => {
    const attach = vi.spyOn(Element.prototype, 'attachShadow');
    const chip = createChip(document, '+14155552671', () => {});
    expect(attach).toHaveBeenCalledWith({ mode: 'closed', delegatesFocus: true });
    attach.mockRestore();
    document.body.appendChild(chip);
    expect(chip.localName).toBe('threaddesk-chip');
    expect(chip.shadowRoot).toBeNull();
    expect(chip.getAttributeNames()).toEqual(['style']);
    expect(chip.getAttribute('style')).toMatch(/display: inline-block !important/);
    setChipState(chip, { kind: 'other', unread: true, assigneeName: 'Jo Park' });
    expect(chip.getAttributeNames()).toEqual(['style']);
    expect(chipPhone(chip)).toBe('+14155552671');
  });

  it('keeps the button, its name and the state inside the root', () => {
    const { chip, root, button } = createWithRoot();
    const adopted = root.adoptedStyleSheets.flatMap((sheet) =>
      Array.from(sheet.cssRules, (rule) => rule.cssText),
    );
    expect([...adopted, root.querySelector('style')?.textContent ?? ''].join('\n')).toContain('.chip');
    expect(button.tabIndex).toBe(0);
    expect(button.getAttribute('aria-label')).toBe('Open SMS thread with +1 415-555-2671 — checking');
    setChipState(chip, { kind: 'other', unread: true, assigneeName: 'Jo Park' });
    expect(button.dataset.kind).toBe('other');
    expect(button.hasAttribute('data-unread')).toBe(true);
    expect(root.querySelector('.initials')!.textContent).toBe('JP');
    expect(button.title).toBe('Open SMS thread with +1 415-555-2671 — assigned to Jo Park, unread');
    setChipState(chip, { kind: 'mine', unread: false, customer: 'Ada Diaz (from Salesforce)' });
    expect(button.getAttribute('aria-label')).toBe(
      'Open SMS thread with Ada Diaz (from Salesforce), +1 415-555-2671 — assigned to you',
    );
    expect(button.hasAttribute('data-unread')).toBe(false);
    expect(root.querySelector('.initials')!.textContent).toBe('');
  });

  it('ignores untrusted clicks and keys, on the host or inside the root', () => {
    const activate = vi.fn();
    const { chip, button } = createWithRoot(activate);
    document.body.appendChild(chip);
    chip.click();
    button.click();
    for (const key of ['Enter', ' ']) {
      chip.dispatchEvent(new KeyboardEvent('keydown', { key, bubbles: true }));
      button.dispatchEvent(new KeyboardEvent('keydown', { key, bubbles: true }));
    }
    // Script-made events are never trusted; real input is checked in Chromium (e2e/crm.spec.ts).
    expect(activate).not.toHaveBeenCalled();
  });
});
