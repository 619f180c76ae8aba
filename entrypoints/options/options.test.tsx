import { cleanup, fireEvent, render, screen, waitFor } from '@testing-library/preact';
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { fakeBrowser } from 'wxt/testing';
import * as items from '@/lib/storage';
import { createSettingsModel } from '@/lib/ui/settings-model';
import { caps, fakeSend, installI18n, ME } from '@/lib/ui/ui.test-helpers';
import { OptionsApp } from './OptionsApp';
import { OptionsContext, type Permissions } from './services';

beforeEach(() => {
  fakeBrowser.reset();
  installI18n();
});
afterEach(cleanup);

export async function renderOptions(signedIn = true, granted = true) {
  if (signedIn) {
    await items.authStatus.setValue({
      state: 'signedIn',
      user: {
        extensionId: 'me',
        accountId: 'acc-9',
        name: ME.name,
        extensionNumber: '101',
        server: 'https://rc.test',
      },
    });
    await items.capabilities.setValue(caps());
  }
  const send = fakeSend();
  const permissions: Permissions = {
    request: vi.fn(async () => granted),
    remove: vi.fn(async () => true),
  };
  const settings = createSettingsModel();
  const view = render(
    <OptionsContext.Provider
      value={{ settings, send, permissions, redirectUri: 'https://abc.chromiumapp.org/' }}
    >
      <OptionsApp />
    </OptionsContext.Provider>,
  );
  await waitFor(() => expect(settings.ready.value).toBe(true));
  return { ...view, send, permissions, settings };
}

describe('options page', () => {
  it('signs in with RingCentral through the background and shows the redirect URI to register', async () => {
    const { send } = await renderOptions(false);
    fireEvent.click(screen.getByRole('button', { name: 'Sign in with RingCentral' }));
    await waitFor(() => expect(send).toHaveBeenCalledWith('signIn', { interactive: true }));
    expect((screen.getByTestId('redirect-uri') as HTMLInputElement).value).toBe(
      'https://abc.chromiumapp.org/',
    );
  });

  it('signs in with a JWT for private apps', async () => {
    const { send } = await renderOptions(false);
    fireEvent.input(screen.getByRole('textbox', { name: 'Client ID' }), { target: { value: 'cid' } });
    fireEvent.input(screen.getByLabelText('Client secret'), { target: { value: 's3cret' } });
    fireEvent.input(screen.getByRole('textbox', { name: 'JWT credential' }), {
      target: { value: 'eyJhbGciOi.x.y' },
    });
    fireEvent.click(screen.getByRole('button', { name: 'Sign in with JWT' }));
    await waitFor(() =>
      expect(send).toHaveBeenCalledWith('signInJwt', {
        clientId: 'cid',
        clientSecret: 's3cret',
        jwt: 'eyJhbGciOi.x.y',
      }),
    );
  });

  it('shows the account and signs out', async () => {
    const { send } = await renderOptions();
    expect(screen.getByTestId('signed-in-as').textContent).toContain('Dana Agent (extension 101)');
    fireEvent.click(screen.getByRole('button', { name: 'Sign out' }));
    await waitFor(() => expect(send).toHaveBeenCalledWith('signOut', {}));
  });

  it('chooses badge resources and mutes notifications per resource', async () => {
    await renderOptions();
    const support = screen.getByRole('checkbox', { name: 'Count Support in the badge' }) as HTMLInputElement;
    expect(support.checked).toBe(true);
    fireEvent.click(support);
    await waitFor(async () => expect(await items.badgeResources.getValue()).toEqual(['s1']));
    fireEvent.click(screen.getByRole('checkbox', { name: 'Count Support in the badge' }));
    // All resources again: stored as null so resources added later count too.
    await waitFor(async () => expect(await items.badgeResources.getValue()).toBeNull());
    fireEvent.click(screen.getByRole('checkbox', { name: 'Notify me about Main site' }));
    await waitFor(async () =>
      expect(await items.notificationSettings.getValue()).toEqual({ enabled: true, mutedResources: ['s1'] }),
    );
  });

  it('adds a custom CRM site after the permission is granted, and revokes it on removal', async () => {
    const { permissions } = await renderOptions();
    fireEvent.input(screen.getByRole('textbox', { name: 'Site address' }), {
      target: { value: 'crm.example.com/app' },
    });
    fireEvent.click(screen.getByRole('button', { name: 'Add site' }));
    expect(permissions.request).toHaveBeenCalledWith(['https://crm.example.com/*']);
    await waitFor(async () =>
      expect((await items.crmSettings.getValue()).customOrigins).toEqual(['https://crm.example.com']),
    );
    fireEvent.click(await screen.findByRole('button', { name: 'Remove https://crm.example.com' }));
    await waitFor(async () => expect((await items.crmSettings.getValue()).customOrigins).toEqual([]));
    expect(permissions.remove).toHaveBeenCalledWith(['https://crm.example.com/*']);
    fireEvent.click(screen.getByRole('checkbox', { name: 'HubSpot' }));
    await waitFor(async () =>
      expect((await items.crmSettings.getValue()).disabledAdapters).toEqual(['hubspot']),
    );
  });

  it('does not save a site whose permission was refused', async () => {
    await renderOptions(true, false);
    fireEvent.input(screen.getByRole('textbox', { name: 'Site address' }), {
      target: { value: 'https://crm.example.com' },
    });
    fireEvent.click(screen.getByRole('button', { name: 'Add site' }));
    expect(await screen.findByRole('alert')).toBeTruthy();
    expect((await items.crmSettings.getValue()).customOrigins).toEqual([]);
  });

  it('edits templates and the theme', async () => {
    await renderOptions();
    fireEvent.change(screen.getByRole('textbox', { name: 'Text of reply 1' }), {
      target: { value: 'Hello {firstName}, {agentFirstName} here' },
    });
    await waitFor(async () =>
      expect((await items.templates.getValue())[0]!.text).toBe('Hello {firstName}, {agentFirstName} here'),
    );
    fireEvent.click(screen.getByRole('button', { name: 'Add quick reply' }));
    await waitFor(async () => expect(await items.templates.getValue()).toHaveLength(3));
    fireEvent.click(screen.getByRole('radio', { name: 'Dark' }));
    await waitFor(async () => expect(await items.theme.getValue()).toBe('dark'));
  });
});
