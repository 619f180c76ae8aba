// Small readers of CRM markup shared by the adapters. They cross shadow roots, since Lightning and other
// web-component CRMs keep record fields inside them.

const MAX_NAME = 120;

/** The closest ancestor-or-self matching `selector`, looking through shadow roots to their hosts. */
export function closestAcrossShadow(el: Element, selector: string): Element | undefined {
  for (let e: Element | null = el; e;) {
    const found = e.closest(selector);
    if (found) return found;
    const root = e.getRootNode();
    e = root instanceof ShadowRoot ? root.host : null;
  }
  return undefined;
}

/** A person's or company's name as written on the page: one line, some letters, no digits. */
export function cleanName(text: string | null | undefined): string | undefined {
  const name = text?.replace(/\s+/g, ' ').trim();
  if (!name || name.length > MAX_NAME || /\d/.test(name) || !/\p{L}/u.test(name)) return undefined;
  return name;
}

/** The name in the row holding `el`: the first element of the row matching `nameSelector`. */
export function nameInRow(el: Element, rowSelector: string, nameSelector: string): string | undefined {
  const row = closestAcrossShadow(el, rowSelector);
  return row ? cleanName(row.querySelector(nameSelector)?.textContent) : undefined;
}

/** A field label as written: one line, not too long. */
export function cleanLabel(text: string | null | undefined): string | undefined {
  const label = text?.replace(/\s+/g, ' ').trim();
  return label && label.length <= 60 ? label : undefined;
}

/** The name in the first of `selectors` that the document has. */
export function firstText(doc: Document, selectors: readonly string[]): string | undefined {
  for (const selector of selectors) {
    const name = cleanName(doc.querySelector(selector)?.textContent);
    if (name) return name;
  }
  return undefined;
}
