// CRM logging end to end in Chromium with the built extension: an admin connects HubSpot in the options page with
// a private-app token, a customer texts, the inbox names them from HubSpot, the agent takes the thread, replies
// and resolves, and HubSpot holds exactly one SMS communication on the right contact with the whole transcript —
// read with HubSpot's official client. Logging again leaves it at one.
import { Client } from '@hubspot/api-client';
import { expect, test } from './fixtures.ts';
import { openThread, threadRow } from './panel.ts';

interface Crm {
  hubspot: { baseUrl: string; privateAppToken: string };
}

const poll = <T>(read: () => Promise<T> | T, timeout = 20_000) =>
  expect.poll(read, { timeout, intervals: [100] });

test('HubSpot: connect, name from the CRM, one activity with the whole transcript, still one after Log now', async ({
  emulator,
  profile,
  signIn,
}) => {
  const agent = emulator.advisors()[0]!;
  const shared = agent.handles.find((h) => h.type === 'Department')!.sharedNumbers[0]!;
  const { crm, customers } = await emulator.control<{
    crm: Crm;
    customers: { name: string; phoneNumber: string }[];
  }>('credentials');
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

  const inbound = await emulator.control<{ thread: { id: string } }>('inbound', {
    from: customer.phoneNumber,
    to: shared,
    text: 'Can we move my appointment to Friday?',
  });
  const threadId = inbound.thread.id;
  await poll(() => threadRow(panel, threadId).textContent()).toContain(customer.name);

  await openThread(panel, threadId, 'Unassigned');
  await expect(panel.getByTestId('crm-record')).toContainText(`HubSpot Contact: ${customer.name}`);
  await panel.getByRole('button', { name: 'Assign to me' }).click();
  await panel.getByRole('textbox', { name: 'Message' }).fill('Friday at 10 works. See you then!');
  await panel.getByRole('button', { name: 'Send' }).click();
  await panel
    .getByRole('toolbar', { name: 'Thread actions' })
    .getByRole('button', { name: 'Resolve' })
    .click();
  await panel
    .getByRole('dialog', { name: 'Resolve this thread?' })
    .getByRole('button', { name: 'Resolve' })
    .click();

  const hubspot = new Client({
    accessToken: crm.hubspot.privateAppToken,
    basePath: crm.hubspot.baseUrl,
    numberOfApiCallRetries: 3,
  });
  const logged = async () => {
    const page = await hubspot.crm.objects.communications.searchApi.doSearch({
      filterGroups: [
        {
          filters: [
            { propertyName: 'hs_communication_body', operator: 'CONTAINS_TOKEN' as never, value: threadId },
          ],
        },
      ],
      properties: ['hs_communication_body', 'hs_communication_channel_type'],
      limit: 100,
    });
    return page.results.filter((r) =>
      (r.properties.hs_communication_body ?? '').includes(`ThreadDesk thread ${threadId}</p>`),
    );
  };
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

  // "Log now" rewrites the whole thread: still one (restarts and second agents: test/integration/crm-log.test.ts).
  await panel.getByRole('button', { name: 'Log now' }).click();
  await poll(() => panel.getByTestId('crm-log-state').textContent()).toContain('Logged to HubSpot');
  expect(await logged()).toHaveLength(1);
});
