// Keeps one chip beside each detected number. Chips are inserted as the next sibling of the number's text
// (or of its link, inline wrapper or read-only input) and never wrap or split the page's nodes, so a
// framework that re-renders can remove them without error; a rescan then puts them back where they belong.
import { createChip, setChipState, type ChipElement } from '../../components/chip/chip';
import type { ChipState } from '../messaging';
import { CHIP_TAG, isInlineElement } from '../phone/elements';
import type { PhoneMatch } from '../phone/types';

export interface Found {
  match: PhoneMatch;
  /** The contact's name read beside the number, sent with lookups and when the chip is opened. */
  name?: string;
}

interface Chip {
  host: ChipElement;
  anchor: Node;
  e164: string;
  name?: string;
}

export interface ChipLayerOptions {
  doc: Document;
  stateOf(e164: string): ChipState | undefined;
  open(e164: string, name: string | undefined): void;
}

/** Elements a chip goes after rather than into: clicking a chip must not follow a link or press a button. */
const WRAPPERS = new Set(['A', 'BUTTON', 'LABEL', 'SUMMARY']);

export class ChipLayer {
  private readonly byHost = new WeakMap<Element, Chip>();
  private readonly byNumber = new Map<string, Set<Chip>>();
  /** Chips inside shadow trees, which a query from an outer root cannot see. */
  private readonly inShadow = new Set<Chip>();

  constructor(private readonly options: ChipLayerOptions) {}

  /**
   * Makes the chips inside `root` match what a scan of `root` found: keeps those still beside their
   * number, adds the missing ones, removes the rest. Returns the numbers that got a new chip.
   */
  sync(root: Node, found: Found[]): string[] {
    const stale = new Set(this.chipsIn(root));
    const added: string[] = [];
    for (const { match, name } of found) {
      const anchor = anchorOf(match);
      const kept = this.existing(anchor, match.e164);
      if (kept) {
        stale.delete(kept);
        kept.name = name ?? kept.name;
        continue;
      }
      this.insert(anchor, match.e164, name);
      added.push(match.e164);
    }
    for (const chip of stale) this.remove(chip);
    return added;
  }

  /** Shows new states on the chips of those numbers. */
  update(states: Record<string, ChipState>): void {
    for (const [e164, state] of Object.entries(states)) {
      for (const chip of this.byNumber.get(e164) ?? []) setChipState(chip.host, state);
    }
  }

  /** Forgets chips whose host the page removed (with a re-rendered subtree). */
  sweep(): void {
    for (const chips of this.byNumber.values()) {
      for (const chip of chips) if (!chip.host.isConnected) this.forget(chip);
    }
  }

  removeAll(): void {
    for (const chips of this.byNumber.values()) for (const chip of chips) chip.host.remove();
    this.byNumber.clear();
    this.inShadow.clear();
  }

  get count(): number {
    let n = 0;
    for (const chips of this.byNumber.values()) n += chips.size;
    return n;
  }

  /** Chips inside `root`: found by tag in its tree, plus those in shadow trees below it. */
  private chipsIn(root: Node): Chip[] {
    const chips: Chip[] = [];
    const scope = root as ParentNode;
    if (typeof scope.querySelectorAll === 'function') {
      for (const host of Array.from(scope.querySelectorAll(CHIP_TAG))) {
        const chip = this.byHost.get(host);
        if (chip) chips.push(chip);
      }
    }
    if (root.nodeType === 3 || this.inShadow.size === 0) return chips;
    const rootTree = root.getRootNode();
    for (const chip of this.inShadow) {
      if (chip.host.getRootNode() !== rootTree && containsComposed(root, chip.host)) chips.push(chip);
    }
    return chips;
  }

  /** The chip for `e164` right after `anchor` (past other chips), if it is still there. */
  private existing(anchor: Node, e164: string): Chip | undefined {
    for (let n = anchor.nextSibling; n && n.nodeName === CHIP_TAG.toUpperCase(); n = n.nextSibling) {
      const chip = this.byHost.get(n as Element);
      if (chip && chip.e164 === e164 && chip.anchor === anchor) return chip;
    }
    return undefined;
  }

  private insert(anchor: Node, e164: string, name: string | undefined): void {
    const { doc, stateOf, open } = this.options;
    const chip: Chip = { anchor, e164, name, host: undefined as unknown as ChipElement };
    chip.host = createChip(doc, e164, () => open(e164, chip.name));
    const state = stateOf(e164);
    if (state) setChipState(chip.host, state);
    let after: Node = anchor;
    while (after.nextSibling && after.nextSibling.nodeName === CHIP_TAG.toUpperCase())
      after = after.nextSibling;
    after.parentNode!.insertBefore(chip.host, after.nextSibling);
    this.byHost.set(chip.host, chip);
    if (chip.host.getRootNode().nodeType === 11) this.inShadow.add(chip);
    let set = this.byNumber.get(e164);
    if (!set) this.byNumber.set(e164, (set = new Set()));
    set.add(chip);
  }

  private remove(chip: Chip): void {
    chip.host.remove();
    this.forget(chip);
  }

  private forget(chip: Chip): void {
    this.inShadow.delete(chip);
    const set = this.byNumber.get(chip.e164);
    set?.delete(chip);
    if (set?.size === 0) this.byNumber.delete(chip.e164);
  }
}

/**
 * The node a match's chip goes after: the input or link itself, else the number's last text node, or the
 * inline element wrapping it when the number ends that element ("<span>555-0100</span>", "<a>…</a>").
 */
export function anchorOf(match: PhoneMatch): Node {
  if (match.source === 'input') return match.range.endContainer.childNodes[match.range.endOffset - 1]!;
  if (match.source === 'link') return match.range.startContainer;
  let node: Node = match.range.endContainer;
  if (node.nodeType === 3 && match.range.endOffset < (node as Text).data.trimEnd().length) return node;
  for (let parent = node.parentElement; parent; parent = parent.parentElement) {
    const last = lastMeaningfulChild(parent);
    if (last !== node || !(isInlineElement(parent) || WRAPPERS.has(parent.nodeName))) break;
    node = parent;
  }
  return node;
}

function lastMeaningfulChild(el: Element): Node | null {
  let last = el.lastChild;
  while (last && last.nodeType === 3 && !(last as Text).data.trim()) last = last.previousSibling;
  return last;
}

function containsComposed(root: Node, node: Node): boolean {
  for (let n: Node | null = node; n;) {
    if (n === root) return true;
    n = n.parentNode ?? (n.nodeType === 11 ? (n as ShadowRoot).host : null);
  }
  return false;
}
