import { chipPhone } from '../../components/chip/chip';
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { generic } from './adapters/generic';
import type { CrmAdapter } from './adapters/types';
import type { StatesTransport } from './chip-states';
import { MIN_RESTART_MS, runPageSessions } from './page-session';
import { installI18n } from '../ui/ui.test-helpers';

// Chips speak the browser's language: English from locales/en.yml here.
beforeEach(installI18n);

/** Scans run in later tasks; a loaded CI machine may take a while to get to them. */
const waitFor = (check: () => void) => vi.waitFor(check, { timeout: 5000, interval: 20 });

/** Sessions started: each one subscribes to pushed states once. */
let sessions = 0;
const transport: StatesTransport = {
  threadStates: async (phones) => Object.fromEntries(phones.map((p) => [p, { kind: 'none', unread: false }])),
  openThread: async () => {},
  onChanged: () => {
    sessions++;
    return () => {};
  },
};

let controller: AbortController;

function run(adapter: CrmAdapter = generic) {
  controller = new AbortController();
  let navigate = () => {};
  const stop = vi.fn(() => controller.abort());
  runPageSessions({
    doc: document,
    adapter,
    transport,
    defaultCountry: 'US',
    signal: controller.signal,
    onLocationChange: (listener) => (navigate = listener),
    stop,
  });
  return { navigate: () => navigate(), stop };
}

const chips = () => Array.from(document.querySelectorAll('threaddesk-chip')).map((c) => chipPhone(c));

afterEach(() => {
  controller.abort();
  document.body.innerHTML = '';
});

describe('page sessions', () => {
  it('starts over on a single-page-app navigation: old chips go, the new page is scanned', async () => {
    document.body.innerHTML = '<main><p>415-555-2671</p></main>';
    const { navigate } = run();
    await waitFor(() => expect(chips()).toEqual(['+14155552671']));
    document.querySelector('main')!.innerHTML = '<p>212-555-0198</p>';
    history.pushState(null, '', '/record/2');
    navigate();
    await waitFor(() => expect(chips()).toEqual(['+12125550198']));
  });

  it('ignores location events without a new address, and coalesces a storm of real ones', async () => {
    document.body.innerHTML = '<main><p>415-555-2671</p></main>';
    const { navigate } = run();
    await waitFor(() => expect(chips()).toEqual(['+14155552671']));
    const before = sessions;
    for (let i = 0; i < 200; i++) navigate();
    await new Promise((resolve) => setTimeout(resolve, MIN_RESTART_MS + 50));
    expect(sessions).toBe(before);
    for (let i = 0; i < 200; i++) {
      history.pushState(null, '', `/record/storm-${i}`);
      navigate();
    }
    await new Promise((resolve) => setTimeout(resolve, MIN_RESTART_MS * 2 + 50));
    expect(sessions - before).toBeGreaterThanOrEqual(1);
    expect(sessions - before).toBeLessThanOrEqual(2);
    await waitFor(() => expect(chips()).toEqual(['+14155552671']));
  });

  it('watches a new container when the app replaces the one it watched', async () => {
    const adapter: CrmAdapter = { ...generic, containers: ['#app', 'body'] };
    document.body.innerHTML = '<div id="app"><p>415-555-2671</p></div>';
    run(adapter);
    await waitFor(() => expect(chips()).toEqual(['+14155552671']));
    const fresh = document.createElement('div');
    fresh.id = 'app';
    document.getElementById('app')!.replaceWith(fresh);
    fresh.innerHTML = '<p>212-555-0198</p>';
    await waitFor(() => expect(chips()).toEqual(['+12125550198']));
    fresh.insertAdjacentHTML('beforeend', '<p>646-555-0134</p>');
    await waitFor(() => expect(chips()).toEqual(['+12125550198', '+16465550134']));
  });

  it('removes every chip when the content script stops', async () => {
    document.body.innerHTML = '<p>415-555-2671</p>';
    const { navigate } = run();
    await waitFor(() => expect(chips()).toHaveLength(1));
    controller.abort();
    expect(chips()).toEqual([]);
    navigate();
    await new Promise((resolve) => setTimeout(resolve, 50));
    expect(chips()).toEqual([]);
  });
});
