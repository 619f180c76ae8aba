// The chip placed beside a detected number. Everything it knows lives in a CLOSED shadow root: the page sees
// a bare <threaddesk-chip> with a fixed inline style and nothing else — no role, label, title or state on the
// host, and `host.shadowRoot` is null to page scripts. The button role and accessible name sit on an element
// inside the root, so screen readers still announce it. Only trusted input (event.isTrusted: a real click or
// key press, never a page's el.click() or dispatchEvent) activates it. Plain DOM, since it ships in the
// content script.
import type { ChipState } from '../../lib/messaging';
import { CHIP_TAG } from '../../lib/phone/elements';
import { chipLabel, initials } from './chip-text';
import { HOST_STYLE, ICON, SHADOW_CSS } from './chip-style';

export type ChipElement = HTMLElement;

interface Parts {
  e164: string;
  chip: HTMLElement;
  initials: HTMLElement;
}

/** What each document's chips share: one parsed style sheet (where it can be adopted) and the markup. */
interface Shared {
  sheet?: CSSStyleSheet;
  template: HTMLTemplateElement;
}

const shared = new WeakMap<Document, Shared>();
// Held here, in the content script's world, because a closed root cannot be reached from its host.
const parts = new WeakMap<Element, Parts>();

const MARKUP = `<span class="chip" role="button" tabindex="0"><b class="initials"></b>${ICON}<i class="dot"></i></span>`;

function sharedFor(doc: Document): Shared {
  let s = shared.get(doc);
  if (!s) {
    const template = doc.createElement('template');
    let sheet: CSSStyleSheet | undefined;
    try {
      sheet = new (doc.defaultView as Window & typeof globalThis).CSSStyleSheet();
      sheet.replaceSync(SHADOW_CSS);
    } catch {
      sheet = undefined;
    }
    template.innerHTML = sheet ? MARKUP : `<style>${SHADOW_CSS}</style>${MARKUP}`;
    s = { sheet, template };
    shared.set(doc, s);
  }
  return s;
}

function attachContent(host: HTMLElement, doc: Document): HTMLElement {
  const root = host.attachShadow({ mode: 'closed', delegatesFocus: true });
  let { sheet, template } = sharedFor(doc);
  if (sheet) {
    try {
      root.adoptedStyleSheets = [sheet];
    } catch {
      // Firefox content scripts cannot hand the page's shadow root a sheet made in their own compartment.
      const s = shared.get(doc)!;
      s.sheet = sheet = undefined;
      s.template.innerHTML = `<style>${SHADOW_CSS}</style>${MARKUP}`;
      template = s.template;
    }
  }
  root.appendChild(template.content.cloneNode(true));
  return root.querySelector('.chip') as HTMLElement;
}

/** Creates a chip for `e164` that calls `activate` on a real click, Enter or Space. */
export function createChip(doc: Document, e164: string, activate: () => void): ChipElement {
  const host = doc.createElement(CHIP_TAG);
  host.setAttribute('style', HOST_STYLE);
  const chip = attachContent(host, doc);
  parts.set(host, { e164, chip, initials: chip.firstElementChild as HTMLElement });
  const run = (event: Event) => {
    // The page must not see these events either: a click on a chip inside a list row should not open the row.
    event.preventDefault();
    event.stopPropagation();
    if (event.isTrusted) activate();
  };
  chip.addEventListener('click', run);
  chip.addEventListener('keydown', (event) => {
    if (event.key === 'Enter' || event.key === ' ') run(event);
  });
  setChipState(host, undefined);
  return host;
}

/** The number a chip stands for (known only to the content script). */
export function chipPhone(host: Element): string | undefined {
  return parts.get(host)?.e164;
}

/** Shows a thread state (undefined while it is being looked up). */
export function setChipState(host: ChipElement, state: ChipState | undefined): void {
  const p = parts.get(host);
  if (!p) return;
  const label = chipLabel(p.e164, state);
  p.chip.setAttribute('aria-label', label);
  p.chip.title = label;
  p.chip.dataset.kind = state?.kind ?? 'loading';
  p.chip.toggleAttribute('data-unread', !!state?.unread);
  p.initials.textContent = state?.kind === 'other' ? initials(state.assigneeName) : '';
}
