// The customer simulator page in a real Chromium against the real emulator.
import { createRequire } from 'node:module';
import { chromium, type Browser, type Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { requireChromium } from '../../scripts/chromium-path.ts';
import { startTestEmulator, type TestEmulator } from '../../test/conformance/emulator-fixture.ts';
import { signInWithJwt, twoHandlersOfOneNumber } from '../../test/conformance/sdk-session.ts';

interface StateMessage {
  threadId: string;
  direction: string;
  text?: string;
  attachments?: Array<{ contentType: string; filename?: string }>;
}
interface State {
  accounts: Array<{
    threads: Array<{ id: string; guestParty: { phoneNumber: string } }>;
    messages: StateMessage[];
  }>;
}

const PNG_1X1 = Buffer.from(
  'iVBORw0KGgoAAAANSUhEUgAAAAEAAAABCAYAAAAfFcSJAAAADUlEQVR42mNk+M9QDwADhgGAWjR9awAAAABJRU5ErkJggg==',
  'base64',
);

let emu: TestEmulator;
let browser: Browser;
let page: Page;
let sharedNumber: string;

async function messagesFrom(customer: string): Promise<StateMessage[]> {
  const state = await emu.control<State>('state');
  return state.accounts.flatMap((account) => {
    const threads = new Set(
      account.threads.filter((t) => t.guestParty.phoneNumber === customer).map((t) => t.id),
    );
    return account.messages.filter((m) => threads.has(m.threadId));
  });
}

async function sendAsCustomer(customer: string, text: string): Promise<void> {
  await page.getByRole('combobox', { name: 'Shared number' }).selectOption(sharedNumber);
  await page.getByRole('textbox', { name: 'Customer number' }).fill(customer);
  await page.getByRole('textbox', { name: 'Message' }).fill(text);
  await page.getByRole('button', { name: 'Send' }).click();
}

const conversationText = () => page.locator('#conversation').innerText();

beforeAll(async () => {
  emu = await startTestEmulator();
  sharedNumber = twoHandlersOfOneNumber(emu.credentials).sharedNumber;
  browser = await chromium.launch({
    executablePath: requireChromium(),
    headless: true,
    args: ['--no-sandbox', '--disable-background-networking', '--disable-component-update', '--no-first-run'],
  });
  page = await browser.newPage();
  await page.goto(`${emu.url}/simulator`);
});

afterAll(async () => {
  await browser?.close();
  await emu?.close();
});

describe('customer simulator page', () => {
  it('offers every shared number and the seeded customers', async () => {
    const shared = page.getByRole('combobox', { name: 'Shared number' });
    await expect.poll(() => shared.locator('option').count()).toBeGreaterThan(0);
    const values = await shared
      .locator('option')
      .evaluateAll((options) => options.map((o) => (o as HTMLOptionElement).value));
    const expected = new Set(emu.credentials.users.flatMap((u) => u.handles.flatMap((h) => h.sharedNumbers)));
    expect(new Set(values)).toEqual(expected);
    const first = emu.credentials.customers[0];
    await page.getByRole('combobox', { name: 'Seeded customers' }).selectOption(first?.phoneNumber ?? '');
    await expect
      .poll(() => page.getByRole('textbox', { name: 'Customer number' }).inputValue())
      .toBe(first?.phoneNumber);
  });

  it('sends an SMS as the customer and shows untrusted text as text', async () => {
    const customer = '+15550198001';
    const text = '<img src=x onerror="document.title=\'pwned\'"> Hello team';
    await sendAsCustomer(customer, text);
    await expect.poll(() => page.getByRole('status').innerText()).toBe('Sent.');
    const stored = await messagesFrom(customer);
    expect(stored).toEqual([expect.objectContaining({ direction: 'Inbound', text })]);
    await expect.poll(conversationText).toContain(text);
    expect(await page.locator('#conversation img').count()).toBe(0);
    expect(await page.title()).not.toBe('pwned');
  });

  it('shows an agent reply live, without a reload', async () => {
    const customer = '+15550198002';
    await sendAsCustomer(customer, 'Is my order ready?');
    await expect.poll(() => page.getByRole('status').innerText()).toBe('Sent.');
    const id = (await messagesFrom(customer))[0]?.threadId;
    expect(id).toBeDefined();
    const { first } = twoHandlersOfOneNumber(emu.credentials);
    const sdk = await signInWithJwt(emu.url, emu.credentials, first);
    const platform = sdk.platform();
    await platform.post(`/restapi/v1.0/account/~/message-threads/${id}/assign`, {
      assignee: { extensionId: first.extensionId },
    });
    await platform.post('/restapi/v1.0/account/~/message-threads/messages', {
      threadId: id,
      from: { phoneNumber: sharedNumber },
      to: [{ phoneNumber: customer }],
      text: 'Yes, ready for pickup.',
    });
    await expect.poll(conversationText, { timeout: 10_000 }).toContain('Yes, ready for pickup.');
    expect(await conversationText()).toContain(first.name);
  });

  it('sends an MMS with a picture', async () => {
    const customer = '+15550198003';
    await page.getByLabel('Pictures or files (MMS)').setInputFiles({
      name: 'receipt.png',
      mimeType: 'image/png',
      buffer: PNG_1X1,
    });
    await sendAsCustomer(customer, 'Here is the receipt');
    await expect.poll(() => page.getByRole('status').innerText()).toBe('Sent.');
    const [message] = await messagesFrom(customer);
    expect(message?.attachments).toEqual([
      expect.objectContaining({ contentType: 'image/png', filename: 'receipt.png' }),
    ]);
    await expect.poll(conversationText).toContain('receipt.png');
  });

  it('refuses a number that is not E.164 without sending', async () => {
    await sendAsCustomer('555-CALL-NOW', 'hi');
    await expect.poll(() => page.getByRole('status').innerText()).toContain('E.164');
    const state = await emu.control<State>('state');
    expect(state.accounts.flatMap((a) => a.messages).some((m) => m.text === 'hi')).toBe(false);
  });

  it('has no axe-core accessibility violations', async () => {
    const axePath = createRequire(import.meta.url).resolve('axe-core');
    await page.addScriptTag({ path: axePath });
    const violations = await page.evaluate(async () => {
      const result = await (
        window as unknown as { axe: { run(): Promise<{ violations: Array<{ id: string }> }> } }
      ).axe.run();
      return result.violations.map((v) => v.id);
    });
    expect(violations).toEqual([]);
  });
});
