// What a chip says, to people (tooltip) and to screen readers (its accessible name), in the browser's
// language (locales/).
import { i18n } from '#i18n';
import type { ChipState } from '../../lib/messaging';
import { formatForDisplay } from '../../lib/phone/format';

function stateText(state: ChipState | undefined): string {
  if (!state) return i18n.t('chip.checking');
  const base =
    state.kind === 'other'
      ? state.assigneeName
        ? i18n.t('chip.assignedTo', { name: state.assigneeName })
        : i18n.t('chip.assignedElse')
      : i18n.t(`chip.${state.kind}`);
  return state.unread ? i18n.t('chip.unread', { state: base }) : base;
}

/** "Open SMS thread with +1 555-987-0101 — unassigned", or with "Ada Diaz (from Salesforce), " before the
 *  number when the customer's name is known. */
export function chipLabel(e164: string, state: ChipState | undefined): string {
  const number = formatForDisplay(e164);
  const who = state?.customer ? i18n.t('chip.customer', { name: state.customer, number }) : number;
  return i18n.t('chip.label', { who, state: stateText(state) });
}

/** Up to two initials of an assignee's name, shown on the chip in place of the icon. */
export function initials(name: string | undefined): string {
  if (!name) return '';
  const words = name.trim().split(/\s+/).filter(Boolean);
  const letters = words.length > 1 ? [words[0]!, words[words.length - 1]!] : words;
  return letters.map((w) => Array.from(w)[0]!.toUpperCase()).join('');
}
