import { afterEach, describe, expect, it } from 'vitest';
import type { Deadline } from './idle';
import { startScanLoop } from './scan-loop';

/**
 * Runs slices only when the test says, on a virtual clock: each slice has `budget` units, a scan costs
 * one unit and placing its chips two (as in a browser, placing costs more than scanning).
 */
function manualScheduler(budget: number) {
  const pending: Array<(deadline: Deadline) => void> = [];
  let used = 0;
  return {
    schedule(work: (deadline: Deadline) => void) {
      pending.push(work);
      return () => pending.splice(pending.indexOf(work), 1);
    },
    spend(units: number) {
      used += units;
    },
    /** Runs the next slice; false when none was waiting. */
    runSlice(): boolean {
      const work = pending.shift();
      if (!work) return false;
      used = 0;
      work({ timeRemaining: () => Math.max(0, budget - used) });
      return true;
    },
    get waiting() {
      return pending.length;
    },
  };
}

/** Lets MutationObserver callbacks run. */
const mutationsDelivered = () => new Promise((resolve) => setTimeout(resolve, 0));

let controller: AbortController;

function loop(budget: number, maxElements = 10) {
  const scheduler = manualScheduler(budget);
  const scanned: string[] = [];
  /** What happened, slice by slice: r = scanned a subtree, w = placed its chips. */
  const log: string[] = [];
  let slices = 0;
  controller = new AbortController();
  startScanLoop<string>({
    container: document.body,
    signal: controller.signal,
    maxElements,
    scheduler: (work) => scheduler.schedule(work),
    detect: (root) => {
      scheduler.spend(1);
      log.push('r');
      return [(root as Element).id || root.nodeName];
    },
    scanned: (_root, [name]) => {
      scheduler.spend(2);
      log.push('w');
      scanned.push(name!);
    },
    sliceDone: () => {
      slices++;
      log.push('|');
    },
  });
  return { scheduler, scanned, log, slices: () => slices };
}

afterEach(() => {
  controller.abort();
  document.body.innerHTML = '';
});

describe('scan loop', () => {
  it('scans a large page in slices, child by child, scans before chips within a slice', () => {
    document.body.innerHTML = `<table><tbody id="rows">${Array.from({ length: 30 }, (_, i) => `<tr id="r${i}"><td>x</td></tr>`).join('')}</tbody></table>`;
    const { scheduler, scanned, log, slices } = loop(12);
    expect(scanned).toEqual([]);
    scheduler.runSlice();
    expect(scanned.length).toBeGreaterThan(0);
    expect(scanned.length).toBeLessThan(30);
    while (scheduler.runSlice());
    expect(scanned).toEqual(Array.from({ length: 30 }, (_, i) => `r${i}`));
    expect(slices()).toBeGreaterThanOrEqual(5);
    // Within a slice: owed chips, then scans, then chips; never a scan after a chip of this slice's scans.
    for (const slice of log.join('').split('|').filter(Boolean)) expect(slice).toMatch(/^w*r*w*$/);
  });

  it('scans a small page whole, and then only what changes', async () => {
    document.body.innerHTML = '<ul id="list"><li id="a">a</li><li id="b">b <b id="bold">x</b></li></ul>';
    const { scheduler, scanned } = loop(100, 100);
    scheduler.runSlice();
    expect(scanned).toEqual(['BODY']);
    const li = document.createElement('li');
    li.id = 'c';
    document.getElementById('list')!.appendChild(li);
    document.getElementById('bold')!.firstChild!.textContent = 'y';
    document.getElementById('a')!.setAttribute('class', 'whatever');
    await mutationsDelivered();
    scheduler.runSlice();
    expect(scanned.slice(1).sort()).toEqual(['b', 'c']);
  });

  it('ignores its own chips coming and going', async () => {
    document.body.innerHTML = '<p id="p">x</p>';
    const { scheduler, scanned } = loop(100, 100);
    scheduler.runSlice();
    document.getElementById('p')!.appendChild(document.createElement('threaddesk-chip'));
    await mutationsDelivered();
    expect(scheduler.waiting).toBe(0);
    expect(scanned).toEqual(['BODY']);
  });

  it('stops observing and drops queued work when aborted', async () => {
    document.body.innerHTML = '<p id="p">x</p>';
    const { scheduler, scanned } = loop(100);
    controller.abort();
    expect(scheduler.runSlice()).toBe(false);
    document.getElementById('p')!.textContent = 'y';
    await mutationsDelivered();
    expect(scheduler.waiting).toBe(0);
    expect(scanned).toEqual([]);
  });
});
