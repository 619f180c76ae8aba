// Walks a DOM subtree (open shadow roots included) and reports the phone numbers a person can see in it.
// Text of adjacent inline elements is joined, so "<b>415</b>-555-0100" is found, without ever touching
// the page's nodes: a match is a Range over them.
import {
  elementKind,
  INLINE,
  isEditable,
  isReadOnlyTextInput,
  isSkippedName,
  MAY_HOST_SHADOW,
  SKIP,
} from './elements';
import { genericFieldLabel, type HeaderCache } from './field-label';
import { EDGE, findInText, toNumber, type TextMatch, type TextOptions } from './find-in-text';
import { fieldLabelKind } from './labels';
import { isPhoneHref, linkNumber } from './links';
import type { DetectOptions, PhoneMatch } from './types';
import { composedParent, hiddenByAttributes, isRendered } from './visibility';

const ELEMENT = 1;
const TEXT = 3;

/** Finds the phone numbers shown in `root` and its subtree; pure apart from reading the DOM. */
export function detectPhoneNumbers(root: Node, options: DetectOptions = {}): PhoneMatch[] {
  if (insideIgnoredContent(root)) return [];
  return new Walk(root, options).run();
}

/** Whether an ancestor of `node` keeps its content from being searched (hidden, editable, script…). */
export function insideIgnoredContent(node: Node): boolean {
  for (let el = composedParent(node); el; el = composedParent(el)) {
    if (isSkippedName(el.nodeName) || hidesContent(el)) return true;
  }
  return false;
}

/**
 * What hides content or makes it the agent's own, whatever the styles say: aria-hidden, `hidden` (even
 * when a style shows it) and contenteditable. Inline and stylesheet hiding is computed style's to answer.
 */
const HIDING_SELECTOR = '[hidden],[aria-hidden="true"],[contenteditable]:not([contenteditable="false" i])';

function hostOf(el: Element): Element | null {
  const root = el.getRootNode();
  return root.nodeType === 11 ? (root as ShadowRoot).host : null;
}

/** Hidden by its attributes, or editable: what the agent cannot see or is typing is not ours to mark. */
function hidesContent(el: Element): boolean {
  return hiddenByAttributes(el) || isEditable(el);
}

class Walk {
  private readonly found: PhoneMatch[] = [];
  private readonly doc: Document;
  private readonly textOptions: TextOptions;
  private readonly headers: HeaderCache = new WeakMap();
  private readonly otherLabels = new Map<string, boolean>();
  /** How many shadow roots deep the walk is, counting the root's own tree. */
  private shadowDepth: number;
  private readonly displayed = new Map<Element, boolean>();
  private lastChecked: Element | undefined;
  private lastShown = false;
  /**
   * The run of text being gathered: its first `count` nodes, where each starts in `text`, and the joined
   * text. The arrays are reused from run to run (cutting an array's length costs more than a counter).
   */
  private readonly nodes: Text[] = [];
  private readonly starts: number[] = [];
  private count = 0;
  private text = '';
  /** Whether an inline element's edge lies between the last text node of the run and the next. */
  private edge = false;

  constructor(
    private readonly root: Node,
    private readonly options: DetectOptions,
  ) {
    this.doc = root.ownerDocument ?? (root as Document);
    this.shadowDepth = root.getRootNode().nodeType === 11 ? 1 : 0;
    this.textOptions = { region: options.defaultCountry, allowFictional: options.allowFictional };
  }

  run(): PhoneMatch[] {
    const root = this.root;
    if (root.nodeType === ELEMENT) this.element(root as Element);
    else if (root.nodeType === TEXT) this.addText(root as Text);
    else this.children(root);
    this.endRun();
    return this.found;
  }

  private children(parent: Node): void {
    for (let n = parent.firstChild; n; n = n.nextSibling) {
      if (n.nodeType === TEXT) this.addText(n as Text);
      else if (n.nodeType === ELEMENT) this.element(n as Element);
    }
  }

  private element(el: Element): void {
    const name = el.nodeName;
    const kind = elementKind(name);
    if (kind & SKIP) return this.endRun();
    if (name === 'A' && isPhoneHref(el.getAttribute('href'))) {
      this.endRun();
      return this.link(el);
    }
    if (name === 'INPUT') {
      this.endRun();
      if (isReadOnlyTextInput(el)) this.input(el);
      return;
    }
    const inline = (kind & INLINE) !== 0;
    if (!inline) this.endRun();
    // Reading shadowRoot costs a DOM call: only ask elements that can have one (not <td>, <tr>, <li>…).
    const shadow = kind & MAY_HOST_SHADOW ? el.shadowRoot : null;
    if (shadow) {
      this.endRun();
      this.options.onShadowRoot?.(shadow);
      this.shadowDepth++;
      this.children(shadow);
      this.endRun();
      this.shadowDepth--;
    }
    this.edge = true;
    this.children(el);
    if (inline) this.edge = true;
    else this.endRun();
  }

  private addText(node: Text): void {
    if (this.edge && this.count > 0) this.text += EDGE;
    this.edge = false;
    this.nodes[this.count] = node;
    this.starts[this.count++] = this.text.length;
    this.text += node.data;
  }

  /** Searches the gathered run of text, then starts a new one. */
  private endRun(): void {
    const { nodes, starts, text, count } = this;
    if (count === 0) return;
    if (text.length >= 8) {
      for (const match of findInText(text, this.textOptions))
        this.textMatch(match, text, nodes, starts, count);
    }
    this.count = 0;
    this.text = '';
    this.edge = false;
  }

  private textMatch(match: TextMatch, text: string, nodes: Text[], starts: number[], count: number): void {
    const first = nodeAt(starts, count, match.start, false);
    const last = nodeAt(starts, count, match.end, true);
    const startNode = nodes[first]!;
    const el = composedParent(startNode);
    if (!el || !this.visible(el)) return;
    if (!match.label && this.labelSaysOther(el)) return;
    const range = this.doc.createRange();
    range.setStart(startNode, match.start - starts[first]!);
    range.setEnd(nodes[last]!, match.end - starts[last]!);
    const written = text.slice(match.start, match.end).replaceAll(EDGE, '');
    this.add({ e164: match.e164, text: written, range, source: 'text' }, match);
  }

  private link(el: Element): void {
    const number = linkNumber(el.getAttribute('href')!);
    const e164 = number && toNumber(number.written, this.textOptions);
    if (!e164 || !this.visible(el)) return;
    const range = this.doc.createRange();
    range.selectNodeContents(el);
    const text = el.textContent?.trim() || number.written;
    this.add({ e164, text, range, source: 'link' }, number);
  }

  private input(el: HTMLInputElement): void {
    const value = el.value;
    const [match] = findInText(value, this.textOptions);
    if (!match || !this.visible(el) || (!match.label && this.labelSaysOther(el))) return;
    const range = this.doc.createRange();
    range.setStartBefore(el);
    range.setEndAfter(el);
    this.add({ e164: match.e164, text: value, range, source: 'input' }, match);
  }

  private add(match: PhoneMatch, from: { extension?: string }): void {
    if (from.extension) match.extension = from.extension;
    this.found.push(match);
  }

  /**
   * Whether the agent can see `el` and is not editing it. Attributes are checked here, for elements that
   * hold a number, rather than on every element walked: most elements hold none.
   */
  private visible(el: Element): boolean {
    // Numbers of one element come one after another: remembering the last answer is enough for styles.
    if (el === this.lastChecked) return this.lastShown;
    this.lastChecked = el;
    const hider = this.hiddenBy(el);
    this.lastShown = !hider && isRendered(el, this.displayed, this.options.layoutClean ?? true);
    if (!this.lastShown) this.options.onHidden?.(hider ?? el);
    return this.lastShown;
  }

  /** The element, `el` or an ancestor (through shadow hosts), whose attributes hide or make editable `el`. */
  private hiddenBy(el: Element): Element | undefined {
    // One native selector match per shadow tree.
    for (let from: Element | null = el; from;) {
      const found: Element | null = from.closest(HIDING_SELECTOR);
      if (found && hidesContent(found)) return found;
      if (found) from = found.parentElement ?? hostOf(found);
      else from = this.shadowDepth > 0 ? hostOf(from) : null;
    }
    return undefined;
  }

  private labelSaysOther(el: Element): boolean {
    const label = this.options.fieldLabel?.(el) ?? genericFieldLabel(el, this.headers);
    if (label === undefined) return false;
    // A page repeats few labels (column headers, field names): each is read once per scan.
    let other = this.otherLabels.get(label);
    if (other === undefined) this.otherLabels.set(label, (other = fieldLabelKind(label) === 'other'));
    return other;
  }
}

/** Index of the text node holding character `offset` of the run (or ending at it, for an end offset). */
function nodeAt(starts: number[], count: number, offset: number, isEnd: boolean): number {
  let i = count - 1;
  while (i > 0 && (isEnd ? starts[i]! >= offset : starts[i]! > offset)) i--;
  return i;
}
