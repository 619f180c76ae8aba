// A custom CRM site across a browser restart: added once in the options page, it still gets chips after
// Chromium is closed and opened again on the same profile (the registration persists across sessions),
// without adding it again.
//
// Not here: a grant removed outside our options page. In this emulator build every 127.0.0.1 port is a
// required host (the emulator's port varies), which chrome.permissions.remove refuses to take away, and a
// site on another host needs the permission prompt that headless Chromium cannot answer. That path is
// lib/crm/custom-sites.test.ts's (permissions.onRemoved → the site leaves the list → unregistered).
import { mkdtemp, rm } from 'node:fs/promises';
import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { chipsFor } from './chips.ts';
import { expect, test } from './fixtures.ts';
import {
  eventually,
  extensionPage,
  launchEmulator,
  launchProfile,
  signIn,
  type Emulator,
  type Profile,
} from './harness.ts';

const CUSTOMER = '+14155552671';
let emulator: Emulator;
let server: Server;
let site: string;
let userDataDir: string;
const opened: Profile[] = [];

async function open(): Promise<Profile> {
  const profile = await launchProfile(emulator, { userDataDir });
  opened.push(profile);
  return profile;
}

const registered = (profile: Profile) =>
  profile.worker.evaluate(() => chrome.scripting.getRegisteredContentScripts());

async function chipsOnSite(profile: Profile): Promise<number> {
  const page = await profile.context.newPage();
  await page.goto(`${site}/contacts`);
  try {
    return await eventually(
      async () => (await chipsFor(page, CUSTOMER)).length,
      (n) => n > 0,
      { timeoutMs: 15_000 },
    );
  } finally {
    await page.close();
  }
}

test.beforeAll(async () => {
  emulator = await launchEmulator();
  server = createServer((_req, res) => {
    res.writeHead(200, { 'content-type': 'text/html' });
    res.end('<!doctype html><main><table><tr><td>Ana Ruiz</td><td>(415) 555-2671</td></tr></table></main>');
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  site = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
  userDataDir = await mkdtemp(path.join(tmpdir(), 'td-e2e-restart-'));
});

test.afterAll(async () => {
  for (const p of opened) await p.close().catch(() => undefined);
  server?.close();
  await emulator?.close();
  await rm(userDataDir, { recursive: true, force: true });
});

test('a custom site keeps its chips after a browser restart without being added again', async () => {
  const first = await open();
  const [avery] = emulator.advisors();
  await (await signIn(first, avery!.username, avery!.password)).close();
  const options = await extensionPage(first, 'options');
  await options.getByLabel('Site address').fill(site);
  await options.getByRole('button', { name: 'Add site' }).click();
  await eventually(
    () => registered(first),
    (scripts) => scripts.some((s) => s.matches?.includes('http://127.0.0.1/*')),
  );
  expect(await chipsOnSite(first)).toBe(1);
  await first.close();

  // The same profile, a new browser: nothing is added again. Polled: the new worker's start-up check of the
  // registration against the saved sites (lib/crm/custom-sites.ts) may still be running when it is first read.
  const second = await open();
  await eventually(
    () => registered(second),
    (scripts) => scripts.some((s) => s.matches?.includes('http://127.0.0.1/*')),
  );
  expect(await chipsOnSite(second)).toBe(1);
});
