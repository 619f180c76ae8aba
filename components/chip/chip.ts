// The chip placed beside a detected number: a button in its own shadow root, so page CSS cannot break it
// and it cannot break the page. Plain DOM, since it ships in the content script.
import type { ChipState } from '../../lib/messaging';
import { CHIP_TAG } from '../../lib/phone/elements';
import { chipLabel, initials } from './chip-text';
import { HOST_STYLE, ICON, SHADOW_CSS } from './chip-style';

export type ChipElement = HTMLElement & { readonly dataset: { tdPhone: string } };

/** Creates a chip for `e164` that calls `activate` on click, Enter or Space. */
export function createChip(doc: Document, e164: string, activate: () => void): ChipElement {
  const host = doc.createElement(CHIP_TAG) as ChipElement;
  host.dataset.tdPhone = e164;
  host.setAttribute('role', 'button');
  host.setAttribute('tabindex', '0');
  host.setAttribute('style', HOST_STYLE);
  host.attachShadow({ mode: 'open' }).appendChild(chipTemplate(doc).content.cloneNode(true));
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

const templates = new WeakMap<Document, HTMLTemplateElement>();

/** The chip's shadow content, parsed once per document and cloned for each chip. */
function chipTemplate(doc: Document): HTMLTemplateElement {
  let template = templates.get(doc);
  if (!template) {
    template = doc.createElement('template');
    template.innerHTML = `<style>${SHADOW_CSS}</style><span class="chip" part="chip"><b class="initials"></b>${ICON}<i class="dot"></i></span>`;
    templates.set(doc, template);
  }
  return template;
}

/** Shows a thread state (undefined while it is being looked up). */
export function setChipState(host: ChipElement, state: ChipState | undefined): void {
  const label = chipLabel(host.dataset.tdPhone, state);
  host.setAttribute('aria-label', label);
  host.title = label;
  const chip = host.shadowRoot!.querySelector('.chip') as HTMLElement;
  chip.dataset.kind = state?.kind ?? 'loading';
  chip.toggleAttribute('data-unread', !!state?.unread);
  chip.querySelector('.initials')!.textContent = state?.kind === 'other' ? initials(state.assigneeName) : '';
  host.dataset.tdState = state ? `${state.kind}${state.unread ? ' unread' : ''}` : 'loading';
}
