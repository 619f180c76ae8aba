// Real parts for e2e specs: the emulator on a free loopback port (the shared test client) and Debian's
// Chromium with the built extension loaded (headless MV3 works with these flags). Specs normally take these
// through the fixtures in e2e/fixtures.ts; specs that play one story over several tests call them from
// test.beforeAll. Every profile records a Playwright trace, kept only for a failed test (e2e/README.md).
import { createHash } from 'node:crypto';
import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { chromium, type BrowserContext, type Page, type Worker } from '@playwright/test';
import { requireChromium } from '../scripts/chromium-path.ts';
import type { EmulatorOptions } from '../emulator/server.ts';
import { startTestEmulator, type TestEmulator } from '../test/support/emulator.ts';

export type { SeededUser } from '../test/support/emulator.ts';
export type Emulator = TestEmulator;

export const EXTENSION_DIR = path.resolve(import.meta.dirname, '../.output/chrome-mv3');

/** A fresh emulator on its defaults (rate limits on, the demo seed), or with the options given (a profile). */
export function launchEmulator(options: EmulatorOptions = {}): Promise<Emulator> {
  return startTestEmulator(options);
}

export interface Profile {
  context: BrowserContext;
  worker: Worker;
  extensionId: string;
  userDataDir: string;
  /** Opens one of the extension's pages in a new tab. */
  open(page: 'sidepanel' | 'options'): Promise<Page>;
  /** Ends the current trace chunk, writing it to `file` if given, and starts the next one. */
  cutTrace(file?: string): Promise<void>;
  close(): Promise<void>;
}

const openProfiles = new Set<Profile>();

/** Profiles still open: the fixtures cut their traces after every test. */
export function liveProfiles(): Profile[] {
  return [...openProfiles];
}

export interface ProfileOptions {
  /**
   * A profile directory to open (again): what a browser restart keeps. The caller owns it; close() leaves
   * it in place. Without it, a fresh temporary profile, removed on close().
   */
  userDataDir?: string;
}

/** A Chromium profile with ThreadDesk loaded (fresh unless told), pointed at the emulator when one is given. */
export async function launchProfile(
  emulator?: Pick<Emulator, 'url' | 'credentials'>,
  options: ProfileOptions = {},
): Promise<Profile> {
  const userDataDir = options.userDataDir ?? (await mkdtemp(path.join(tmpdir(), 'td-e2e-profile-')));
  const context = await chromium.launchPersistentContext(userDataDir, {
    executablePath: requireChromium(),
    headless: true,
    viewport: { width: 1280, height: 800 },
    args: [
      '--no-sandbox',
      `--disable-extensions-except=${EXTENSION_DIR}`,
      `--load-extension=${EXTENSION_DIR}`,
      '--disable-background-networking',
      '--disable-component-update',
      '--disable-sync',
      '--no-first-run',
      '--disable-quic',
      '--disable-gpu',
    ],
  });
  await context.tracing.start({ screenshots: true, snapshots: true, title: path.basename(userDataDir) });
  await context.tracing.startChunk();
  let tracing = true;
  const worker = await extensionWorker(context);
  const extensionId = new URL(worker.url()).host;
  if (emulator) {
    const settings = { server: emulator.url, clientId: emulator.credentials.publicClientId };
    await worker.evaluate((s) => chrome.storage.local.set({ serverSettings: s }), settings);
  }
  const profile: Profile = {
    context,
    worker,
    extensionId,
    userDataDir,
    async open(page) {
      const tab = await context.newPage();
      await tab.goto(`chrome-extension://${extensionId}/${page}.html`);
      return tab;
    },
    async cutTrace(file) {
      if (!tracing) return;
      await context.tracing.stopChunk(file ? { path: file } : {});
      await context.tracing.startChunk();
    },
    async close() {
      openProfiles.delete(profile);
      if (tracing) {
        tracing = false;
        await context.tracing.stop().catch(() => undefined);
      }
      await context.close();
      if (!options.userDataDir) await rm(userDataDir, { recursive: true, force: true });
    },
  };
  openProfiles.add(profile);
  return profile;
}

/** Chrome's id for an unpacked extension: sha256 of its absolute path, hex digits mapped to a–p. */
export function unpackedExtensionId(dir: string): string {
  const hex = createHash('sha256').update(path.resolve(dir)).digest('hex').slice(0, 32);
  return [...hex].map((c) => String.fromCharCode(97 + parseInt(c, 16))).join('');
}

/** The extension's service worker; if its start event was missed, an extension page wakes it. */
async function extensionWorker(context: BrowserContext): Promise<Worker> {
  const started = context.serviceWorkers()[0];
  if (started) return started;
  const nudge = setTimeout(() => {
    void context
      .newPage()
      .then((p) => p.goto(`chrome-extension://${unpackedExtensionId(EXTENSION_DIR)}/options.html`))
      .catch(() => undefined);
  }, 5_000);
  try {
    return await eventually(
      async () => context.serviceWorkers()[0],
      (w) => !!w,
      { timeoutMs: 60_000, intervalMs: 200 },
    ).then((w) => w!);
  } finally {
    clearTimeout(nudge);
  }
}

export function extensionPage(profile: Profile, page: 'sidepanel' | 'options'): Promise<Page> {
  return profile.open(page);
}

/** Signs in through the real PKCE window: options page button → emulator's sign-in page → redirect. */
export async function signIn(profile: Profile, username: string, password: string): Promise<Page> {
  const options = await profile.open('options');
  const authPage = profile.context.waitForEvent('page', (p) => p.url().includes('/restapi/oauth/authorize'));
  await options.getByRole('button', { name: 'Sign in with RingCentral' }).click();
  const auth = await authPage;
  await auth.getByLabel('Username').fill(username);
  await auth.getByLabel('Password').fill(password);
  await auth.getByRole('button', { name: 'Sign in' }).click();
  return options;
}

/** The state of the background's sign-in as it publishes it in storage.local. */
export async function authState(profile: Profile): Promise<string | undefined> {
  return profile.worker.evaluate(async () => {
    const { authStatus } = await chrome.storage.local.get('authStatus');
    return (authStatus as { state?: string } | undefined)?.state;
  });
}

export async function badgeText(profile: Profile): Promise<string> {
  return profile.worker.evaluate(() => chrome.action.getBadgeText({}));
}

/** Polls until the check passes (or times out with the last value): UI and push are asynchronous. Use it
 *  where expect.poll cannot run (test.beforeAll hooks) or when the value itself is needed. */
export async function eventually<T>(
  read: () => Promise<T>,
  ok: (value: T) => boolean,
  { timeoutMs = 10_000, intervalMs = 100 } = {},
): Promise<T> {
  const end = Date.now() + timeoutMs;
  let last = await read();
  while (!ok(last)) {
    if (Date.now() > end) throw new Error(`condition not met; last value: ${JSON.stringify(last)}`);
    await new Promise((r) => setTimeout(r, intervalMs));
    last = await read();
  }
  return last;
}
