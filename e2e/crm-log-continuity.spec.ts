// CRM logging keeps one activity per thread through what happens to a conversation over its life, in Chromium with
// the built extension: the extension's service worker is stopped mid-conversation and wakes on the agent's next
// action (HubSpot), and a second agent in another profile takes the thread over (Salesforce). Each CRM is read
// back with its official client (@hubspot/api-client, jsforce), never through the extension.
import type { Page } from '@playwright/test';
import { Connection, OAuth2 } from 'jsforce';
import { signInForCode } from '../emulator/salesforce/sign-in.ts';
import { expect, test } from './fixtures.ts';
import { hubspotActivities } from './crm-log-read.ts';
import { connectHubSpot, connectSalesforce, crmCredentials, customerTexts, type Crm } from './crm-connect.ts';
import { openThread, reply, resolve, threadRow } from './panel.ts';

const poll = <T>(read: () => Promise<T> | T, timeout = 30_000) =>
  expect.poll(read, { timeout, intervals: [200] });

async function jsforceAs(crm: Crm, user: { username: string; password: string }) {
  const oauth2 = new OAuth2({
    loginUrl: crm.salesforce.loginUrl,
    clientId: crm.salesforce.clientId,
    redirectUri: 'http://127.0.0.1/cb',
    useVerifier: true,
  });
  const back = await signInForCode(oauth2.getAuthorizationUrl(), user.username, user.password);
  const conn = new Connection({ oauth2, version: '62.0' });
  const info = await conn.authorize(back.searchParams.get('code') ?? '');
  return { conn, userId: info.id };
}

/** Stops the extension's service worker the way Chrome stops an idle one (CDP's ServiceWorker domain) and waits
 *  until it has stopped; `woken` resolves when a new one runs. Playwright keeps listing a stopped worker, so its
 *  state is read from CDP's version updates. */
async function stopServiceWorker(page: Page, extensionId: string): Promise<{ woken: Promise<void> }> {
  const cdp = await page.context().newCDPSession(page);
  let status = '';
  const waiters: { want: string; done: () => void }[] = [];
  cdp.on('ServiceWorker.workerVersionUpdated', ({ versions }) => {
    const ours = versions.find((v) => v.scriptURL.startsWith(`chrome-extension://${extensionId}/`));
    if (!ours) return;
    status = ours.runningStatus;
    for (const w of waiters.filter((w) => w.want === status)) w.done();
  });
  const reach = (want: string) =>
    status === want ? Promise.resolve() : new Promise<void>((done) => waiters.push({ want, done }));
  await cdp.send('ServiceWorker.enable');
  await reach('running');
  await cdp.send('ServiceWorker.stopAllWorkers');
  await reach('stopped');
  return { woken: reach('running').finally(() => void cdp.detach().catch(() => undefined)) };
}

test('HubSpot: the worker stopped mid-conversation wakes on the next event and still leaves one activity with the whole transcript', async ({
  emulator,
  profile,
  signIn,
}) => {
  const agent = emulator.advisors()[0]!;
  const shared = agent.handles.find((h) => h.type === 'Department')!.sharedNumbers[0]!;
  const { crm, customers } = await crmCredentials(emulator);
  const customer = customers.find((c) => c.name === 'Thomas Okonkwo')!;
  const panel = await signIn(agent);
  await connectHubSpot(profile, crm);

  const threadId = await customerTexts(emulator, panel, {
    customer,
    to: shared,
    text: 'Is my transfer through yet?',
  });
  await openThread(panel, threadId, 'Unassigned');
  await panel.getByRole('button', { name: 'Assign to me' }).click();
  await reply(panel, 'Checking it for you now.');
  await poll(() => panel.getByTestId('crm-log-state').textContent()).toContain('Logged to HubSpot');
  await poll(async () => (await hubspotActivities(crm, customer, threadId)).length).toBe(1);

  // The worker goes (as Chrome stops an idle one); the agent's next action wakes a new one with nothing in memory.
  const { woken } = await stopServiceWorker(panel, profile.extensionId);
  await reply(panel, 'It cleared this morning.');
  await woken;
  await emulator.control('inbound', {
    from: customer.phoneNumber,
    to: shared,
    text: 'Great, thank you!',
  });
  await expect(panel.getByTestId('thread-view')).toContainText('Great, thank you!', { timeout: 30_000 });
  await resolve(panel);

  await poll(
    async () => (await hubspotActivities(crm, customer, threadId))[0]?.properties.hs_communication_body ?? '',
    60_000,
  ).toContain('Conversation resolved.');
  const logged = await hubspotActivities(crm, customer, threadId);
  expect(logged).toHaveLength(1);
  expect(logged[0]?.properties.hs_communication_channel_type).toBe('SMS');
  for (const part of [
    'Is my transfer through yet?',
    'Checking it for you now.',
    'It cleared this morning.',
    'Great, thank you!',
    agent.name,
  ])
    expect(logged[0]?.properties.hs_communication_body).toContain(part);
});

test('Salesforce: a second agent in another profile takes the thread over; one Task, updated by the current assignee', async ({
  emulator,
  profile,
  newProfile,
  signIn,
}) => {
  const shared = emulator.advisors()[0]!.handles.find((h) => h.type === 'Department')!.sharedNumbers[0]!;
  const [first, second] = emulator
    .advisors()
    .filter((u) => u.handles.some((h) => h.assignable && h.sharedNumbers.includes(shared)));
  const { crm, customers } = await crmCredentials(emulator);
  const customer = customers.find((c) => c.name === 'Grace Lindqvist')!;
  const [sfFirst, sfSecond] = crm.salesforce.users;

  const panelA = await signIn(first!);
  await connectSalesforce(profile, crm, sfFirst!);
  const other = await newProfile();
  const panelB = await signIn(second!, other);
  await connectSalesforce(other, crm, sfSecond!);

  const threadId = await customerTexts(emulator, panelA, {
    customer,
    to: shared,
    text: 'Can someone look at my statement?',
  });
  await openThread(panelA, threadId, 'Unassigned');
  await panelA.getByRole('button', { name: 'Assign to me' }).click();
  await reply(panelA, 'Yes, opening it now.');
  await poll(() => panelA.getByTestId('crm-log-state').textContent()).toContain('Logged to Salesforce');

  // Read back with jsforce, signed in as each Salesforce user in turn to learn their user ids.
  const first_ = await jsforceAs(crm, sfFirst!);
  const second_ = await jsforceAs(crm, sfSecond!);
  const conn = first_.conn;
  const tasks = async () =>
    (
      await conn.query<{
        Id: string;
        WhoId: string;
        Description: string;
        Status: string;
        CreatedById: string;
        LastModifiedById: string;
      }>(
        `SELECT Id, WhoId, Description, Status, CreatedById, LastModifiedById FROM Task WHERE Subject LIKE '%[ThreadDesk ${threadId}]'`,
      )
    ).records;
  await poll(async () => (await tasks()).length).toBe(1);
  expect((await tasks())[0]?.CreatedById).toBe(first_.userId);

  // The second agent takes the thread over in their own panel, replies and resolves it.
  await poll(() => threadRow(panelB, threadId).textContent()).toContain(customer.name);
  await openThread(panelB, threadId, 'All open');
  await panelB.getByTestId('assignee-select').selectOption(second!.extensionId);
  await expect(panelB.getByTestId('assignee-select')).toHaveValue(second!.extensionId);
  await reply(panelB, 'I have corrected the fee on it.');
  await resolve(panelB);

  await poll(async () => (await tasks())[0]?.Status ?? '', 60_000).toBe('Completed');
  const logged = await tasks();
  expect(logged).toHaveLength(1);
  // Created by the first agent's CRM user, last written by the current assignee's (lib/crm-log/record.ts).
  expect(logged[0]?.CreatedById).toBe(first_.userId);
  expect(logged[0]?.LastModifiedById).toBe(second_.userId);
  for (const part of [
    'Can someone look at my statement?',
    'Yes, opening it now.',
    'I have corrected the fee on it.',
    first!.name,
    second!.name,
  ])
    expect(logged[0]?.Description).toContain(part);
  const who = (await conn
    .sobject(logged[0]!.WhoId.startsWith('00Q') ? 'Lead' : 'Contact')
    .retrieve(logged[0]!.WhoId)) as { Name?: string };
  expect(who.Name).toBe(customer.name);
  await poll(() => panelB.getByTestId('crm-log-state').textContent()).toContain('Logged to Salesforce');
});
