import { afterEach, describe, expect, it } from 'vitest';
import type { Deadline } from './idle';
import { startScanLoop } from './scan-loop';

/** Runs slices only when the test says, each with room for `perSlice` subtrees. */
function manualScheduler(perSlice: number) {
  const pending: Array<(deadline: Deadline) => void> = [];
  return {
    schedule(work: (deadline: Deadline) => void) {
      pending.push(work);
      return () => pending.splice(pending.indexOf(work), 1);
    },
    /** Runs the next slice; false when none was waiting. */
    runSlice(): boolean {
      const work = pending.shift();
      if (!work) return false;
      let left = perSlice;
      work({ timeRemaining: () => (left-- > 1 ? 10 : 0) });
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

function loop(perSlice: number, maxElements = 10) {
  const scheduler = manualScheduler(perSlice);
  const scanned: string[] = [];
  let slices = 0;
  controller = new AbortController();
  startScanLoop<string>({
    container: document.body,
    signal: controller.signal,
    maxElements,
    scheduler: (work) => scheduler.schedule(work),
    detect: (root) => [(root as Element).id || root.nodeName],
    scanned: (_root, [name]) => scanned.push(name!),
    sliceDone: () => slices++,
  });
  return { scheduler, scanned, slices: () => slices };
}

afterEach(() => {
  controller.abort();
  document.body.innerHTML = '';
});

describe('scan loop', () => {
  it('scans a large page in slices, child by child, yielding between slices', () => {
    document.body.innerHTML = `<table><tbody id="rows">${Array.from({ length: 30 }, (_, i) => `<tr id="r${i}"><td>x</td></tr>`).join('')}</tbody></table>`;
    const { scheduler, scanned, slices } = loop(4);
    expect(scanned).toEqual([]);
    scheduler.runSlice();
    // The first slice spends its room splitting body, table and tbody, then scans one row.
    expect(scanned).toEqual(['r0']);
    scheduler.runSlice();
    expect(scanned).toEqual(['r0', 'r1', 'r2', 'r3', 'r4']);
    while (scheduler.runSlice());
    expect(scanned).toHaveLength(30);
    expect(scanned[29]).toBe('r29');
    expect(slices()).toBeGreaterThanOrEqual(8);
  });

  it('scans a small page whole, and then only what changes', async () => {
    document.body.innerHTML = '<ul id="list"><li id="a">a</li><li id="b">b <b id="bold">x</b></li></ul>';
    const { scheduler, scanned } = loop(100);
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
    const { scheduler, scanned } = loop(100);
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
