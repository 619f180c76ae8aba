// Values RingCentral may add that this version doesn't know are shown as unknown, never guessed; an Open
// thread with statusReason ThreadExpired stays Open.
import { cleanup, fireEvent, screen } from '@testing-library/preact';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { fakeBrowser } from 'wxt/testing';
import { UNKNOWN } from '@/lib/rc/schemas';
import type { StoredEntry } from '@/lib/sync/db';
import { installI18n, ME } from '@/lib/ui/ui.test-helpers';
import { at, storedMessage, summary, thread } from '../../test/support/threads';
import { renderPanel } from './panel.test-helpers';

beforeEach(() => {
  fakeBrowser.reset();
  installI18n();
});
afterEach(cleanup);

const JANE = '+16505551001';

describe('unknown values in the panel', () => {
  it('keeps an Open thread with statusReason ThreadExpired in the Open views, with a composer', async () => {
    await renderPanel({
      seed: {
        threads: [thread('t1', { guest: JANE, assignee: ME, statusReason: 'ThreadExpired' })],
        summaries: [summary('t1')],
      },
    });
    fireEvent.click(await screen.findByRole('tab', { name: /^Mine/ }));
    fireEvent.click(await screen.findByRole('option', { name: /^\(650\) 555-1001/ }));
    const view = await screen.findByTestId('thread-view');
    expect(view.textContent).toContain('Open');
    expect(view.textContent).not.toContain('expired');
    expect((screen.getByRole('textbox', { name: 'Message' }) as HTMLTextAreaElement).disabled).toBe(false);
  });

  it('lists a thread of unknown status with the Resolved ones, says so, and does not let the agent reply', async () => {
    await renderPanel({
      seed: { threads: [thread('t1', { guest: JANE, status: UNKNOWN })], summaries: [summary('t1')] },
    });
    expect(await screen.findByRole('tab', { name: /^All open/ })).toBeTruthy();
    fireEvent.click(screen.getByRole('tab', { name: /^Resolved/ }));
    fireEvent.click(await screen.findByRole('option', { name: /^\(650\) 555-1001/ }));
    const view = await screen.findByTestId('thread-view');
    expect(view.textContent).toContain('Status not known to this version');
    expect((screen.getByRole('textbox', { name: 'Message' }) as HTMLTextAreaElement).disabled).toBe(true);
  });

  it('shows an unknown delivery state as unknown, and an unknown direction without one', async () => {
    const entries = [
      storedMessage('e1', 't1', 1, {
        direction: 'Outbound',
        messageStatus: UNKNOWN,
        author: ME,
        text: 'on my way',
      }),
      storedMessage('e2', 't1', 2, { direction: UNKNOWN, messageStatus: 'Received', text: 'relayed' }),
    ] as StoredEntry[];
    await renderPanel({
      seed: {
        threads: [thread('t1', { guest: JANE, assignee: ME })],
        entries,
        summaries: [summary('t1', { lastEntryAt: at(2) })],
      },
    });
    fireEvent.click(await screen.findByRole('tab', { name: /^Mine/ }));
    fireEvent.click(await screen.findByRole('option', { name: /^\(650\) 555-1001/ }));
    await screen.findByTestId('thread-view');
    await screen.findByText('relayed');
    const states = screen.getAllByTestId('delivery-status').map((s) => s.textContent);
    expect(states).toEqual(['Delivery state not known to this version']);
    expect(screen.getByText('relayed')).toBeTruthy();
  });
});
