// Full-scan time of our detector next to ringcentral-c2d's, taken turn about on one page in one browser:
// on a shared machine, load changes from second to second, and score.mjs times each detector in its own
// stretch, so its ratio moves with whatever else runs. Here every round times ours and then c2d's, each
// as wall time and as the renderer thread's CPU time (CDP Performance metrics in thread ticks).
import { createRequire } from 'node:module';
import { chromium, type CDPSession, type Page } from 'playwright-core';
import { requireChromium } from '../scripts/chromium-path.ts';
import { projectRoot } from './phone-bundle';

export interface SpeedNumbers {
  ours_ms: number;
  c2d_ms: number;
  ratio: number;
  ours_cpu_ms: number;
  c2d_cpu_ms: number;
  cpu_ratio: number;
}

const median = (xs: number[]) => [...xs].sort((a, b) => a - b)[Math.floor(xs.length / 2)]!;

export async function compareSpeed(
  pageFile: string,
  detectorFile: string,
  rounds = 15,
): Promise<SpeedNumbers> {
  const c2dFile = createRequire(`${projectRoot}/package.json`).resolve('ringcentral-c2d/build/index.js');
  const browser = await chromium.launch({
    executablePath: requireChromium(),
    headless: true,
    args: ['--no-sandbox', '--disable-gpu', '--disable-background-networking', '--no-first-run'],
  });
  try {
    const open = async (script: string, define: () => void) => {
      const page = await browser.newPage();
      // tsx names functions through a helper the page lacks; the functions below are sent as source.
      await page.addInitScript({ content: 'globalThis.__name = (f) => f;' });
      await page.goto(`file://${pageFile}`, { waitUntil: 'load' });
      await page.addScriptTag({ path: script });
      await page.evaluate(define);
      const cdp = await page.context().newCDPSession(page);
      await cdp.send('Performance.enable', { timeDomain: 'threadTicks' });
      await page.evaluate(() => (globalThis as unknown as Scan).__scan()); // warm-up
      return { page, cdp };
    };
    const ours = await open(detectorFile, () => {
      const g = globalThis as unknown as Scan & {
        detectPhoneNumbers(root: Node, options: object): unknown[];
      };
      g.__scan = () => g.detectPhoneNumbers(document.body, { defaultCountry: 'US' }).length;
    });
    // The matcher c2d's default instance uses, as score.mjs takes it.
    const c2d = await open(c2dFile, () => {
      const g = globalThis as unknown as Scan & { RingCentralC2D: new () => C2D };
      const probe = new g.RingCentralC2D();
      const matcher = probe.observer._props.matcher;
      probe.dispose();
      g.__scan = () => matcher.match({ node: document.body, validate: true }).length;
    });
    const wall: [number[], number[]] = [[], []];
    const cpu: [number[], number[]] = [[], []];
    for (let i = 0; i < rounds; i++) {
      for (const [k, side] of [ours, c2d].entries()) {
        const [ms, cpuMs] = await timeScan(side.page, side.cdp);
        wall[k]!.push(ms);
        cpu[k]!.push(cpuMs);
      }
    }
    const [oursMs, c2dMs] = wall.map(median) as [number, number];
    const [oursCpu, c2dCpu] = cpu.map(median) as [number, number];
    return {
      ours_ms: +oursMs.toFixed(1),
      c2d_ms: +c2dMs.toFixed(1),
      ratio: +(oursMs / c2dMs).toFixed(3),
      ours_cpu_ms: +oursCpu.toFixed(1),
      c2d_cpu_ms: +c2dCpu.toFixed(1),
      cpu_ratio: +(oursCpu / c2dCpu).toFixed(3),
    };
  } finally {
    await browser.close();
  }
}

interface Scan {
  __scan(): number;
}
interface C2D {
  observer: { _props: { matcher: { match(o: { node: Node; validate: boolean }): unknown[] } } };
  dispose(): void;
}

async function taskSeconds(cdp: CDPSession): Promise<number> {
  const { metrics } = await cdp.send('Performance.getMetrics');
  return metrics.find((m) => m.name === 'TaskDuration')?.value ?? 0;
}

/** One full scan: its wall time inside the page, and the renderer main thread's CPU time for the task. */
async function timeScan(page: Page, cdp: CDPSession): Promise<[number, number]> {
  const before = await taskSeconds(cdp);
  const ms = await page.evaluate(() => {
    const start = performance.now();
    (globalThis as unknown as Scan).__scan();
    return performance.now() - start;
  });
  return [ms, ((await taskSeconds(cdp)) - before) * 1000];
}
