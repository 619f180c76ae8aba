// Response-time targets in the inbox: overdue and at-risk threads come first and are marked; counts shown.
import { cleanup, fireEvent, screen, waitFor, within } from '@testing-library/preact';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { fakeBrowser } from 'wxt/testing';
import * as items from '@/lib/storage';
import { installI18n } from '@/lib/ui/ui.test-helpers';
import { at, summary, thread } from '../../test/support/threads';
import { renderPanel } from './panel.test-helpers';

beforeEach(() => {
  fakeBrowser.reset();
  installI18n();
});
afterEach(cleanup);

// now = 60 minutes after T0; first reply within 30 minutes, follow-up within 60.
const seed = {
  threads: [
    thread('fresh', { guest: '+16505551001', creationTime: at(50), lastModifiedTime: at(55) }),
    thread('late', { guest: '+16505551002', creationTime: at(10), lastModifiedTime: at(10) }),
    thread('risky', { guest: '+16505551003', creationTime: at(0), lastModifiedTime: at(5) }),
    thread('answered', { guest: '+16505551004', creationTime: at(0), lastModifiedTime: at(58) }),
  ],
  summaries: [
    summary('fresh', { waitingSince: at(50), lastEntryAt: at(55) }),
    summary('late', { waitingSince: at(10), lastEntryAt: at(10) }),
    // Customer wrote again at minute 5 after our reply: follow-up target, 55 of 60 minutes spent.
    summary('risky', { waitingSince: at(5), lastEntryAt: at(5) }),
    summary('answered', { lastEntryAt: at(58) }),
  ],
};

const rows = () => within(screen.getByTestId('thread-list')).getAllByRole('option');
const number = (el: HTMLElement) => /555-\d{4}/.exec(el.textContent ?? '')?.[0];

describe('targets in the inbox', () => {
  it('puts overdue, then at risk first, marks them and counts them', async () => {
    await items.responseTargets.setValue({ q1: { firstReplyMinutes: 30, followUpMinutes: 60 } });
    await renderPanel({ seed, now: 60 });
    fireEvent.click(await screen.findByRole('tab', { name: /^Unassigned/ }));
    await waitFor(() => expect(rows()).toHaveLength(4));
    await waitFor(() => expect(rows().map(number)).toEqual(['555-1002', '555-1003', '555-1004', '555-1001']));
    const marks = rows().map((r) => within(r).queryByTestId('target-mark')?.dataset.target);
    expect(marks).toEqual(['overdue', 'atRisk', undefined, undefined]);
    expect(within(rows()[0]!).getByText('Overdue')).toBeTruthy();
    expect(screen.getByTestId('target-summary').textContent).toBe('1 overdue · 1 at risk');
  });

  it('without targets keeps the usual order and shows no marks', async () => {
    await renderPanel({ seed, now: 60 });
    fireEvent.click(await screen.findByRole('tab', { name: /^Unassigned/ }));
    await waitFor(() => expect(rows().map(number)).toEqual(['555-1004', '555-1001', '555-1002', '555-1003']));
    expect(screen.queryByTestId('target-mark')).toBeNull();
    expect(screen.queryByTestId('target-summary')).toBeNull();
  });
});
