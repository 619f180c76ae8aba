// The chip placed beside a detected number: a button in its own shadow root, so page CSS cannot break it
// and it cannot break the page. Plain DOM, since it ships in the content script.
import type { ChipState } from '../../lib/messaging';
import { CHIP_TAG } from '../../lib/phone/elements';
import { chipLabel, initials } from './chip-text';
import { HOST_STYLE, ICON, SHADOW_CSS } from './chip-style';

export type ChipElement = HTMLElement & { readonly dataset: { tdPhone: string } };

interface Parts {
  chip: HTMLElement;
  initials: HTMLElement;
}

/** What each document's chips share: one parsed style sheet (where it can be adopted) and the markup. */
interface Shared {
  sheet?: CSSStyleSheet;
  template: HTMLTemplateElement;
}

const shared = new WeakMap<Document, Shared>();
const parts = new WeakMap<Element, Parts>();

function sharedFor(doc: Document): Shared {
  let s = shared.get(doc);
  if (!s) {
    const template = doc.createElement('template');
    const markup = `<span class="chip" part="chip"><b class="initials"></b>${ICON}<i class="dot"></i></span>`;
    let sheet: CSSStyleSheet | undefined;
    try {
      sheet = new (doc.defaultView as Window & typeof globalThis).CSSStyleSheet();
      sheet.replaceSync(SHADOW_CSS);
    } catch {
      sheet = undefined;
    }
    template.innerHTML = sheet ? markup : `<style>${SHADOW_CSS}</style>${markup}`;
    s = { sheet, template };
    shared.set(doc, s);
  }
  return s;
}

function attachContent(host: HTMLElement, doc: Document): void {
  const root = host.attachShadow({ mode: 'open' });
  let { sheet, template } = sharedFor(doc);
  if (sheet) {
    try {
      root.adoptedStyleSheets = [sheet];
    } catch {
      // Firefox content scripts cannot hand the page's shadow root a sheet made in their own compartment.
      const s = shared.get(doc)!;
      s.sheet = sheet = undefined;
      s.template.innerHTML = `<style>${SHADOW_CSS}</style>${s.template.innerHTML}`;
      template = s.template;
    }
  }
  root.appendChild(template.content.cloneNode(true));
  const chip = root.querySelector('.chip') as HTMLElement;
  parts.set(host, { chip, initials: chip.firstElementChild as HTMLElement });
}

/** Creates a chip for `e164` that calls `activate` on click, Enter or Space. */
export function createChip(doc: Document, e164: string, activate: () => void): ChipElement {
  const host = doc.createElement(CHIP_TAG) as ChipElement;
  host.dataset.tdPhone = e164;
  host.setAttribute('role', 'button');
  host.setAttribute('tabindex', '0');
  host.setAttribute('style', HOST_STYLE);
  attachContent(host, doc);
  // The page must not see these events: a click on a chip inside a list row should not open the row.
  const run = (event: Event) => {
    event.preventDefault();
    event.stopPropagation();
    activate();
  };
  host.addEventListener('click', run);
  host.addEventListener('keydown', (event) => {
    if (event.key === 'Enter' || event.key === ' ') run(event);
  });
  setChipState(host, undefined);
  return host;
}

/** Shows a thread state (undefined while it is being looked up). */
export function setChipState(host: ChipElement, state: ChipState | undefined): void {
  const label = chipLabel(host.dataset.tdPhone, state);
  host.setAttribute('aria-label', label);
  host.title = label;
  host.dataset.tdState = state ? `${state.kind}${state.unread ? ' unread' : ''}` : 'loading';
  const { chip, initials: initialsEl } = parts.get(host)!;
  chip.dataset.kind = state?.kind ?? 'loading';
  chip.toggleAttribute('data-unread', !!state?.unread);
  initialsEl.textContent = state?.kind === 'other' ? initials(state.assigneeName) : '';
}
