// Bulk hand-over from the Team view: chosen threads move one by one, each with its result, with progress.
import { cleanup, fireEvent, screen, waitFor, within } from '@testing-library/preact';
import axe from 'axe-core';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { fakeBrowser } from 'wxt/testing';
import { ProtocolError } from '@/lib/messaging';
import { ALEX, installI18n } from '@/lib/ui/ui.test-helpers';
import { thread } from '../../test/support/threads';
import { renderPanel } from './panel.test-helpers';

beforeEach(() => {
  fakeBrowser.reset();
  installI18n();
});
afterEach(cleanup);

const seed = {
  threads: [
    thread('a1', { guest: '+16505551001', assignee: ALEX }),
    thread('a2', { guest: '+16505551002', assignee: ALEX }),
    thread('a3', { guest: '+16505551003', assignee: ALEX }),
    thread('a4', { guest: '+16505551004', assignee: ALEX }),
  ],
};

describe('bulk hand-over', () => {
  it('moves the chosen threads to another handler, reports each, and shows progress', async () => {
    const { send, container } = await renderPanel({
      seed,
      handlers: {
        assign: (d: { threadId: string }) => {
          if (d.threadId === 'a3') throw new Error('[MSG-428] Thread is not open');
        },
      },
    });
    fireEvent.click(await screen.findByRole('button', { name: 'Team' }));
    const alexRow = await screen.findByRole('row', { name: /Alex Rivera/ });
    await waitFor(() => expect(within(alexRow).getAllByRole('cell')[1]?.textContent).toBe('4'));
    fireEvent.click(within(alexRow).getByRole('button', { name: 'Hand over' }));
    const panel = within(await screen.findByTestId('handover'));
    fireEvent.click(panel.getByRole('checkbox', { name: '(650) 555-1002' }));
    fireEvent.change(panel.getByRole('combobox', { name: 'Hand over to' }), { target: { value: 'me' } });
    expect(await seriousViolations(container)).toEqual([]);
    fireEvent.click(panel.getByRole('button', { name: 'Hand over 3 threads' }));
    await waitFor(() => expect(panel.getByRole('status').textContent).toBe('3 of 3 done'));
    const assigns = send.mock.calls
      .filter((c) => c[0] === 'assign')
      .map((c) => c[1] as { threadId: string })
      .sort((a, b) => a.threadId.localeCompare(b.threadId));
    expect(assigns).toEqual([
      { threadId: 'a1', extensionId: 'me' },
      { threadId: 'a3', extensionId: 'me' },
      { threadId: 'a4', extensionId: 'me' },
    ]);
    const results = panel
      .getAllByRole('listitem')
      .map((li) => li.textContent)
      .sort();
    expect(results).toEqual([
      '(650) 555-1001: handed over',
      '(650) 555-1003: not handed over: [MSG-428] Thread is not open',
      '(650) 555-1004: handed over',
    ]);
  });

  it('waits out the rate limit with a word on it, then hands the thread over', async () => {
    let refused = false;
    const { send } = await renderPanel({
      seed,
      handlers: {
        assign: (d: { threadId: string }) => {
          if (d.threadId === 'a2' && !refused) {
            refused = true;
            throw new ProtocolError('rateLimited', 'RingCentral is limiting requests.', {
              retryAfterMs: 400,
            });
          }
        },
      },
    });
    fireEvent.click(await screen.findByRole('button', { name: 'Team' }));
    const alexRow = await screen.findByRole('row', { name: /Alex Rivera/ });
    await waitFor(() => expect(within(alexRow).getAllByRole('cell')[1]?.textContent).toBe('4'));
    fireEvent.click(within(alexRow).getByRole('button', { name: 'Hand over' }));
    const panel = within(await screen.findByTestId('handover'));
    fireEvent.click(panel.getByRole('button', { name: 'Hand over 4 threads' }));
    await waitFor(() =>
      expect(panel.getByRole('status').textContent).toMatch(
        /^\d of 4 done · RingCentral is limiting requests; going on in 1 s$/,
      ),
    );
    await waitFor(() => expect(panel.getByRole('status').textContent).toBe('4 of 4 done'));
    const assigned = send.mock.calls
      .filter((c) => c[0] === 'assign')
      .map((c) => (c[1] as { threadId: string }).threadId);
    expect(assigned.filter((id) => id === 'a2')).toHaveLength(2);
    expect(panel.getAllByRole('listitem').map((li) => li.textContent)).toContain(
      '(650) 555-1002: handed over',
    );
  });
});

async function seriousViolations(root: Element) {
  const result = await axe.run(root, { rules: { 'color-contrast': { enabled: false } } });
  return result.violations.filter((v) => v.impact === 'serious' || v.impact === 'critical').map((v) => v.id);
}
