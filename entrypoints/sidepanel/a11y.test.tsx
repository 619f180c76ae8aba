// axe-core on the rendered panel and options page (happy-dom: layout-dependent rules such as colour
// contrast cannot be judged here; the e2e run in Chromium covers them).
import { cleanup, fireEvent, render, screen, waitFor } from '@testing-library/preact';
import axe from 'axe-core';
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { fakeBrowser } from 'wxt/testing';
import * as items from '@/lib/storage';
import { createSettingsModel } from '@/lib/ui/settings-model';
import { ALEX, caps, fakeSend, installI18n, ME } from '@/lib/ui/ui.test-helpers';
import { at, storedMessage, summary, thread } from '../../test/support/threads';
import { OptionsApp } from '../options/OptionsApp';
import { OptionsContext } from '../options/services';
import { renderPanel } from './panel.test-helpers';

beforeEach(() => {
  fakeBrowser.reset();
  installI18n();
});
afterEach(cleanup);

async function seriousViolations(root: Element) {
  const result = await axe.run(root, { rules: { 'color-contrast': { enabled: false } } });
  return result.violations
    .filter((v) => v.impact === 'serious' || v.impact === 'critical')
    .map((v) => `${v.id}: ${v.nodes.map((n) => n.html).join(' | ')}`);
}

const seed = {
  threads: [
    thread('t1', { guest: '+16505551001', assignee: ME }),
    thread('t2', { guest: '+16505551002', assignee: ALEX }),
    thread('t3', { guest: '+16505551003' }),
  ],
  entries: [storedMessage('e1', 't1', 1, { text: 'Hello https://ex.com' })],
  summaries: [summary('t1', { preview: 'Hello', lastInboundAt: at(1) }), summary('t3', { optedOut: true })],
};

describe('accessibility (axe-core)', () => {
  it('finds no serious or critical violations in the inbox and a thread', async () => {
    const { container } = await renderPanel({ seed, connection: { state: 'offline' } });
    await screen.findByRole('option', { name: /^\(650\) 555-1003/ });
    expect(await seriousViolations(container)).toEqual([]);
    fireEvent.click(screen.getByRole('tab', { name: /^All open/ }));
    fireEvent.click(await screen.findByRole('option', { name: /^\(650\) 555-1001/ }));
    await screen.findByText('Hello');
    expect(await seriousViolations(container)).toEqual([]);
    fireEvent.click(screen.getByRole('button', { name: 'Resolve' }));
    await screen.findByRole('dialog');
    expect(await seriousViolations(container)).toEqual([]);
  });

  it('finds none on the state screens and the new conversation form', async () => {
    const signedOut = await renderPanel({ auth: { state: 'signedOut' } });
    await screen.findByRole('button', { name: 'Sign in with RingCentral' });
    expect(await seriousViolations(signedOut.container)).toEqual([]);
    cleanup();
    const panel = await renderPanel({ seed });
    fireEvent.click(await screen.findByRole('button', { name: 'New conversation' }));
    await screen.findByTestId('new-conversation');
    expect(await seriousViolations(panel.container)).toEqual([]);
  });

  it('finds none on the options page', async () => {
    await items.authStatus.setValue({
      state: 'signedIn',
      user: { extensionId: 'me', accountId: 'a', name: 'Dana', server: 'https://rc.test' },
    });
    await items.capabilities.setValue(caps());
    const settings = createSettingsModel();
    const { container } = render(
      <OptionsContext.Provider
        value={{
          settings,
          send: fakeSend(),
          permissions: { request: vi.fn(), remove: vi.fn() },
          redirectUri: 'https://abc.chromiumapp.org/',
        }}
      >
        <OptionsApp />
      </OptionsContext.Provider>,
    );
    await waitFor(() => expect(settings.ready.value).toBe(true));
    expect(await seriousViolations(container)).toEqual([]);
  });
});
