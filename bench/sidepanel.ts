// Side panel benchmark in Chromium against the built extension (playwright-core): open-to-interactive with
// 2,000 cached threads, opening a thread of 1,000 messages, and keystroke-to-paint in the composer.
// The store is seeded from the panel page itself (same origin as the extension), so no server is needed.
// Run: npm run build && npx tsx bench/sidepanel.ts [--screenshots <dir>]   (BENCH_EXTENSION_DIR overrides)
import { execFileSync } from 'node:child_process';
import { existsSync, mkdirSync } from 'node:fs';
import path from 'node:path';
import { pathToFileURL } from 'node:url';
import { chromium, type BrowserContext, type Page } from 'playwright-core';
import { requireChromium } from '../scripts/chromium-path';

const root = path.resolve(import.meta.dirname, '..');
const THREADS = 2000;
const MESSAGES = 1000;
const RUNS = 5;

function percentile(values: number[], p: number): number {
  const sorted = [...values].sort((a, b) => a - b);
  return sorted[Math.min(sorted.length - 1, Math.floor((p / 100) * sorted.length))] ?? NaN;
}
const ms = (v: number) => `${v.toFixed(1)} ms`;

async function launch(extensionDir: string): Promise<{ ctx: BrowserContext; id: string }> {
  const ctx = await chromium.launchPersistentContext('', {
    executablePath: requireChromium(),
    headless: true,
    viewport: { width: 400, height: 800 },
    args: [
      '--no-sandbox',
      `--disable-extensions-except=${extensionDir}`,
      `--load-extension=${extensionDir}`,
      '--disable-background-networking',
      '--disable-component-update',
      '--disable-sync',
      '--no-first-run',
      '--disable-quic',
    ],
  });
  // tsx compiles named functions with an __name helper; functions sent to the page need it too.
  await ctx.addInitScript('globalThis.__name = (f) => f;');
  const worker = ctx.serviceWorkers()[0] ?? (await ctx.waitForEvent('serviceworker'));
  return { ctx, id: worker.url().split('/')[2]! };
}

/** Writes the cached inbox straight into the extension's IndexedDB and storage, as a synced profile has it. */
async function seed(page: Page) {
  await page.evaluate(
    async ({ threads, messages }) => {
      const iso = (min: number) => new Date(Date.parse('2026-03-02T08:00:00Z') + min * 60_000).toISOString();
      const me = { extensionId: 'bench-me', name: 'Bench Agent' };
      await chrome.storage.local.set({
        authStatus: {
          state: 'signedIn',
          user: { extensionId: me.extensionId, accountId: 'bench', name: me.name },
        },
        capabilities: {
          me,
          feature: { available: true },
          resources: [
            {
              id: 'q1',
              name: 'Support',
              type: 'Department',
              sharedNumbers: ['+16505550100'],
              handlers: [{ id: me.extensionId, name: me.name, assignable: true }],
            },
          ],
          fetchedAt: Date.now(),
        },
      });
      const db = await new Promise<IDBDatabase>((resolve, reject) => {
        const req = indexedDB.open('threaddesk');
        req.onsuccess = () => resolve(req.result);
        req.onerror = () => reject(req.error);
      });
      const tx = db.transaction(['threads', 'entries', 'summaries'], 'readwrite');
      for (let i = 0; i < threads; i++) {
        const id = `bench-${i}`;
        const time = iso(threads - i);
        tx.objectStore('threads').put({
          id,
          status: 'Open',
          availability: 'Alive',
          owner: { extensionId: 'q1', extensionType: 'Department', name: 'Support' },
          ownerParty: { phoneNumber: '+16505550100' },
          guestParty: { phoneNumber: `+1650556${String(i).padStart(4, '0')}` },
          assignee: i % 3 === 0 ? me : undefined,
          creationTime: time,
          lastModifiedTime: time,
        });
        tx.objectStore('summaries').put({
          threadId: id,
          preview: `Message number ${i} about an order`,
          previewDirection: 'Inbound',
          lastEntryAt: time,
          lastInboundAt: time,
          waitingSince: time,
          optedOut: false,
        });
      }
      for (let m = 0; m < messages; m++) {
        const time = iso(m - messages);
        tx.objectStore('entries').put({
          recordType: 'AliveMessage',
          id: `bench-msg-${m}`,
          threadId: 'bench-0',
          availability: 'Alive',
          creationTime: time,
          lastModifiedTime: time,
          direction: m % 2 ? 'Outbound' : 'Inbound',
          messageStatus: m % 2 ? 'Delivered' : 'Received',
          author: m % 2 ? me : undefined,
          text: `Message ${m}: lorem ipsum dolor sit amet, see https://example.com/${m}`,
          time,
        });
      }
      await new Promise((resolve, reject) => {
        tx.oncomplete = resolve;
        tx.onerror = () => reject(tx.error);
      });
      db.close();
    },
    { threads: THREADS, messages: MESSAGES },
  );
}

async function markTime(page: Page, name: string): Promise<number> {
  try {
    const handle = await page.waitForFunction(
      (n) => performance.getEntriesByName(n).at(-1)?.startTime,
      name,
      {
        timeout: 30_000,
      },
    );
    return (await handle.jsonValue()) as number;
  } catch (error) {
    // Say what the panel showed instead (e.g. the background signed the seeded profile out).
    const shown = await page.locator('body').innerText();
    const stored = await page.evaluate(() => chrome.storage.local.get(['authStatus', 'capabilities']));
    throw new Error(
      `no ${name}; panel shows: ${shown.slice(0, 200)}; storage: ${JSON.stringify(stored).slice(0, 300)}`,
      {
        cause: error,
      },
    );
  }
}

/** From the click on a row to the first frame painted after the thread's timeline rendered. */
async function openThread(page: Page): Promise<number> {
  await page.evaluate(() => performance.clearMarks());
  await page.getByRole('tab', { name: 'Mine' }).click();
  const t0 = await page.evaluate(() => performance.now());
  await page.getByRole('option', { name: '(650) 556-0000' }).click();
  await markTime(page, 'threaddesk:thread-rendered');
  const t1 = await page.evaluate(
    () => new Promise<number>((r) => requestAnimationFrame(() => r(performance.now()))),
  );
  return t1 - t0;
}

/** Each keystroke's delay from keydown to the next frame after the composer re-rendered. */
async function keystrokes(page: Page): Promise<number[]> {
  await page.evaluate(() => {
    const w = window as unknown as { __lat: number[] };
    w.__lat = [];
    const box = document.querySelector('[data-testid="composer-text"]')!;
    box.addEventListener('keydown', (e) => {
      const start = e.timeStamp;
      requestAnimationFrame(() => setTimeout(() => w.__lat.push(performance.now() - start), 0));
    });
  });
  await page.getByRole('textbox', { name: 'Message' }).click();
  await page.keyboard.type('Thanks for waiting, your order ships today 🙂 ', { delay: 30 });
  await page.waitForTimeout(200);
  return page.evaluate(() => (window as unknown as { __lat: number[] }).__lat);
}

export async function run(options: { screenshots?: string } = {}): Promise<Record<string, string>> {
  const extensionDir = process.env.BENCH_EXTENSION_DIR ?? path.join(root, '.output/chrome-mv3');
  if (!existsSync(path.join(extensionDir, 'manifest.json'))) {
    execFileSync('npx', ['wxt', 'build'], { cwd: root, stdio: 'inherit' });
  }
  const { ctx, id } = await launch(extensionDir);
  try {
    const url = `chrome-extension://${id}/sidepanel.html`;
    const page = await ctx.newPage();
    page.on('pageerror', (error) => console.error('side panel error:', error.message));
    await page.goto(url);
    await page.waitForFunction(() => document.querySelector('#app')?.childElementCount);
    await seed(page);

    const cold: number[] = [];
    const scripts: number[] = [];
    const stores: number[] = [];
    for (let i = 0; i < RUNS; i++) {
      await page.reload();
      cold.push(await markTime(page, 'threaddesk:inbox-ready'));
      scripts.push(await markTime(page, 'threaddesk:panel-start'));
      stores.push(await markTime(page, 'threaddesk:store-loaded'));
    }
    const rendered = await page.getByRole('option').count();
    if (options.screenshots) {
      mkdirSync(options.screenshots, { recursive: true });
      await page.screenshot({ path: path.join(options.screenshots, 'inbox.png') });
    }

    const opens: number[] = [];
    for (let i = 0; i < RUNS; i++) {
      if (i > 0) await page.getByRole('button', { name: 'Back to inbox' }).click();
      opens.push(await openThread(page));
    }
    const entries = await page.getByTestId('entry').count();
    const lat = await keystrokes(page);
    if (options.screenshots) await page.screenshot({ path: path.join(options.screenshots, 'thread.png') });

    return {
      'open-to-interactive, 2,000 threads (median)': ms(percentile(cold, 50)),
      'open-to-interactive, 2,000 threads (max)': ms(Math.max(...cold)),
      '  scripts loaded at (median)': ms(percentile(scripts, 50)),
      '  local store read at (median)': ms(percentile(stores, 50)),
      'inbox rows in the DOM': String(rendered),
      'open thread of 1,000 messages (median)': ms(percentile(opens, 50)),
      'open thread of 1,000 messages (max)': ms(Math.max(...opens)),
      'timeline items rendered at open': String(entries),
      'keystroke-to-paint (median)': ms(percentile(lat, 50)),
      'keystroke-to-paint (p95)': ms(percentile(lat, 95)),
    };
  } finally {
    await ctx.close();
  }
}

if (import.meta.url === pathToFileURL(process.argv[1] ?? '').href) {
  const i = process.argv.indexOf('--screenshots');
  const results = await run({ screenshots: i > 0 ? process.argv[i + 1] : undefined });
  for (const [key, value] of Object.entries(results)) console.log(`${key.padEnd(48)} ${value}`);
}
