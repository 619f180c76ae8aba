// The side panel says when sync is degraded: what happened and what was skipped, until dismissed.
import { cleanup, fireEvent, screen, waitFor } from '@testing-library/preact';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { fakeBrowser } from 'wxt/testing';
import * as items from '@/lib/storage';
import { emptyHealth, foldHealth } from '@/lib/sync/health';
import { installI18n } from '@/lib/ui/ui.test-helpers';
import { T0 } from '../../test/support/threads';
import { renderPanel } from './panel.test-helpers';

beforeEach(() => {
  fakeBrowser.reset();
  installI18n();
});
afterEach(cleanup);

describe('sync health notice', () => {
  it('lists skipped record types and unknown values, and forgets them when dismissed', async () => {
    const health = emptyHealth();
    health.entries = foldHealth(health.entries, {
      type: 'issues',
      issues: {
        unknownRecordTypes: { ThreadPinnedHint: 2 },
        invalidRecords: 1,
        unknownValues: { 'messageStatus=Scheduled': 1 },
      },
    });
    await items.syncHealth.setValue(health);
    await renderPanel();
    const notice = await screen.findByTestId('sync-health');
    expect(notice.textContent).toContain('Sync is degraded');
    expect(notice.textContent).toContain('Messages: skipped 3 records');
    expect(notice.textContent).toContain('ThreadPinnedHint ×2, unreadable');
    expect(notice.textContent).toContain('messageStatus=Scheduled');
    fireEvent.click(screen.getByRole('button', { name: 'Dismiss' }));
    await waitFor(() => expect(screen.queryByTestId('sync-health')).toBeNull());
    expect((await items.syncHealth.getValue())?.entries.invalidRecords).toBe(0);
  });

  it('says when a stream is stalled, and when it moved on after a bad page', async () => {
    const at = T0 + 50 * 60_000;
    const health = emptyHealth();
    health.threads = foldHealth(health.threads, {
      type: 'badPage',
      message: 'Unexpected reply',
      attempts: 3,
      outcome: 'gaveUp',
      at,
    });
    await items.syncHealth.setValue(health);
    const { unmount } = await renderPanel();
    expect((await screen.findByTestId('sync-health')).textContent).toContain(
      "Conversations: RingCentral's replies can't be read, even after a full sync",
    );
    unmount();
    health.threads = foldHealth(health.threads, { type: 'recovered', at: at + 3_000 });
    await items.syncHealth.setValue(health);
    await renderPanel();
    const notice = await screen.findByTestId('sync-health');
    expect(notice.textContent).toContain('Sync had trouble');
    expect(notice.textContent).toContain('sync moved on at');
  });

  it('shows nothing when sync had nothing to report', async () => {
    await items.syncHealth.setValue(emptyHealth());
    await renderPanel();
    await screen.findByRole('tab', { name: /^Unassigned/ });
    expect(screen.queryByTestId('sync-health')).toBeNull();
  });
});

describe('push that says it is degraded', () => {
  it('names the streams only polled now, and the poll period', async () => {
    await renderPanel({ connection: { state: 'idle', pushConnected: true, pushDisabled: ['entries'] } });
    expect((await screen.findByTestId('banner-push-degraded')).textContent).toBe(
      'Live updates are limited (Messages): checking for changes every 1 min.',
    );
  });

  it('says when only membership changes are not pushed; nothing while push is whole', async () => {
    const { unmount } = await renderPanel({
      connection: { state: 'idle', pushConnected: true, pushDisabled: ['grant'] },
    });
    expect((await screen.findByTestId('banner-push-degraded')).textContent).toContain(
      'Changes to your queues',
    );
    unmount();
    await renderPanel({ connection: { state: 'idle', pushConnected: true, pushDisabled: [] } });
    await screen.findByRole('tab', { name: /^Unassigned/ });
    expect(screen.queryByTestId('banner-push-degraded')).toBeNull();
  });
});
