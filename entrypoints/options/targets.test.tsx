// The response-time targets form: saves valid targets per resource, refuses bad ones with a message.
import { cleanup, fireEvent, render, screen, waitFor, within } from '@testing-library/preact';
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { fakeBrowser } from 'wxt/testing';
import * as items from '@/lib/storage';
import { createSettingsModel } from '@/lib/ui/settings-model';
import { caps, fakeSend, installI18n, ME } from '@/lib/ui/ui.test-helpers';
import { OptionsApp } from './OptionsApp';
import { OptionsContext } from './services';

async function renderOptions() {
  await items.authStatus.setValue({
    state: 'signedIn',
    user: { extensionId: 'me', accountId: 'acc-9', name: ME.name, server: 'https://rc.test' },
  });
  await items.capabilities.setValue(caps());
  const settings = createSettingsModel();
  const permissions = { request: vi.fn(async () => true), remove: vi.fn(async () => true) };
  render(
    <OptionsContext.Provider
      value={{ settings, send: fakeSend(), permissions, redirectUri: 'https://x.chromiumapp.org/' }}
    >
      <OptionsApp />
    </OptionsContext.Provider>,
  );
  await waitFor(() => expect(settings.ready.value).toBe(true));
}

beforeEach(() => {
  fakeBrowser.reset();
  installI18n();
});
afterEach(cleanup);

const support = () =>
  within(screen.getAllByTestId('target-form').find((f) => f.textContent?.includes('Support'))!);

describe('response-time targets', () => {
  it('saves minutes and business hours for one resource', async () => {
    await renderOptions();
    const form = support();
    fireEvent.input(form.getByLabelText('First reply within (minutes)'), { target: { value: '15' } });
    fireEvent.input(form.getByLabelText('Reply after the customer writes again within (minutes)'), {
      target: { value: '45' },
    });
    fireEvent.click(form.getByRole('checkbox', { name: 'Count business hours only' }));
    fireEvent.input(await form.findByLabelText('Time zone (e.g. America/New_York)'), {
      target: { value: 'Europe/Berlin' },
    });
    fireEvent.input(form.getByLabelText('Opens'), { target: { value: '08:30' } });
    fireEvent.click(form.getByRole('button', { name: 'Save' }));
    await screen.findByText('Saved.');
    const saved = await items.responseTargets.getValue();
    expect(saved.q1).toEqual({
      firstReplyMinutes: 15,
      followUpMinutes: 45,
      businessHours: { timeZone: 'Europe/Berlin', start: 510, end: 1020, days: [1, 2, 3, 4, 5] },
    });
  });

  it('refuses an unknown time zone and keeps what was saved', async () => {
    await items.responseTargets.setValue({ q1: { firstReplyMinutes: 10 } });
    await renderOptions();
    await waitFor(() =>
      expect((support().getByLabelText('First reply within (minutes)') as HTMLInputElement).value).toBe('10'),
    );
    const form = support();
    fireEvent.click(form.getByRole('checkbox', { name: 'Count business hours only' }));
    fireEvent.input(await form.findByLabelText('Time zone (e.g. America/New_York)'), {
      target: { value: 'Mars/Olympus' },
    });
    fireEvent.click(form.getByRole('button', { name: 'Save' }));
    expect((await form.findByRole('alert')).textContent).toContain('unknown time zone');
    expect(await items.responseTargets.getValue()).toEqual({ q1: { firstReplyMinutes: 10 } });
  });
});
