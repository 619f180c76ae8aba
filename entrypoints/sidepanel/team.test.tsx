// The Team view: numbers per resource and per handler, presence, and names that filter the inbox.
import { cleanup, fireEvent, screen, waitFor, within } from '@testing-library/preact';
import axe from 'axe-core';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { fakeBrowser } from 'wxt/testing';
import * as items from '@/lib/storage';
import { ALEX, installI18n, ME } from '@/lib/ui/ui.test-helpers';
import { at, summary, thread } from '../../test/support/threads';
import { renderPanel } from './panel.test-helpers';

beforeEach(() => {
  fakeBrowser.reset();
  installI18n();
});
afterEach(cleanup);

const seed = {
  threads: [
    thread('u1', { guest: '+16505551001' }),
    thread('u2', { guest: '+16505551002' }),
    thread('a1', { guest: '+16505551003', assignee: ALEX }),
    thread('a2', { guest: '+16505551004', assignee: ALEX }),
    thread('m1', { guest: '+16505551005', assignee: ME }),
  ],
  summaries: [
    summary('u1', { waitingSince: at(20) }),
    summary('u2', { waitingSince: at(5) }),
    summary('a1', { waitingSince: at(30) }),
  ],
};

async function openTeam() {
  await items.presence.setValue({ alex: { kind: 'offline', at: 1 }, me: { kind: 'available', at: 1 } });
  const panel = await renderPanel({ seed, now: 65 });
  fireEvent.click(await screen.findByRole('button', { name: 'Team' }));
  await screen.findByTestId('team-view');
  await waitFor(() =>
    expect(screen.getAllByTestId('team-resource')[0]?.querySelector('td')?.textContent).toBe('2'),
  );
  return panel;
}

const rows = () => within(screen.getByTestId('thread-list')).getAllByRole('option');

const cells = (row: HTMLElement) =>
  [...row.querySelectorAll('th, td')].map((c) => c.textContent?.replace(/\s+/g, ' ').trim());

describe('Team view', () => {
  it('shows unassigned and the longest wait per resource, presence and held threads per handler', async () => {
    await openTeam();
    const resources = within(screen.getByRole('table', { name: 'Unassigned threads by resource' }));
    const support = resources.getByRole('row', { name: /Support/ });
    expect(cells(support)).toEqual(['Support', '2', '1h']);
    expect(cells(resources.getByRole('row', { name: /Main site/ }))).toEqual([
      'Main site',
      '0',
      'Nobody waiting',
    ]);
    const handlers = within(screen.getByRole('table', { name: 'Threads held by handler' }));
    expect(cells(handlers.getByRole('row', { name: /Alex Rivera/ }))).toEqual([
      'Alex Rivera',
      'Offline',
      '2',
      '35m',
      'Hand over',
    ]);
    expect(cells(handlers.getByRole('row', { name: /Dana Agent/ }))).toEqual([
      'Dana Agent (you)',
      'Available',
      '1',
      'Nobody waiting',
      'Hand over',
    ]);
  });

  it('filters the inbox by handler and by resource, and the filter can be cleared', async () => {
    await openTeam();
    fireEvent.click(screen.getByRole('button', { name: 'Alex Rivera' }));
    await screen.findByTestId('assignee-filter');
    expect(screen.getByRole('tab', { name: /^All open/ }).getAttribute('aria-selected')).toBe('true');
    await waitFor(() => expect(rows()).toHaveLength(2));
    expect(
      rows()
        .map((o) => /555-\d{4}/.exec(o.textContent ?? '')?.[0])
        .sort(),
    ).toEqual(['555-1003', '555-1004']);
    fireEvent.click(screen.getByRole('button', { name: "Show everyone's threads" }));
    await waitFor(() => expect(rows()).toHaveLength(5));

    fireEvent.click(screen.getByRole('button', { name: 'Team' }));
    fireEvent.click(await screen.findByRole('button', { name: 'Support' }));
    await waitFor(() =>
      expect(screen.getByRole('tab', { name: /^Unassigned/ }).getAttribute('aria-selected')).toBe('true'),
    );
    expect((screen.getByRole('combobox', { name: 'Resource' }) as HTMLSelectElement).value).toBe('q1');
    await waitFor(() => expect(rows()).toHaveLength(2));
    expect(rows().every((o) => /555-100[12]/.test(o.textContent ?? ''))).toBe(true);
  });

  it('follows presence changes and has no serious or critical axe findings', async () => {
    const { container } = await openTeam();
    await items.presence.setValue({ alex: { kind: 'dnd', sequence: 4, at: 2 } });
    const handlers = within(screen.getByRole('table', { name: 'Threads held by handler' }));
    await waitFor(() =>
      expect(cells(handlers.getByRole('row', { name: /Alex Rivera/ }))[1]).toBe('Do not disturb'),
    );
    const result = await axe.run(container, { rules: { 'color-contrast': { enabled: false } } });
    const serious = result.violations.filter((v) => v.impact === 'serious' || v.impact === 'critical');
    expect(serious.map((v) => v.id)).toEqual([]);
  });
});
