// Presence wherever an agent is named: rows, the thread header and the assignee picker, live from storage.
import { cleanup, fireEvent, screen, waitFor, within } from '@testing-library/preact';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { fakeBrowser } from 'wxt/testing';
import * as items from '@/lib/storage';
import type { StoredEntry } from '@/lib/sync/db';
import { ALEX, installI18n } from '@/lib/ui/ui.test-helpers';
import { at, storedMessage, summary, thread } from '../../test/support/threads';
import { renderPanel } from './panel.test-helpers';

beforeEach(() => {
  fakeBrowser.reset();
  installI18n();
});
afterEach(cleanup);

const seed = {
  threads: [thread('t1', { guest: '+16505551001', assignee: ALEX })],
  entries: [storedMessage('e1', 't1', 1, { text: 'Hello' })] as StoredEntry[],
  summaries: [summary('t1', { lastInboundAt: at(1), lastEntryAt: at(1) })],
};

describe('presence in the panel', () => {
  it('shows the assignee presence in the row, the header and the picker, and follows changes', async () => {
    await items.presence.setValue({ alex: { kind: 'dnd', at: 1 } });
    await renderPanel({ seed });
    fireEvent.click(await screen.findByRole('tab', { name: /^All open/ }));
    const row = await screen.findByRole('option', { name: /^\(650\) 555-1001/ });
    await waitFor(() => expect(within(row).getByTestId('presence').dataset.presence).toBe('dnd'));
    expect(within(row).getByText('Do not disturb')).toBeTruthy();

    fireEvent.click(row);
    const header = await screen.findByTestId('thread-view');
    await waitFor(() =>
      expect(
        within(header)
          .getAllByTestId('presence')
          .map((p) => p.textContent),
      ).toContain('Do not disturb'),
    );
    const picker = screen.getByTestId('assignee-select');
    const options = within(picker)
      .getAllByRole('option')
      .map((o) => o.textContent);
    expect(options).toContain('Alex Rivera (Do not disturb)');
    expect(options).toContain('Dana Agent');

    await items.presence.setValue({
      alex: { kind: 'available', sequence: 3, at: 2 },
      me: { kind: 'unknown', at: 2 },
    });
    await waitFor(() =>
      expect(
        within(picker)
          .getAllByRole('option')
          .map((o) => o.textContent),
      ).toContain('Alex Rivera (Available)'),
    );
    expect(within(header).getAllByTestId('presence')[0]?.dataset.presence).toBe('available');
    expect(
      within(picker)
        .getAllByRole('option')
        .map((o) => o.textContent),
    ).toContain('Dana Agent (Presence unknown)');
  });
});
