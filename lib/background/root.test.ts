// The composition root's promise (docs/architecture.md): every browser listener is added in the worker's first
// turn. Chrome dispatches the event that woke a stopped worker right after the script's top level ran, so a
// listener added after an await misses it (the e2e in e2e/wake.spec.ts stops a real worker; a notification
// click cannot be synthesised there, so this is where the click's first-turn handling is checked).
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { fakeBrowser } from 'wxt/testing';
import { panelFocus } from '../storage';
import { startBackground } from './root';

interface Added {
  event: string;
  firstTurn: boolean;
}

/** Wraps addListener of every event of the fake browser to record when it was called. */
function recordListeners(isFirstTurn: () => boolean): { added: Added[]; restore(): void } {
  const added: Added[] = [];
  const restores: Array<() => void> = [];
  for (const [ns, api] of Object.entries(fakeBrowser as unknown as Record<string, unknown>)) {
    if (!api || typeof api !== 'object') continue;
    for (const [name, event] of Object.entries(api as Record<string, unknown>)) {
      const e = event as { addListener?: (...args: unknown[]) => unknown } | null;
      if (!e || typeof e !== 'object' || typeof e.addListener !== 'function') continue;
      const original = e.addListener;
      e.addListener = (...args: unknown[]) => {
        added.push({ event: `${ns}.${name}`, firstTurn: isFirstTurn() });
        return original.apply(e, args);
      };
      restores.push(() => (e.addListener = original));
    }
  }
  return { added, restore: () => restores.forEach((r) => r()) };
}

describe('startBackground', () => {
  let firstTurn = false;
  let recorded: ReturnType<typeof recordListeners>;

  beforeEach(() => {
    fakeBrowser.reset();
    recorded = recordListeners(() => firstTurn);
    vi.spyOn(console, 'warn').mockImplementation(() => undefined);
    vi.spyOn(console, 'error').mockImplementation(() => undefined);
  });
  afterEach(() => {
    delete (globalThis as { chrome?: unknown }).chrome;
    recorded.restore();
    vi.restoreAllMocks();
  });

  it('adds every browser listener in the first turn, none later, and handles the click that woke it', async () => {
    const opened = vi.fn(async () => undefined);
    (globalThis as { chrome?: unknown }).chrome = { sidePanel: { open: opened } };
    firstTurn = true;
    startBackground();
    firstTurn = false;
    const events = new Set(recorded.added.map((a) => a.event));
    // The events that can wake a stopped worker, and the ones its parts keep in step with.
    for (const event of [
      'alarms.onAlarm',
      'notifications.onClicked',
      'runtime.onMessage',
      'tabs.onRemoved',
      'permissions.onAdded',
    ])
      expect(events, event).toContain(event);

    // The click Chrome dispatches right after the top level ran, before any of the start's awaits.
    void fakeBrowser.notifications.onClicked.trigger('thread-7');
    // Inside the click's user gesture: the panel is asked to open before anything is awaited.
    expect(opened).toHaveBeenCalledTimes(1);
    await vi.waitFor(async () => expect((await panelFocus.getValue())?.threadId).toBe('thread-7'));

    // Let the session restore, the first store reads and every other await of the start run out.
    await new Promise((r) => setTimeout(r, 300));
    expect(recorded.added.filter((a) => !a.firstTurn)).toEqual([]);
  });
});
