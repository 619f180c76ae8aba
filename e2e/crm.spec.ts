// Issue 5 end to end: chips on the demo CRM pages for the right numbers (and none for decoys), a click opens
// that customer's thread in the side panel, and chip state follows assignment and resolution by other agents.
import { SDK } from '@ringcentral/sdk';
import type { Page } from '@playwright/test';
import type { EmulatorCredentials } from '../test/support/emulator.ts';
import { expect, test } from './fixtures.ts';
import { eventually, launchEmulator, launchProfile, signIn, type Emulator, type Profile } from './harness.ts';

interface EmulatorThread {
  id: string;
  status: string;
  guestParty: { phoneNumber: string };
  assignee?: { extensionId: string };
}

let emulator: Emulator;
let profile: Profile;
let creds: EmulatorCredentials;
let other: SDK;

const chip = (page: Page, e164: string) => page.locator(`[data-td-phone="${e164}"]`);
const chipState = (page: Page, e164: string) => chip(page, e164).first().getAttribute('data-td-state');

async function threadOf(customer: string): Promise<EmulatorThread> {
  const state = await emulator.control<{ accounts: { threads: EmulatorThread[] }[] }>('state');
  const found = state.accounts[0]!.threads.find(
    (t) => t.guestParty.phoneNumber === customer && t.status === 'Open',
  );
  if (!found) throw new Error(`no open thread for ${customer}`);
  return found;
}

test.beforeAll(async () => {
  emulator = await launchEmulator();
  creds = emulator.credentials;
  profile = await launchProfile(emulator);
  const [avery, jordan] = emulator.advisors();
  await (await signIn(profile, avery!.username, avery!.password)).close();
  await eventually(
    () => profile.worker.evaluate(() => chrome.storage.local.get('authStatus')),
    (s) => (s.authStatus as { state?: string } | undefined)?.state === 'signedIn',
    { timeoutMs: 20_000 },
  );
  other = new SDK({
    server: emulator.url,
    clientId: creds.privateApp.clientId,
    clientSecret: creds.privateApp.clientSecret,
  });
  await other.platform().login({ jwt: jordan!.jwt });
});
test.afterAll(async () => {
  await other?.platform().logout();
  await profile?.close();
  await emulator?.close();
});

test('the demo CRM gets chips for customers, none for decoys, and they follow other agents', async () => {
  const page = await profile.context.newPage();
  await page.goto(`${emulator.url}/crm/demo.html`);
  const customer = '+15550100101';
  await eventually(
    () => chipState(page, customer),
    (s) => s?.startsWith('unassigned') ?? false,
    { timeoutMs: 15_000 },
  );
  // "ORD-5550100199" is an order number, not a phone: no chip for it.
  expect(await chip(page, '+15550100199').count()).toBe(0);
  // The editable draft (a textarea) is never scanned.
  expect(await page.locator('textarea [data-td-phone]').count()).toBe(0);

  const thread = await threadOf(customer);
  const jordan = emulator.advisors()[1]!;
  await other.platform().post(`/restapi/v1.0/account/~/message-threads/${thread.id}/assign`, {
    assignee: { extensionId: jordan.extensionId },
  });
  await eventually(
    () => chipState(page, customer),
    (s) => s?.startsWith('other') ?? false,
  );
  expect(await chip(page, customer).first().getAttribute('aria-label')).toContain(jordan.name);

  await other.platform().post(`/restapi/v1.0/account/~/message-threads/${thread.id}/resolve`);
  await eventually(
    () => chipState(page, customer),
    (s) => s?.startsWith('none') ?? false,
  );
  await page.close();
});

test('clicking a chip opens the side panel on that customer thread', async () => {
  const page = await profile.context.newPage();
  await page.goto(`${emulator.url}/crm/demo.html`);
  const customer = '+15550100103';
  const thread = await threadOf(customer);
  await eventually(
    () => chipState(page, customer),
    (s) => s?.startsWith('unassigned') ?? false,
    { timeoutMs: 15_000 },
  );
  // The panel consumes its focus request at once: record what the background asks it to show.
  await profile.worker.evaluate(() => {
    const log: unknown[] = [];
    (globalThis as { __focusLog?: unknown[] }).__focusLog = log;
    chrome.storage.onChanged.addListener((changes) => {
      if (changes.panelFocus?.newValue) log.push(changes.panelFocus.newValue);
    });
  });
  await chip(page, customer).first().click();
  const focus = await eventually(
    () => profile.worker.evaluate(() => (globalThis as { __focusLog?: unknown[] }).__focusLog ?? []),
    (log) => log.length > 0,
  );
  expect(focus[0]).toMatchObject({ threadId: thread.id });
  const panels = await eventually(
    () =>
      profile.worker.evaluate(async () =>
        (await chrome.runtime.getContexts({ contextTypes: ['SIDE_PANEL' as never] })).map(
          (c) => c.documentUrl,
        ),
      ),
    (urls) => urls.some((u) => u?.includes('/sidepanel.html')),
  );
  expect(panels.some((u) => u?.endsWith(`${profile.extensionId}/sidepanel.html`))).toBe(true);
  await page.close();
});

const FIXTURES: Record<string, string[]> = {
  'salesforce-lightning.html': ['+14155552671', '+12125550198'],
  'hubspot-contacts.html': ['+14155552671', '+12125550198'],
  'zoho-list.html': ['+14155552671', '+16465550134'],
  'pipedrive-person.html': ['+14155552671', '+12125550198', '+442079460958'],
  'dynamics-form.html': ['+14155552671', '+12125550198'],
  'rerender.html': ['+14155552671', '+12125550198'],
};

for (const [fixture, phones] of Object.entries(FIXTURES)) {
  test(`chips appear on the ${fixture} fixture`, async () => {
    const page = await profile.context.newPage();
    const errors: string[] = [];
    page.on('pageerror', (e) => errors.push(e.message));
    await page.goto(`${emulator.url}/crm/${fixture}`);
    for (const phone of phones) {
      await eventually(
        () => chip(page, phone).count(),
        (n) => n > 0,
        { timeoutMs: 15_000 },
      );
    }
    expect(await chip(page, phones[0]!).first().getAttribute('aria-label')).toMatch(/^Open SMS thread with/);
    expect(errors).toEqual([]);
    await page.close();
  });
}
