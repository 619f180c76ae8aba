// The incremental scan: the rows on screen first, then a pass over the container, then only the subtrees
// that change, in idle-time slices. A MutationObserver queues changed subtrees (in open shadow roots too);
// it ignores our own chips.
import { CHIP_TAG } from '../phone/elements';
import { soon, whenIdle, type Deadline } from './idle';
import { ScanQueue } from './scan-queue';
import { scanParts, segmentRoot } from './segment-root';

export interface ScanHooks<M> {
  /**
   * Finds the numbers in a subtree; told of shadow roots and hidden elements met on the way, and whether
   * the page's layout may be read without forcing a relayout.
   */
  detect(
    root: Node,
    seen: { shadowRoot(root: ShadowRoot): void; hidden(el: Element): void },
    layoutClean: boolean,
  ): M[];
  /** Receives each scanned subtree's numbers (an empty list when it has none any more). */
  scanned(root: Node, matches: M[]): void;
  /** Called after each slice that scanned something; `removals` when the page removed nodes since. */
  sliceDone(removals: boolean): void;
}

export interface ScanLoopOptions<M> extends ScanHooks<M> {
  container: Element;
  signal: AbortSignal;
  /** Subtrees with more elements than this are scanned child by child (default 1500). */
  maxElements?: number;
  /** Runs a slice of work; idle time by default, the first one at once (tests pass their own deadlines). */
  scheduler?: (work: (deadline: Deadline) => void) => () => void;
}

/** Part of a slice kept for placing the chips of what it scanned: they cost more than the scan. */
const WRITE_SHARE = 0.8;
const WATCHED_ATTRIBUTES = [
  'href',
  'value',
  'readonly',
  'hidden',
  'aria-hidden',
  'style',
  'class',
  'contenteditable',
];
/** Attributes that can show content we skipped as hidden, or hide content we decorated. */
const VISIBILITY_ATTRIBUTES = new Set(['hidden', 'aria-hidden', 'style', 'class', 'contenteditable']);
const OBSERVE: MutationObserverInit = {
  childList: true,
  subtree: true,
  characterData: true,
  attributes: true,
  attributeFilter: WATCHED_ATTRIBUTES,
};

export function startScanLoop<M>(options: ScanLoopOptions<M>): void {
  const { container, signal } = options;
  const doc = container.ownerDocument;
  const win = doc.defaultView!;
  const maxElements = options.maxElements ?? 1500;
  const scheduler = options.scheduler ?? ((work: (deadline: Deadline) => void) => whenIdle(win, work));
  const first = options.scheduler ?? ((work: (deadline: Deadline) => void) => soon(win, work));
  const queue = new ScanQueue();
  const observed = new WeakSet<Node>();
  /** Elements skipped as hidden: looked at again when an attribute that may show them changes. */
  const hidden = new Set<Element>();
  let cancelSlice: (() => void) | undefined;
  let removals = false;
  /** Scanned subtrees whose chips are still to be placed. */
  let owed: Array<[Node, M[]]> = [];

  const seen = {
    shadowRoot(root: ShadowRoot) {
      if (observed.has(root)) return;
      observed.add(root);
      observer.observe(root, OBSERVE);
    },
    hidden(el: Element) {
      hidden.add(el);
    },
  };

  function schedule(run = scheduler): void {
    if (cancelSlice || signal.aborted || (queue.size === 0 && owed.length === 0)) return;
    cancelSlice = run(slice);
  }

  /**
   * One slice: the writes (chips) owed by the last slice, then scans, then their writes. Scans all come
   * before writes, since a chip placed between two scans makes every style read after it recompute the
   * page's style; scans stop early enough to leave most of the slice to the writes, and writes that do
   * not fit are owed to the next slice.
   */
  function slice(deadline: Deadline): void {
    cancelSlice = undefined;
    if (signal.aborted) return;
    let progressed = false;
    const write = () => {
      const [node, matches] = owed.shift()!;
      options.scanned(node, matches);
      progressed = true;
    };
    // At least one step per slice, so that a page that is never idle still progresses.
    while (owed.length > 0 && (!progressed || deadline.timeRemaining() > 1)) write();
    if (owed.length === 0) {
      const readUntil = deadline.timeRemaining() * WRITE_SHARE;
      for (
        let node = queue.take();
        node;
        node = deadline.timeRemaining() > readUntil ? queue.take() : undefined
      ) {
        if (!node.isConnected) continue;
        const parts = node.nodeType === 1 ? scanParts(node as Element, maxElements) : undefined;
        if (parts) queue.putFirst(parts);
        else owed.push([node, options.detect(node, seen, !deadline.busy)]);
      }
    }
    while (owed.length > 0 && (!progressed || deadline.timeRemaining() > 1)) write();
    if (progressed) {
      options.sliceDone(removals);
      removals = false;
    }
    schedule();
  }

  function queueChange(node: Node | undefined): void {
    if (node && node !== doc) queue.add(node);
  }

  function onMutations(records: MutationRecord[]): void {
    for (const record of records) {
      const target = record.target;
      if (isOurs(target)) continue;
      if (record.type === 'characterData') queueChange(segmentRoot(target));
      else if (record.type === 'attributes') attributeChanged(target as Element, record.attributeName!);
      else childrenChanged(record);
    }
    schedule();
  }

  function childrenChanged(record: MutationRecord): void {
    for (const node of Array.from(record.addedNodes)) {
      if (isOurs(node)) continue;
      queueChange(node.nodeType === 1 ? segmentRoot(node) : segmentRoot(record.target));
    }
    if (record.removedNodes.length > 0) removals = true;
    for (const node of Array.from(record.removedNodes)) {
      // A removed block took its chips along; a removed text or inline node may leave one behind.
      if (isOurs(node) || (node.nodeType === 1 && segmentRoot(node) === node)) continue;
      queueChange(segmentRoot(record.target));
    }
  }

  function attributeChanged(el: Element, name: string): void {
    if (!VISIBILITY_ATTRIBUTES.has(name)) return queueChange(segmentRoot(el));
    if (name === 'contenteditable' || name === 'hidden' || name === 'aria-hidden')
      queueChange(segmentRoot(el));
    for (const h of hidden) {
      if (!h.isConnected) hidden.delete(h);
      else if (el === h || el.contains(h)) {
        hidden.delete(h);
        queueChange(segmentRoot(h));
      }
    }
  }

  const observer = new win.MutationObserver(onMutations);
  observer.observe(container, OBSERVE);
  signal.addEventListener('abort', () => {
    observer.disconnect();
    cancelSlice?.();
    queue.clear();
    hidden.clear();
    owed = [];
  });
  for (const row of onScreen(doc, container)) queue.add(row);
  queue.add(container);
  schedule(first);
}

/**
 * The rows (or blocks) under points spread over the first screen, top to bottom, so that what the agent
 * sees gets its chips before the rest of a long page is scanned. Layout is fresh when the content script
 * starts (the page is loaded), so the hit tests cost no relayout.
 */
function onScreen(doc: Document, container: Element): Node[] {
  const { innerWidth: width, innerHeight: height } = doc.defaultView!;
  const rows = new Set<Node>();
  if (typeof doc.elementFromPoint !== 'function') return [];
  // A point every 20 px down and every eighth of the width across: no table row or card is thinner.
  for (let y = 10; y < height; y += 20) {
    for (let x = width / 16; x < width; x += width / 8) {
      const el = doc.elementFromPoint(x, y);
      if (!el || el === container || !container.contains(el)) continue;
      const row = el.closest('tr,[role=row]') ?? segmentRoot(el);
      if (row && row !== container) rows.add(row);
    }
  }
  return [...rows];
}

function isOurs(node: Node): boolean {
  return node.nodeName === CHIP_TAG.toUpperCase();
}
