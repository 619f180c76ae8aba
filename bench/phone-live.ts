// Measures the real scan loop in headless Chromium on a generated CRM page: how long until rows added
// later carry chips, whether any task ran longer than 50 ms, and how much chips move the layout.
import { chromium } from 'playwright-core';
import { requireChromium } from '../scripts/chromium-path.ts';

export interface LiveNumbers {
  initial_decoration_ms: number;
  initial_chips: number;
  rows_added_decorated_ms: number;
  long_tasks: number;
  longest_task_ms: number;
  table_height_delta_px: number;
  rows_taller_after_chips: number;
}

const STABLE_MS = 1000;

export async function measureLive(pageFile: string, decoratorFile: string, rounds = 5): Promise<LiveNumbers> {
  const browser = await chromium.launch({
    executablePath: requireChromium(),
    headless: true,
    args: [
      '--no-sandbox',
      '--disable-gpu',
      '--disable-background-networking',
      '--disable-component-update',
      '--no-first-run',
    ],
  });
  try {
    const page = await browser.newPage({ viewport: { width: 1600, height: 900 } });
    // tsx names functions through a helper the page lacks; the functions below are sent as source.
    await page.addInitScript({ content: 'globalThis.__name = (f) => f;' });
    await page.goto(`file://${pageFile}`, { waitUntil: 'load' });
    await page.addScriptTag({ path: decoratorFile });
    const before = await page.evaluate(prepare);
    const initial = await page.evaluate(startAndSettle, STABLE_MS);
    const layout = await page.evaluate(compareLayout, before);
    const appended: number[] = [];
    for (let i = 0; i < rounds; i++) appended.push(await page.evaluate(appendRows, 20));
    const tasks = await page.evaluate(() => (window as unknown as BenchWindow).__longTasks);
    appended.sort((a, b) => a - b);
    return {
      initial_decoration_ms: Math.round(initial.ms),
      initial_chips: initial.chips,
      rows_added_decorated_ms: +appended[Math.floor(appended.length / 2)]!.toFixed(1),
      long_tasks: tasks.length,
      longest_task_ms: Math.round(Math.max(0, ...tasks)),
      ...layout,
    };
  } finally {
    await browser.close();
  }
}

interface BenchWindow {
  __longTasks: number[];
  __pristineRows: string[];
  startThreadDesk(): AbortController;
}

/** Records long tasks, the rows as generated, and row heights before any chip. */
function prepare(): number[] {
  const w = window as unknown as BenchWindow;
  w.__longTasks = [];
  new PerformanceObserver((list) => {
    for (const entry of list.getEntries()) w.__longTasks.push(entry.duration);
  }).observe({ type: 'longtask' });
  const rows = Array.from(document.querySelectorAll<HTMLTableRowElement>('#grid tbody tr'));
  w.__pristineRows = rows.slice(0, 20).map((r) => r.outerHTML);
  return rows.map((r) => r.offsetHeight);
}

/** Starts the decorator and waits until no chip has been added for `stableMs`. */
function startAndSettle(stableMs: number): Promise<{ ms: number; chips: number }> {
  const w = window as unknown as BenchWindow;
  const count = () => document.getElementsByTagName('threaddesk-chip').length;
  const start = performance.now();
  w.startThreadDesk();
  return new Promise((resolve) => {
    let last = -1;
    let lastChange = performance.now();
    const poll = () => {
      const n = count();
      if (n !== last) {
        last = n;
        lastChange = performance.now();
      }
      if (n > 0 && performance.now() - lastChange >= stableMs) resolve({ ms: lastChange - start, chips: n });
      else setTimeout(poll, 50);
    };
    poll();
  });
}

function compareLayout(before: number[]): { table_height_delta_px: number; rows_taller_after_chips: number } {
  const rows = Array.from(document.querySelectorAll<HTMLTableRowElement>('#grid tbody tr'));
  let taller = 0;
  let delta = 0;
  rows.forEach((row, i) => {
    const d = row.offsetHeight - (before[i] ?? row.offsetHeight);
    if (d > 0) taller++;
    delta += d;
  });
  return { table_height_delta_px: delta, rows_taller_after_chips: taller };
}

/** Appends `n` generated rows and resolves with the ms until each has its two phone chips. */
function appendRows(n: number): Promise<number> {
  const w = window as unknown as BenchWindow;
  const tbody = document.querySelector('#grid tbody')!;
  const holder = document.createElement('tbody');
  holder.innerHTML = w.__pristineRows.slice(0, n).join('');
  const rows = Array.from(holder.children);
  return new Promise((resolve) => {
    const done = () => rows.every((r) => r.querySelectorAll('threaddesk-chip').length >= 2);
    const start = performance.now();
    const observer = new MutationObserver(() => {
      if (!done()) return;
      observer.disconnect();
      resolve(performance.now() - start);
    });
    observer.observe(tbody, { childList: true, subtree: true });
    tbody.append(...rows);
  });
}
