// Small helpers for specs that drive the side panel as an agent would: a signed-in panel tab, thread rows,
// the emulator's truth, the theme and screenshots.
import { mkdir } from 'node:fs/promises';
import path from 'node:path';
import { expect, type Locator, type Page } from '@playwright/test';
import { authState, eventually, signIn, type Emulator, type Profile, type SeededUser } from './harness.ts';

export const SCREENSHOT_DIR = path.resolve(import.meta.dirname, '../artifacts/screenshots');

/** Signs the profile in as the user and opens the side panel in a tab, waiting for the inbox. */
export async function openSignedInPanel(profile: Profile, user: SeededUser): Promise<Page> {
  const options = await signIn(profile, user.username, user.password);
  // eventually (not expect.poll): this runs in beforeAll hooks too.
  await eventually(
    () => authState(profile),
    (state) => state === 'signedIn',
    { timeoutMs: 15_000 },
  );
  await options.close();
  const panel = await profile.open('sidepanel');
  await panel.getByRole('tab', { name: 'Unassigned' }).waitFor({ timeout: 15_000 });
  return panel;
}

/** The inbox's thread list (the resource filter's <option>s also have role option: always scope to it). */
export function threadList(page: Page): Locator {
  return page.getByTestId('thread-list');
}

/** The row (role=option) of a thread in the inbox's list, whatever the customer's display name is. */
export function threadRow(page: Page, threadId: string): Locator {
  return threadList(page)
    .getByRole('option')
    .filter({ has: page.locator(`[data-thread-id="${threadId}"]`) });
}

export async function showView(page: Page, view: 'Unassigned' | 'Mine' | 'All open' | 'Resolved') {
  // A tab's name is its visible text: the view, then its count.
  const tab = page.getByRole('tab', { name: new RegExp(`^${view}`) });
  await tab.click();
  await eventually(
    () => tab.getAttribute('aria-selected'),
    (v) => v === 'true',
  );
}

export async function backToInbox(page: Page) {
  if ((await page.getByTestId('thread-view').count()) === 0) return;
  await page.getByRole('button', { name: 'Back to inbox' }).click();
  await page.getByRole('tab', { name: 'Unassigned' }).waitFor();
}

/** Opens a thread from the inbox (switching to the view that lists it) and waits for its timeline. */
export async function openThread(
  page: Page,
  threadId: string,
  view: 'Unassigned' | 'Mine' | 'All open' | 'Resolved',
) {
  await backToInbox(page);
  await showView(page, view);
  await threadRow(page, threadId).click();
  await page.locator(`[data-testid="thread-view"][data-thread-id="${threadId}"]`).waitFor();
}

/** Sends a reply from the open thread and waits for it in the timeline. */
export async function reply(panel: Page, text: string) {
  await panel.getByRole('textbox', { name: 'Message' }).fill(text);
  await panel.getByRole('button', { name: 'Send' }).click();
  await expect(panel.getByTestId('thread-view')).toContainText(text);
}

/** Resolves the open thread through its toolbar and the confirmation dialog. */
export async function resolve(panel: Page) {
  await panel
    .getByRole('toolbar', { name: 'Thread actions' })
    .getByRole('button', { name: 'Resolve' })
    .click();
  await panel
    .getByRole('dialog', { name: 'Resolve this thread?' })
    .getByRole('button', { name: 'Resolve' })
    .click();
}

export interface EmulatorThread {
  id: string;
  status: string;
  guestParty: { phoneNumber: string };
  ownerParty: { phoneNumber: string };
  assignee?: { extensionId: string; name?: string };
}
export interface EmulatorMessage {
  id: string;
  threadId: string;
  direction: 'Inbound' | 'Outbound';
  messageStatus?: string;
  text?: string;
  author?: { extensionId: string };
}
export interface EmulatorState {
  accounts: { id: string; threads: EmulatorThread[]; messages: EmulatorMessage[] }[];
}

/** The emulator's truth, flattened over accounts. */
export async function emulatorState(emulator: Emulator) {
  const state = await emulator.control<EmulatorState>('state');
  return {
    threads: state.accounts.flatMap((a) => a.threads),
    messages: state.accounts.flatMap((a) => a.messages),
  };
}

/** A fresh fictional customer number in the 555 range. */
export function fictionalNumber(): string {
  return `+1555${String(Math.floor(Math.random() * 10_000_000)).padStart(7, '0')}`;
}

/** Sets the theme through storage (as the options page does) and waits for the page to apply it. */
export async function setTheme(profile: Profile, page: Page, theme: 'light' | 'dark') {
  await profile.worker.evaluate((t) => chrome.storage.local.set({ theme: t }), theme);
  await eventually(
    () => page.evaluate(() => document.documentElement.dataset.theme),
    (v) => v === theme,
  );
}

export async function screenshot(page: Page, name: string): Promise<string> {
  await mkdir(SCREENSHOT_DIR, { recursive: true });
  const file = path.join(SCREENSHOT_DIR, `${name}.png`);
  await page.screenshot({ path: file, animations: 'disabled' });
  return file;
}
