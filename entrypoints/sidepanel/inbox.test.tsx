import { cleanup, fireEvent, screen, waitFor, within } from '@testing-library/preact';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { fakeBrowser } from 'wxt/testing';
import { ALEX, installI18n, ME } from '@/lib/ui/ui.test-helpers';
import { at, storedMessage, summary, thread } from '../../test/support/threads';
import { renderPanel } from './panel.test-helpers';

beforeEach(() => {
  fakeBrowser.reset();
  installI18n();
});
afterEach(cleanup);

const seed = {
  threads: [
    thread('u1', { guest: '+16505551001', lastModifiedTime: at(1) }),
    thread('u2', { guest: '+16505551002', lastModifiedTime: at(2) }),
    thread('m1', { guest: '+16505551003', assignee: ME, lastModifiedTime: at(3) }),
    thread('o1', { guest: '+16505551004', assignee: ALEX, lastModifiedTime: at(4) }),
    thread('r1', {
      guest: '+16505551005',
      status: 'Resolved',
      statusReason: 'Manual',
      lastModifiedTime: at(5),
    }),
  ],
  summaries: [
    summary('u1', {
      preview: 'Where is my order?',
      lastInboundAt: at(1),
      lastEntryAt: at(1),
      waitingSince: at(1),
    }),
    summary('u2', { preview: 'STOP', lastInboundAt: at(2), lastEntryAt: at(2), optedOut: true }),
    summary('m1', { preview: 'Thanks!', lastInboundAt: at(3), lastEntryAt: at(3) }),
  ],
  reads: { u2: at(2) },
};

const count = (view: string) => screen.getByTestId(`count-${view}`).textContent;
const rows = () => within(screen.getByTestId('thread-list')).getAllByRole('option');
/** The customer a row shows (its accessible name starts with it). */
const nameOf = (o: Element | null) => o?.querySelector('.row-name')?.textContent;
const rowNames = () => rows().map(nameOf);

describe('inbox', () => {
  it('shows the views as tabs with counts, Unassigned first', async () => {
    await renderPanel({ seed });
    const tab = await screen.findByRole('tab', { name: /^Unassigned/ });
    expect(tab.getAttribute('aria-selected')).toBe('true');
    for (const name of ['Mine', 'All open', 'Resolved'])
      expect(screen.getByRole('tab', { name: new RegExp(`^${name}`) })).toBeTruthy();
    await waitFor(() => expect(count('unassigned')).toBe('2'));
    expect(count('mine')).toBe('1');
    expect(count('open')).toBe('4');
  });

  it('lists rows named by customer with resource, preview, waiting time, unread and opted-out marks', async () => {
    await renderPanel({ seed, contactNames: { '+16505551001': 'Jane Doe' }, now: 61 });
    const jane = await screen.findByRole('option', { name: /^Jane Doe/ });
    const desc = jane.querySelector('.row-desc')!;
    expect(desc.textContent).toContain('Unread');
    expect(desc.textContent).toContain('Support');
    expect(desc.textContent).toContain('Where is my order?');
    expect(desc.textContent).toContain('waiting 1h');
    const other = screen.getByRole('option', { name: /^\(650\) 555-1002/ });
    expect(within(other).getByTestId('opted-out')).toBeTruthy();
    expect(other.querySelector('.unread-dot')).toBeNull();
    // Newest activity first.
    expect(rowNames()).toEqual(['(650) 555-1002', 'Jane Doe (from Salesforce)']);
    expect(screen.getByText('Read state is per device.')).toBeTruthy();
  });

  it('switches views and searches by name, number and text', async () => {
    await renderPanel({ seed, contactNames: { '+16505551004': 'Oscar Other' } });
    fireEvent.click(await screen.findByRole('tab', { name: /^Mine/ }));
    expect(await waitFor(rowNames)).toEqual(['(650) 555-1003']);
    fireEvent.click(screen.getByRole('tab', { name: /^All open/ }));
    const search = screen.getByRole('searchbox', { name: 'Search threads' });
    fireEvent.input(search, { target: { value: 'oscar' } });
    await waitFor(() => expect(rowNames()).toEqual(['Oscar Other (from Salesforce)']));
    fireEvent.input(search, { target: { value: '555 1001' } });
    await waitFor(() => expect(rows()).toHaveLength(1));
    fireEvent.input(search, { target: { value: 'order' } });
    await waitFor(() => expect(rowNames()[0]).toBe('(650) 555-1001'));
    fireEvent.input(search, { target: { value: 'nothing like this' } });
    expect((await screen.findByTestId('inbox-empty')).textContent).toContain('nothing like this');
  });

  it('moves between tabs with the arrow keys', async () => {
    await renderPanel({ seed });
    const first = await screen.findByRole('tab', { name: /^Unassigned/ });
    fireEvent.keyDown(first, { key: 'ArrowRight' });
    await waitFor(() =>
      expect(screen.getByRole('tab', { name: /^Mine/ }).getAttribute('aria-selected')).toBe('true'),
    );
    expect(document.activeElement).toBe(screen.getByRole('tab', { name: /^Mine/ }));
  });

  it('asks the background for resolved pages when the Resolved view opens', async () => {
    const { send } = await renderPanel({
      seed,
      handlers: { loadResolved: () => ({ more: false, loaded: 1 }) },
    });
    fireEvent.click(await screen.findByRole('tab', { name: /^Resolved/ }));
    await waitFor(() => expect(send).toHaveBeenCalledWith('loadResolved', { page: 1 }));
    expect(await screen.findByRole('option', { name: /^\(650\) 555-1005/ })).toBeTruthy();
  });

  it('shows other agents’ changes without a reload', async () => {
    const { db, changes } = await renderPanel({ seed });
    await screen.findByRole('option', { name: /^\(650\) 555-1001/ });
    await db.put('threads', thread('u1', { guest: '+16505551001', assignee: ALEX, lastModifiedTime: at(9) }));
    await db.put('threads', thread('n1', { guest: '+16505551009', lastModifiedTime: at(10) }));
    await db.put('entries', storedMessage('e9', 'n1', 10));
    changes.emit({ kind: 'threads', threadIds: ['u1', 'n1'] });
    await waitFor(() => expect(rowNames()).toEqual(['(650) 555-1009', '(650) 555-1002']));
    expect(count('unassigned')).toBe('2');
  });

  it('renders only a window of rows for thousands of threads', async () => {
    const many = Array.from({ length: 2000 }, (_, i) =>
      thread(`t${i}`, { guest: `+1650555${String(i).padStart(4, '0')}`, lastModifiedTime: at(i) }),
    );
    await renderPanel({ seed: { threads: many } });
    const list = await screen.findByRole('listbox');
    await waitFor(() => expect(rows().length).toBeGreaterThan(5));
    expect(rows().length).toBeLessThan(40);
    await waitFor(() => expect(rows()[0]!.getAttribute('aria-setsize')).toBe('2000'));
    fireEvent.keyDown(list, { key: 'End' });
    await waitFor(() => expect(list.getAttribute('aria-activedescendant')).toBe('threads-1999'));
    expect(nameOf(document.getElementById('threads-1999'))).toBe('(650) 555-0000');
  });
});
