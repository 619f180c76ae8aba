// The panel offers message delete and attachments only where the server has not refused them as unavailable.
import { cleanup, fireEvent, screen } from '@testing-library/preact';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { fakeBrowser } from 'wxt/testing';
import * as items from '@/lib/storage';
import type { StoredEntry } from '@/lib/sync/db';
import { installI18n, ME } from '@/lib/ui/ui.test-helpers';
import { at, storedMessage, summary, thread } from '../../test/support/threads';
import { renderPanel } from './panel.test-helpers';

beforeEach(async () => {
  fakeBrowser.reset();
  installI18n();
  await items.serverSettings.setValue({ server: 'https://rc.example', clientId: 'app' });
});
afterEach(cleanup);

const seed = {
  threads: [thread('t1', { guest: '+16505551001', assignee: ME })],
  entries: [storedMessage('e1', 't1', 1, { text: 'Hi there' })] as StoredEntry[],
  summaries: [summary('t1', { lastInboundAt: at(1), lastEntryAt: at(1) })],
};

async function openThread() {
  await renderPanel({ seed });
  fireEvent.click(await screen.findByRole('tab', { name: /^Mine/ }));
  fireEvent.click(await screen.findByRole('option', { name: /^\(650\) 555-1001/ }));
  await screen.findByText('Hi there');
}

describe('optional operations in the panel', () => {
  it('offers delete and attach on a server that has not refused them', async () => {
    await openThread();
    expect(screen.getByRole('button', { name: /^Delete message/ })).toBeTruthy();
    expect(screen.getByRole('button', { name: 'Attach file' })).toBeTruthy();
  });

  it('hides them, and says so for attachments, once this server refused them', async () => {
    const refusal = { at: 0, code: 'CMN-109', message: 'Feature not available.' };
    await items.serverFeatures.setValue({
      'https://rc.example': { messageDelete: refusal, mmsSend: refusal },
      'https://other.example': {},
    });
    await openThread();
    expect(screen.queryByRole('button', { name: /^Delete message/ })).toBeNull();
    expect(screen.queryByRole('button', { name: 'Attach file' })).toBeNull();
    expect(screen.getByTestId('mms-unavailable').textContent).toContain('text only');
  });
});
