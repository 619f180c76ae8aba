// A thread's CRM side shows a failed log from its stored {code, message}, as text, with a retry.
import { cleanup, fireEvent, screen, waitFor } from '@testing-library/preact';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { fakeBrowser } from 'wxt/testing';
import * as items from '@/lib/storage';
import type { StoredEntry } from '@/lib/sync/db';
import { installI18n, ME } from '@/lib/ui/ui.test-helpers';
import { at, storedMessage, summary, thread } from '../../test/support/threads';
import { renderPanel } from './panel.test-helpers';

beforeEach(() => {
  fakeBrowser.reset();
  installI18n();
});
afterEach(cleanup);

const seed = {
  threads: [thread('t1', { guest: '+16505551001', assignee: ME })],
  entries: [storedMessage('e1', 't1', 1, { text: 'Hi there' })] as StoredEntry[],
  summaries: [summary('t1', { lastInboundAt: at(1), lastEntryAt: at(1) })],
};

describe('the CRM panel', () => {
  it('shows a failed log’s stored words as text, and Retry logs again', async () => {
    await items.crmStatus.setValue({ kind: 'salesforce' });
    await items.crmThreads.setValue({
      t1: {
        state: 'failed',
        record: { id: '003A', type: 'Contact', name: 'Ada Lovelace' },
        error: { code: 'server', message: 'Salesforce: <b>Subject</b> too long' },
        at: 0,
      },
    });
    const { send } = await renderPanel({ seed });
    fireEvent.click(await screen.findByRole('tab', { name: /^Mine/ }));
    fireEvent.click(await screen.findByRole('option', { name: /^\(650\) 555-1001/ }));
    const state = await screen.findByTestId('crm-log-state');
    expect(state.getAttribute('role')).toBe('alert');
    expect(state.textContent).toBe('Logging failed: Salesforce: <b>Subject</b> too long');
    fireEvent.click(screen.getByRole('button', { name: 'Retry' }));
    await waitFor(() => expect(send).toHaveBeenCalledWith('crmLogNow', { threadId: 't1' }));
  });
});
