// Whether content is shown: by its attributes (right even without layout, as under happy-dom) and by
// computed style, checked only for elements that hold a number.

const HIDING_STYLE = /(?:^|;)\s*(?:display\s*:\s*none|visibility\s*:\s*(?:hidden|collapse))\b/i;

/** Hidden by its own attributes: `hidden`, aria-hidden="true", or an inline display:none/visibility:hidden. */
export function hiddenByAttributes(el: Element): boolean {
  if (el.hasAttribute('hidden') || el.getAttribute('aria-hidden') === 'true') return true;
  const style = el.getAttribute('style');
  return style !== null && HIDING_STYLE.test(style);
}

/**
 * Whether `el` is displayed (it and its flat-tree ancestors not display:none, and slotted when it is a
 * shadow host's child) and visible. With a fresh layout, checkVisibility() answers most elements in one
 * native call; it also says false for display:contents, which has no box but shows its text, so a "no" is
 * confirmed from computed style. Otherwise computed style alone: checkVisibility() and other layout reads
 * would force a relayout after every chip inserted, which costs a large table a hundred milliseconds.
 * `displayed` remembers ancestors for one scan.
 */
export function isRendered(el: Element, displayed: Map<Element, boolean>, layoutClean: boolean): boolean {
  if (layoutClean && el.checkVisibility?.({ visibilityProperty: true })) return true;
  const view = el.ownerDocument.defaultView;
  if (!view) return true;
  const style = view.getComputedStyle(el);
  if (style.visibility === 'hidden' || style.visibility === 'collapse') return false;
  return isDisplayed(el, view, displayed, style.display);
}

function isDisplayed(el: Element, view: Window, memo: Map<Element, boolean>, display?: string): boolean {
  const known = memo.get(el);
  if (known !== undefined) return known;
  const parent = composedParent(el);
  // A shadow host's light child shows only when slotted.
  const unslotted = !!parent && parent === el.parentElement && !!parent.shadowRoot && !el.assignedSlot;
  const shown =
    !unslotted &&
    (display ?? view.getComputedStyle(el).display) !== 'none' &&
    (!parent || isDisplayed(parent, view, memo));
  memo.set(el, shown);
  return shown;
}

/** The parent element, stepping from a shadow root to its host. */
export function composedParent(node: Node): Element | null {
  if (node.parentElement) return node.parentElement;
  const parent = node.parentNode;
  return parent && parent.nodeType === 11 && (parent as ShadowRoot).host ? (parent as ShadowRoot).host : null;
}
