// Connecting the CRMs in the options page as an admin would, and a known customer texting, for the CRM logging
// specs; the emulators' credentials document says what to enter.
import type { Page } from '@playwright/test';
import { expect } from './fixtures.ts';
import type { Emulator, Profile } from './harness.ts';
import { threadRow } from './panel.ts';

export interface Crm {
  hubspot: { baseUrl: string; privateAppToken: string };
  salesforce: { loginUrl: string; clientId: string; users: { username: string; password: string }[] };
}
export type Customer = { name: string; phoneNumber: string };

export async function crmCredentials(emulator: Emulator) {
  return emulator.control<{ crm: Crm; customers: Customer[] }>('credentials');
}

export async function connectHubSpot(profile: Profile, crm: Crm) {
  const options = await profile.open('options');
  const section = options.getByTestId('options-crm-connect');
  await section.getByLabel('Private app access token').fill(crm.hubspot.privateAppToken);
  await section.getByRole('button', { name: 'Connect HubSpot' }).click();
  await expect(section.getByTestId('crm-connected')).toContainText('HubSpot');
  await options.close();
}

/** Through the emulator's Salesforce sign-in page, as the given Salesforce user. */
export async function connectSalesforce(
  profile: Profile,
  crm: Crm,
  user: { username: string; password: string },
) {
  const options = await profile.open('options');
  const section = options.getByTestId('options-crm-connect');
  await expect(section.getByRole('textbox', { name: 'Login URL' })).toHaveValue(crm.salesforce.loginUrl);
  await section.getByLabel(/Consumer key/).fill(crm.salesforce.clientId);
  const authPage = profile.context.waitForEvent('page', (p) =>
    p.url().includes('/services/oauth2/authorize'),
  );
  await section.getByRole('button', { name: 'Connect Salesforce' }).click();
  const auth = await authPage;
  await auth.getByLabel('Username').fill(user.username);
  await auth.getByLabel('Password').fill(user.password);
  await auth.getByRole('button', { name: 'Log In' }).click();
  await expect(section.getByTestId('crm-connected')).toContainText('Salesforce', { timeout: 20_000 });
  await options.close();
}

/** A CRM contact texts the shared number; resolves with the thread once the panel's row names them from the CRM. */
export async function customerTexts(
  emulator: Emulator,
  panel: Page,
  message: { customer: Customer; to: string; text: string },
): Promise<string> {
  const inbound = await emulator.control<{ thread: { id: string } }>('inbound', {
    from: message.customer.phoneNumber,
    to: message.to,
    text: message.text,
  });
  const threadId = inbound.thread.id;
  await expect
    .poll(() => threadRow(panel, threadId).textContent(), { timeout: 30_000, intervals: [200] })
    .toContain(message.customer.name);
  return threadId;
}
