// What a chip says, to people (tooltip) and to screen readers (its accessible name).
import type { ChipState } from '../../lib/messaging';
import { formatForDisplay } from '../../lib/phone/format';

function stateText(state: ChipState | undefined): string {
  if (!state) return 'checking';
  const base = {
    none: 'no thread yet',
    unassigned: 'unassigned',
    mine: 'assigned to you',
    other: state.assigneeName ? `assigned to ${state.assigneeName}` : 'assigned to someone else',
    optedOut: 'opted out',
  }[state.kind];
  return state.unread ? `${base}, unread` : base;
}

/** "Open SMS thread with +1 555-987-0101 — unassigned", or with "Ada Diaz (from Salesforce), " before the
 *  number when the customer's name is known. */
export function chipLabel(e164: string, state: ChipState | undefined): string {
  const who = state?.customer ? `${state.customer}, ${formatForDisplay(e164)}` : formatForDisplay(e164);
  return `Open SMS thread with ${who} — ${stateText(state)}`;
}

/** Up to two initials of an assignee's name, shown on the chip in place of the icon. */
export function initials(name: string | undefined): string {
  if (!name) return '';
  const words = name.trim().split(/\s+/).filter(Boolean);
  const letters = words.length > 1 ? [words[0]!, words[words.length - 1]!] : words;
  return letters.map((w) => Array.from(w)[0]!.toUpperCase()).join('');
}
