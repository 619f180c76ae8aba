// How the detector treats each kind of element: skipped with its subtree, read as inline text that may
// join with its neighbours into one number, or a boundary that ends a run of text.

/** ThreadDesk's own chip host element; the detector never reads it (its label holds the number). */
export const CHIP_TAG = 'threaddesk-chip';

/** Not shown as text, editable, code, or our own: never searched. SVG and MathML are lower case in HTML. */
const SKIPPED = new Set([
  'SCRIPT',
  'STYLE',
  'NOSCRIPT',
  'TEMPLATE',
  'TEXTAREA',
  'SELECT',
  'OPTION',
  'OPTGROUP',
  'DATALIST',
  'CODE',
  'KBD',
  'SAMP',
  'HEAD',
  'TITLE',
  'IFRAME',
  'OBJECT',
  'EMBED',
  'CANVAS',
  'VIDEO',
  'AUDIO',
  'svg',
  'SVG',
  'math',
  'MATH',
  CHIP_TAG.toUpperCase(),
]);

/** Phrasing elements whose text flows on with their neighbours': "<b>415</b>-555-0100" is one number. */
const INLINE_NAMES = new Set([
  'A',
  'ABBR',
  'ACRONYM',
  'B',
  'BDI',
  'BDO',
  'BIG',
  'CITE',
  'DATA',
  'DEL',
  'DFN',
  'EM',
  'FONT',
  'I',
  'INS',
  'LABEL',
  'MARK',
  'NOBR',
  'Q',
  'S',
  'SMALL',
  'SPAN',
  'STRIKE',
  'STRONG',
  'SUB',
  'SUP',
  'TIME',
  'TT',
  'U',
  'VAR',
  'WBR',
]);

/** Built-in elements that may host a shadow root; any custom element may too. */
const SHADOW_HOSTS = new Set([
  'ARTICLE',
  'ASIDE',
  'BLOCKQUOTE',
  'BODY',
  'DIV',
  'FOOTER',
  'H1',
  'H2',
  'H3',
  'H4',
  'H5',
  'H6',
  'HEADER',
  'MAIN',
  'NAV',
  'P',
  'SECTION',
  'SPAN',
]);

/** What the walk does with an element, as flags: one lookup per element instead of three. */
export const SKIP = 1;
export const INLINE = 2;
export const MAY_HOST_SHADOW = 4;

const KINDS = new Map<string, number>();
for (const name of SKIPPED) KINDS.set(name, SKIP);
for (const name of INLINE_NAMES) KINDS.set(name, INLINE);
for (const name of SHADOW_HOSTS) KINDS.set(name, (KINDS.get(name) ?? 0) | MAY_HOST_SHADOW);

/** Takes an element's nodeName, which the walk reads once per element. Any custom element may host a shadow root. */
export function elementKind(nodeName: string): number {
  return KINDS.get(nodeName) ?? (nodeName.includes('-') ? MAY_HOST_SHADOW : 0);
}

export function isSkippedName(nodeName: string): boolean {
  return SKIPPED.has(nodeName);
}

export function isInlineElement(el: Element): boolean {
  return INLINE_NAMES.has(el.nodeName);
}

export function isEditable(el: Element): boolean {
  const value = el.getAttribute('contenteditable');
  return value !== null && value.toLowerCase() !== 'false';
}

/** A read-only text input: CRMs show stored phones that way. Editable inputs belong to the agent. */
export function isReadOnlyTextInput(el: Element): el is HTMLInputElement {
  if (el.nodeName !== 'INPUT' || !el.hasAttribute('readonly')) return false;
  const type = (el.getAttribute('type') ?? 'text').toLowerCase();
  return type === 'text' || type === 'tel' || type === '';
}
