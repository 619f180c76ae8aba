// Measures the real scan loop in headless Chromium on a generated CRM page: how long until rows added
// later carry chips, whether any task ran longer than 50 ms, and how much chips move the layout; and on a
// large page, how soon the first chips and the chips of everything on screen appear.
import { readFile } from 'node:fs/promises';
import path from 'node:path';
import { chromium, type Browser, type Page } from 'playwright-core';
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

const launch = () =>
  chromium.launch({
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

async function openWithDecorator(browser: Browser, pageFile: string, decoratorFile: string): Promise<Page> {
  const page = await browser.newPage({ viewport: { width: 1600, height: 900 } });
  // tsx names functions through a helper the page lacks; the functions below are sent as source.
  await page.addInitScript({ content: 'globalThis.__name = (f) => f;' });
  await page.goto(`file://${pageFile}`, { waitUntil: 'load' });
  await page.addScriptTag({ path: decoratorFile });
  return page;
}

export interface FirstChipNumbers {
  /** From the decorator's start to the first chip in the page. */
  first_chip_ms: number;
  /** From the start until every number on the first screen has its chip (-1: not within 10 s). */
  viewport_chips_ms: number;
  viewport_chips: number;
}

/**
 * Starts the decorator on a loaded page (as the content script starts at document idle) and times the
 * chips' insertion with a MutationObserver; the median of `rounds` fresh page loads.
 */
export async function measureFirstChips(
  pageFile: string,
  decoratorFile: string,
  rounds = 5,
): Promise<FirstChipNumbers> {
  const { truth } = JSON.parse(await readFile(path.join(path.dirname(pageFile), 'truth.json'), 'utf8')) as {
    truth: Array<{ cell: string; negative?: boolean; optional?: boolean }>;
  };
  const phoneCells: Record<string, number> = {};
  for (const t of truth) if (!t.negative && !t.optional) phoneCells[t.cell] = (phoneCells[t.cell] ?? 0) + 1;
  const browser = await launch();
  try {
    const runs: FirstChipNumbers[] = [];
    for (let i = 0; i < rounds; i++) {
      const page = await openWithDecorator(browser, pageFile, decoratorFile);
      runs.push(await page.evaluate(firstChips, { phoneCells, capMs: 10_000 }));
      await page.close();
    }
    const median = (pick: (r: FirstChipNumbers) => number) =>
      runs.map(pick).sort((a, b) => a - b)[Math.floor(runs.length / 2)]!;
    return {
      first_chip_ms: Math.round(median((r) => r.first_chip_ms)),
      viewport_chips_ms: Math.round(median((r) => r.viewport_chips_ms)),
      viewport_chips: median((r) => r.viewport_chips),
    };
  } finally {
    await browser.close();
  }
}

export async function measureLive(pageFile: string, decoratorFile: string, rounds = 5): Promise<LiveNumbers> {
  const browser = await launch();
  try {
    const page = await openWithDecorator(browser, pageFile, decoratorFile);
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

/**
 * Starts the decorator and records when each chip is inserted, until every true number in a cell on the
 * first screen (`phoneCells`: cell id → how many numbers it holds, from truth.json) has its chip, or
 * `capMs` passed. Nothing scrolls.
 */
function firstChips({ phoneCells, capMs }: { phoneCells: Record<string, number>; capMs: number }) {
  const w = window as unknown as BenchWindow;
  const inserted: number[] = [];
  const onScreen = (el: Element) => {
    const r = el.getBoundingClientRect();
    return r.bottom > 0 && r.top < innerHeight && r.right > 0 && r.left < innerWidth;
  };
  const cells = Object.keys(phoneCells)
    .map((id) => document.getElementById(id))
    .filter((el): el is HTMLElement => !!el && onScreen(el));
  const expected = cells.reduce((n, el) => n + phoneCells[el.id]!, 0);
  let start = 0;
  let done = -1;
  // Chips go beside their number, inside open shadow roots too.
  const chipsIn = (root: Element | ShadowRoot): number => {
    let n = root.querySelectorAll('threaddesk-chip').length;
    for (const el of Array.from(root.querySelectorAll('*'))) if (el.shadowRoot) n += chipsIn(el.shadowRoot);
    return n;
  };
  const chipsOnScreen = () => cells.reduce((n, el) => n + Math.min(phoneCells[el.id]!, chipsIn(el)), 0);
  const observer = new MutationObserver((records) => {
    const now = performance.now() - start;
    for (const record of records)
      for (const node of Array.from(record.addedNodes))
        if (node.nodeName === 'THREADDESK-CHIP') inserted.push(now);
    if (done < 0 && chipsOnScreen() >= expected) done = now;
  });
  observer.observe(document.body, { childList: true, subtree: true });
  start = performance.now();
  w.startThreadDesk();
  return new Promise<FirstChipNumbers>((resolve) => {
    const poll = () => {
      if (done < 0 && performance.now() - start < capMs) return void setTimeout(poll, 50);
      observer.disconnect();
      resolve({
        first_chip_ms: inserted.length > 0 ? Math.min(...inserted) : -1,
        viewport_chips_ms: done,
        viewport_chips: expected,
      });
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
