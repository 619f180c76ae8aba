import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { chipPhone } from '../../components/chip/chip';
import { chipButton, chipKind, chipName } from '../../components/chip/chip.test-helpers';
import type { ChipState } from '../messaging';
import { demo } from './adapters/demo';
import { generic } from './adapters/generic';
import type { StatesTransport } from './chip-states';
import { startCrmDecorator } from './decorator';
import { installI18n } from '../ui/ui.test-helpers';

// Chips speak the browser's language: English from locales/en.yml here.
beforeEach(installI18n);

/** Scans run in later tasks; a loaded CI machine may take a while to get to them. */
const waitFor = (check: () => void) => vi.waitFor(check, { timeout: 5000, interval: 20 });

/** The background's side of the protocol, recorded: the boundary the content script talks through. */
function fakeBackground(states: Record<string, ChipState> = {}) {
  const requests: Array<{ phones: string[]; names: Record<string, string> }> = [];
  const opened: Array<[string, string | undefined]> = [];
  let push: ((states: unknown) => void) | undefined;
  const transport: StatesTransport = {
    async threadStates(phones, names) {
      requests.push({ phones, names });
      return Object.fromEntries(phones.map((p) => [p, states[p] ?? { kind: 'none', unread: false }]));
    },
    async openThread(phone, name) {
      opened.push([phone, name]);
    },
    onChanged(listener) {
      push = listener;
      return () => (push = undefined);
    },
  };
  return { transport, requests, opened, push: (s: unknown) => push?.(s), subscribed: () => !!push };
}

let controller: AbortController;

function start(html: string, background = fakeBackground(), adapter = generic) {
  document.body.innerHTML = html;
  controller = new AbortController();
  const onInvalidated = vi.fn();
  const { chips } = startCrmDecorator({
    doc: document,
    adapter,
    transport: background.transport,
    signal: controller.signal,
    defaultCountry: 'US',
    onInvalidated,
  });
  return { background, chips, onInvalidated };
}

const chipsFor = (e164: string) =>
  Array.from(document.querySelectorAll('threaddesk-chip')).filter((c) => chipPhone(c) === e164);
const allChips = () => Array.from(document.querySelectorAll('threaddesk-chip')).map((c) => chipPhone(c));

afterEach(() => {
  controller.abort();
  document.body.innerHTML = '';
});

describe('CRM decorator', () => {
  it('puts an accessible chip beside each number, after the number, without touching its text', async () => {
    start(
      '<table><tr><td>Ana Ruiz</td><td id="p">(415) 555-2671</td></tr></table><p>Order ORD-4155552671</p>',
    );
    await waitFor(() => expect(chipsFor('+14155552671')).toHaveLength(1));
    const chip = chipsFor('+14155552671')[0]!;
    const cell = document.getElementById('p')!;
    expect(cell.firstChild!.textContent).toBe('(415) 555-2671');
    expect(cell.firstChild!.nextSibling).toBe(chip);
    expect(chipButton(chip)!.tabIndex).toBe(0);
    await waitFor(() => expect(chipName(chip)).toBe('Open SMS thread with +1 415-555-2671 — no thread yet'));
    expect(allChips()).toEqual(['+14155552671']);
  });

  it('asks the background once per slice, with the names read beside the numbers, and caches', async () => {
    const { background } = start(
      '<table><tr><td>Ana Ruiz</td><td>(415) 555-2671</td></tr><tr><td>Bo Chen</td><td>212-555-0198</td></tr>' +
        '<tr><td>Ana again</td><td>415.555.2671</td></tr></table>',
    );
    await waitFor(() => expect(background.requests).toHaveLength(1));
    expect(background.requests[0]).toEqual({
      phones: ['+14155552671', '+12125550198'],
      names: { '+14155552671': 'Ana again', '+12125550198': 'Bo Chen' },
    });
    const row = document.createElement('tr');
    row.innerHTML = '<td>Cy</td><td>415-555-2671</td>';
    document.querySelector('tbody')!.appendChild(row);
    await waitFor(() => expect(chipsFor('+14155552671')).toHaveLength(3));
    expect(background.requests).toHaveLength(1);
  });

  it('shows each thread state and follows pushed changes', async () => {
    const background = fakeBackground({
      '+14155552671': { kind: 'other', unread: true, assigneeName: 'Jo Park' },
      '+12125550198': { kind: 'optedOut', unread: false },
    });
    start('<p>415-555-2671</p><p>212-555-0198</p>', background);
    await waitFor(() =>
      expect(chipName(chipsFor('+14155552671')[0])).toBe(
        'Open SMS thread with +1 415-555-2671 — assigned to Jo Park, unread',
      ),
    );
    expect(chipKind(chipsFor('+12125550198')[0])).toBe('optedOut');
    background.push({ '+14155552671': { kind: 'mine', unread: false }, 'not a phone': { kind: 'mine' } });
    expect(chipName(chipsFor('+14155552671')[0])).toBe(
      'Open SMS thread with +1 415-555-2671 — assigned to you',
    );
  });

  it('keeps clicks from the page and opens nothing on script-made input (real input: e2e/crm.spec.ts)', async () => {
    const { background } = start('<table><tr><td>Ana Ruiz</td><td>(415) 555-2671</td></tr></table>');
    const rowClicks = vi.fn();
    document.querySelector('tr')!.addEventListener('click', rowClicks);
    await waitFor(() => expect(chipsFor('+14155552671')).toHaveLength(1));
    const button = chipButton(chipsFor('+14155552671')[0]!)!;
    button.click();
    button.dispatchEvent(new KeyboardEvent('keydown', { key: 'Enter', bubbles: true, composed: true }));
    expect(background.opened).toEqual([]);
    expect(rowClicks).not.toHaveBeenCalled();
  });

  it('follows a framework that re-renders: changed text, replaced and reordered nodes', async () => {
    start(
      '<ul id="list"><li id="a">Ana: <span>415-555-2671</span></li><li id="b">Bo: 212-555-0198</li></ul>',
    );
    await waitFor(() => expect(allChips().sort()).toEqual(['+12125550198', '+14155552671']));
    const list = document.getElementById('list')!;
    const a = document.getElementById('a')!;
    const b = document.getElementById('b')!;
    // What a virtual-DOM framework does with its own node references: none of these may throw.
    a.querySelector('span')!.firstChild!.textContent = '646-555-0134';
    list.insertBefore(b, a);
    b.removeChild(b.firstChild!);
    b.appendChild(document.createTextNode('Bo: 917-555-0143'));
    await waitFor(() => expect(allChips().sort()).toEqual(['+16465550134', '+19175550143']));
    list.replaceChild(document.createElement('li'), a);
    await waitFor(() => expect(allChips()).toEqual(['+19175550143']));
    list.textContent = '';
    list.innerHTML = '<li>Cy: 415-555-2671</li>';
    await waitFor(() => expect(allChips()).toEqual(['+14155552671']));
  });

  it('decorates content when it is shown, and drops chips of content made editable', async () => {
    start('<div id="tab" hidden><p>415-555-2671</p></div><div id="note"><p>212-555-0198</p></div>');
    await waitFor(() => expect(allChips()).toEqual(['+12125550198']));
    document.getElementById('tab')!.removeAttribute('hidden');
    await waitFor(() => expect(allChips().sort()).toEqual(['+12125550198', '+14155552671']));
    document.getElementById('note')!.setAttribute('contenteditable', 'true');
    await waitFor(() => expect(allChips()).toEqual(['+14155552671']));
  });

  it('watches open shadow roots it has searched', async () => {
    start('<x-card></x-card>');
    const shadow = document.querySelector('x-card')!.attachShadow({ mode: 'open' });
    shadow.innerHTML = '<span>Phone: 415-555-2671</span>';
    document.body.appendChild(document.createElement('p'));
    await waitFor(() => expect(shadow.querySelectorAll('threaddesk-chip')).toHaveLength(1));
    shadow.querySelector('span')!.textContent = 'Phone: 212-555-0198';
    await waitFor(() => expect(chipPhone(shadow.querySelector('threaddesk-chip')!)).toBe('+12125550198'));
  });

  it('accepts fictional demo numbers only with the demo adapter', async () => {
    start('<p>+1 555-010-0101</p>', fakeBackground(), demo);
    await waitFor(() => expect(allChips()).toEqual(['+15550100101']));
    controller.abort();
    start('<p>+1 555-010-0101</p><p>415-555-2671</p>');
    await waitFor(() => expect(allChips()).toEqual(['+14155552671']));
  });

  it('removes every chip and stops watching when aborted', async () => {
    const { background } = start('<p>415-555-2671</p>');
    await waitFor(() => expect(allChips()).toHaveLength(1));
    controller.abort();
    expect(allChips()).toEqual([]);
    expect(background.subscribed()).toBe(false);
    document.body.insertAdjacentHTML('beforeend', '<p>212-555-0198</p>');
    await new Promise((resolve) => setTimeout(resolve, 50));
    expect(allChips()).toEqual([]);
  });

  it('reports an invalidated extension context', async () => {
    const background = fakeBackground();
    background.transport.threadStates = () => Promise.reject(new Error('Extension context invalidated.'));
    const { onInvalidated } = start('<p>415-555-2671</p>', background);
    await waitFor(() => expect(onInvalidated).toHaveBeenCalled());
  });
});
