import { cleanup, fireEvent, screen, waitFor } from '@testing-library/preact';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { fakeBrowser } from 'wxt/testing';
import { serverClock } from '@/lib/storage';
import { caps, installI18n } from '@/lib/ui/ui.test-helpers';
import { T0, summary, thread } from '../../test/support/threads';
import { renderPanel } from './panel.test-helpers';

beforeEach(() => {
  fakeBrowser.reset();
  installI18n();
});
afterEach(cleanup);

describe('side panel states', () => {
  it('asks a signed-out agent to sign in, and the button asks the background', async () => {
    const { send, openOptions } = await renderPanel({ auth: { state: 'signedOut' } });
    fireEvent.click(await screen.findByRole('button', { name: 'Sign in with RingCentral' }));
    expect(send).toHaveBeenCalledWith('signIn', { interactive: true });
    fireEvent.click(screen.getByRole('button', { name: 'Open settings' }));
    expect(openOptions).toHaveBeenCalled();
    expect(screen.queryByRole('tab', { name: /^Unassigned/ })).toBeNull();
  });

  it('explains an unavailable feature with RingCentral’s reason code and message', async () => {
    await renderPanel({
      capabilities: caps({
        feature: {
          available: false,
          reason: {
            code: 'ServicePlanLimitation',
            message: 'The feature is unavailable for the current service plan',
          },
        },
      }),
    });
    const screenEl = await screen.findByTestId('state-unavailable');
    expect(screenEl.textContent).toContain('ServicePlanLimitation');
    expect(screenEl.textContent).toContain('unavailable for the current service plan');
  });

  it('tells an agent who handles no resource what to ask for', async () => {
    await renderPanel({ capabilities: caps({ resources: [] }) });
    expect(await screen.findByRole('heading', { name: "You don't handle any shared numbers" })).toBeTruthy();
  });

  it('keeps the cached inbox usable while offline or rate-limited, without any request', async () => {
    const seed = {
      threads: [thread('t1', { guest: '+16505551001' })],
      summaries: [summary('t1', { preview: 'hi' })],
    };
    const { send, unmount } = await renderPanel({ seed, connection: { state: 'offline' } });
    expect(await screen.findByTestId('banner-offline')).toBeTruthy();
    expect(await screen.findByRole('option', { name: /^\(650\) 555-1001/ })).toBeTruthy();
    expect(send).not.toHaveBeenCalled();
    unmount();
    await renderPanel({ seed, connection: { state: 'rateLimited', retryAt: T0 + 60 * 60_000 + 42_000 } });
    expect((await screen.findByTestId('banner-rate-limited')).textContent).toContain('42 s');
  });

  it("counts a rate limit's wait on this machine's clock, which the background measured it on", async () => {
    // RingCentral's clock runs 2 minutes ahead of this machine's: the wait is still 42 s.
    await serverClock.setValue({ offsetMs: 120_000 });
    await renderPanel({ connection: { state: 'rateLimited', retryAt: T0 + 60 * 60_000 + 42_000 } });
    expect((await screen.findByTestId('banner-rate-limited')).textContent).toContain('42 s');
  });

  it('says when the server is unreachable and offers a retry', async () => {
    const { send } = await renderPanel({ connection: { state: 'unreachable', message: 'ECONNREFUSED' } });
    const banner = await screen.findByTestId('banner-unreachable');
    expect(banner.textContent).toContain('ECONNREFUSED');
    fireEvent.click(screen.getByRole('button', { name: 'Retry now' }));
    await waitFor(() => expect(send).toHaveBeenCalledWith('syncNow', {}));
  });
});
