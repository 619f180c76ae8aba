// Real parts for e2e specs: the emulator on a free loopback port and Debian's Chromium with the built
// extension loaded (platform notes: headless MV3 works with these flags).
import { createHash } from 'node:crypto';
import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { chromium, type BrowserContext, type Page, type Worker } from 'playwright-core';
import { startEmulator } from '../emulator/server.ts';
import { chromiumPath } from '../scripts/chromium-path.ts';

export const EXTENSION_DIR = path.resolve(import.meta.dirname, '../.output/chrome-mv3');

export interface Emulator {
  url: string;
  close(): Promise<void>;
  control<T = unknown>(pathname: string, body?: unknown): Promise<T>;
}

export async function launchEmulator(): Promise<Emulator> {
  const dataDir = await mkdtemp(path.join(tmpdir(), 'td-e2e-emu-'));
  const emu = await startEmulator({ port: 0, dataDir, reset: true });
  return {
    url: emu.url,
    async close() {
      await emu.close();
      await rm(dataDir, { recursive: true, force: true });
    },
    async control<T>(pathname: string, body?: unknown): Promise<T> {
      const res = await fetch(`${emu.url}/__emulator/${pathname}`, {
        method: body === undefined ? 'GET' : 'POST',
        headers: body === undefined ? {} : { 'content-type': 'application/json' },
        body: body === undefined ? undefined : JSON.stringify(body),
      });
      if (!res.ok) throw new Error(`${pathname}: ${res.status} ${await res.text()}`);
      const text = await res.text();
      return (text ? JSON.parse(text) : undefined) as T;
    },
  };
}

export interface Profile {
  context: BrowserContext;
  worker: Worker;
  extensionId: string;
  userDataDir: string;
  close(): Promise<void>;
}

/** A fresh Chromium profile with ThreadDesk loaded, pointed at the given emulator when there is one. */
export async function launchProfile(rc?: { server: string; clientId: string }): Promise<Profile> {
  const userDataDir = await mkdtemp(path.join(tmpdir(), 'td-e2e-profile-'));
  const context = await chromium.launchPersistentContext(userDataDir, {
    executablePath: chromiumPath(),
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
  const worker = await extensionWorker(context);
  const extensionId = new URL(worker.url()).host;
  if (rc) await worker.evaluate((settings) => chrome.storage.local.set({ serverSettings: settings }), rc);
  return {
    context,
    worker,
    extensionId,
    userDataDir,
    async close() {
      await context.close();
      await rm(userDataDir, { recursive: true, force: true });
    },
  };
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
  return profile.context.newPage().then(async (p) => {
    await p.goto(`chrome-extension://${profile.extensionId}/${page}.html`);
    return p;
  });
}

/** Signs in through the real PKCE window: options page button → emulator's sign-in page → redirect. */
export async function signIn(profile: Profile, username: string, password: string): Promise<Page> {
  const options = await extensionPage(profile, 'options');
  const authPage = profile.context.waitForEvent('page', (p) => p.url().includes('/restapi/oauth/authorize'));
  await options.getByRole('button', { name: 'Sign in with RingCentral' }).click();
  const auth = await authPage;
  await auth.getByLabel('Username').fill(username);
  await auth.getByLabel('Password').fill(password);
  await auth.getByRole('button', { name: 'Sign in' }).click();
  return options;
}

export async function badgeText(profile: Profile): Promise<string> {
  return profile.worker.evaluate(() => chrome.action.getBadgeText({}));
}

/** Polls until the check passes (or times out with the last value): UI and push are asynchronous. */
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
