// CRM logging end to end in Chromium with the built extension: an admin connects HubSpot in the options page with
// a private-app token, a customer texts, the inbox names them from HubSpot, the agent takes the thread, replies
// and resolves, and HubSpot holds exactly one SMS communication on the right contact with the whole transcript —
// read with HubSpot's official client. Logging again leaves it at one.
import { Client } from '@hubspot/api-client';
import { Connection, OAuth2 } from 'jsforce';
import { signInForCode } from '../emulator/salesforce/sign-in.ts';
import { expect, test } from './fixtures.ts';
import { hubspotActivities } from './crm-log-read.ts';
import { connectSalesforce, crmCredentials, customerTexts } from './crm-connect.ts';
import { openThread, reply, resolve } from './panel.ts';

const poll = <T>(read: () => Promise<T> | T, timeout = 20_000) =>
  expect.poll(read, { timeout, intervals: [100] });

test('HubSpot: connect, name from the CRM, one activity with the whole transcript, still one after Log now', async ({
  emulator,
  profile,
  signIn,
}) => {
  const agent = emulator.advisors()[0]!;
  const shared = agent.handles.find((h) => h.type === 'Department')!.sharedNumbers[0]!;
  const { crm, customers } = await crmCredentials(emulator);
  const customer = customers.find((c) => c.name === 'Priya Raman')!;
  const panel = await signIn(agent);

  const options = await profile.open('options');
  const section = options.getByTestId('options-crm-connect');
  await expect(section.getByText(/client secret/)).toBeVisible();
  await section.getByLabel('Private app access token').fill(crm.hubspot.privateAppToken);
  await expect(section.getByLabel('API base URL')).toHaveValue(crm.hubspot.baseUrl);
  await section.getByRole('button', { name: 'Connect HubSpot' }).click();
  await expect(section.getByTestId('crm-connected')).toContainText('HubSpot');
  // The token never reaches storage a content script could read.
  const local = JSON.stringify(await profile.worker.evaluate(() => chrome.storage.local.get(null)));
  expect(local).not.toContain(crm.hubspot.privateAppToken);
  await options.close();

  const threadId = await customerTexts(emulator, panel, {
    customer,
    to: shared,
    text: 'Can we move my appointment to Friday?',
  });

  await openThread(panel, threadId, 'Unassigned');
  await expect(panel.getByTestId('crm-record')).toContainText(`HubSpot Contact: ${customer.name}`);
  await panel.getByRole('button', { name: 'Assign to me' }).click();
  await reply(panel, 'Friday at 10 works. See you then!');
  await resolve(panel);

  const hubspot = new Client({
    accessToken: crm.hubspot.privateAppToken,
    basePath: crm.hubspot.baseUrl,
    numberOfApiCallRetries: 3,
  });
  const logged = () => hubspotActivities(crm, customer, threadId);
  await poll(async () => (await logged())[0]?.properties.hs_communication_body ?? '', 60_000).toContain(
    'Conversation resolved.',
  );
  const [only, ...more] = await logged();
  expect(more).toHaveLength(0);
  expect(only?.properties.hs_communication_channel_type).toBe('SMS');
  for (const part of ['Can we move my appointment to Friday?', 'Friday at 10 works.', agent.name]) {
    expect(only?.properties.hs_communication_body).toContain(part);
  }
  const contacts = await hubspot.crm.associations.v4.basicApi.getPage('communications', only!.id, 'contacts');
  const contact = await hubspot.crm.contacts.basicApi.getById(String(contacts.results[0]?.toObjectId));
  expect(`${contact.properties.firstname} ${contact.properties.lastname}`).toBe(customer.name);

  // "Log now" rewrites the whole thread: still one (worker restarts and second agents: crm-log-continuity.spec.ts).
  await panel.getByRole('button', { name: 'Log now' }).click();
  await poll(() => panel.getByTestId('crm-log-state').textContent()).toContain('Logged to HubSpot');
  expect(await logged()).toHaveLength(1);
});

test('Salesforce: connect with PKCE in the auth window, name from the CRM, one Task with the whole transcript', async ({
  emulator,
  profile,
  signIn,
}) => {
  const agent = emulator.advisors()[0]!;
  const shared = agent.handles.find((h) => h.type === 'Department')!.sharedNumbers[0]!;
  const { crm, customers } = await crmCredentials(emulator);
  const customer = customers.find((c) => c.name === 'Marcus Delgado')!;
  const sfUser = crm.salesforce.users[0]!;
  const panel = await signIn(agent);

  await connectSalesforce(profile, crm, sfUser);

  const threadId = await customerTexts(emulator, panel, {
    customer,
    to: shared,
    text: 'Please call me about the rollover.',
  });
  await openThread(panel, threadId, 'Unassigned');
  await panel.getByRole('button', { name: 'Assign to me' }).click();
  await reply(panel, 'Calling you at 3 pm.');
  await resolve(panel);

  // Read back with jsforce, signed in as another Salesforce user.
  const oauth2 = new OAuth2({
    loginUrl: crm.salesforce.loginUrl,
    clientId: crm.salesforce.clientId,
    redirectUri: 'http://127.0.0.1/cb',
    useVerifier: true,
  });
  const reader = crm.salesforce.users[1]!;
  const back = await signInForCode(oauth2.getAuthorizationUrl(), reader.username, reader.password);
  const conn = new Connection({ oauth2, version: '62.0' });
  await conn.authorize(back.searchParams.get('code') ?? '');
  const tasks = () =>
    conn.query<{ Id: string; WhoId: string; Description: string; Status: string; TaskSubtype: string }>(
      `SELECT Id, WhoId, Description, Status, TaskSubtype FROM Task WHERE Subject LIKE '%[ThreadDesk ${threadId}]'`,
    );
  await poll(async () => (await tasks()).records[0]?.Status ?? '', 60_000).toBe('Completed');
  const { records } = await tasks();
  expect(records).toHaveLength(1);
  for (const part of ['Please call me about the rollover.', 'Calling you at 3 pm.', agent.name])
    expect(records[0]?.Description).toContain(part);
  const who = (await conn
    .sobject(records[0]!.WhoId.startsWith('00Q') ? 'Lead' : 'Contact')
    .retrieve(records[0]!.WhoId)) as { Name?: string };
  expect(who.Name).toBe(customer.name);
});
