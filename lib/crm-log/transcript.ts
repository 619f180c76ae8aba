// The conversation as the CRM activity holds it: one line per message (and per note, when the setting says so),
// with time, direction and who wrote it. Pure, so the same thread always gives the same text, and an update is
// only sent when the text changed.
import type { MessageThread } from '../rc/schemas';
import type { StoredEntry } from '../sync/db';

export interface TranscriptOptions {
  includeNotes: boolean;
  customerName?: string;
  optedOut?: boolean;
}

/** "2026-12-01 14:05 UTC": the CRM shows it beside the agent's own time zone, so say which zone this is. */
export function stamp(iso: string): string {
  const d = new Date(iso);
  if (Number.isNaN(d.getTime())) return iso;
  return `${d.toISOString().slice(0, 10)} ${d.toISOString().slice(11, 16)} UTC`;
}

function attachmentsOf(entry: StoredEntry): string {
  if (entry.recordType !== 'AliveMessage' || !entry.attachments?.length) return '';
  return entry.attachments.map((a) => ` [attachment: ${a.filename ?? a.contentType}]`).join('');
}

export function transcript(
  thread: MessageThread,
  entries: readonly StoredEntry[],
  options: TranscriptOptions,
): string {
  const customer = options.customerName
    ? `${options.customerName} (${thread.guestParty?.phoneNumber ?? 'unknown number'})`
    : (thread.guestParty?.phoneNumber ?? 'Customer');
  const lines: string[] = [];
  for (const entry of [...entries].sort((a, b) => a.time.localeCompare(b.time) || a.id.localeCompare(b.id))) {
    if (entry.recordType === 'AliveMessage') {
      const who =
        entry.direction === 'Inbound' ? `${customer} → us` : `${entry.author?.name ?? 'Agent'} → customer`;
      const failed =
        entry.messageStatus === 'DeliveryFailed' || entry.messageStatus === 'SendingFailed'
          ? ' (not delivered)'
          : '';
      lines.push(
        `${stamp(entry.creationTime)} · ${who}${failed}: ${entry.text ?? ''}${attachmentsOf(entry)}`.trimEnd(),
      );
    } else if (entry.recordType === 'AliveNote' && options.includeNotes) {
      lines.push(
        `${stamp(entry.creationTime)} · internal note by ${entry.author?.name ?? 'an agent'}: ${entry.text ?? ''}`,
      );
    } else if (entry.recordType === 'ThreadAssignedHint') {
      lines.push(`${stamp(entry.time)} · assigned to ${entry.assignee?.name ?? 'nobody'}`);
    } else if (entry.recordType === 'ThreadResolvedHint') {
      lines.push(
        `${stamp(entry.time)} · resolved${entry.initiator?.name ? ` by ${entry.initiator.name}` : ''}`,
      );
    }
  }
  if (options.optedOut) lines.push('The customer has opted out of texts from this number (STOP).');
  return lines.join('\n');
}

export function activityTitle(thread: MessageThread, customerName: string | undefined): string {
  const who = customerName ?? thread.guestParty?.phoneNumber ?? 'a customer';
  return `SMS conversation with ${who}`;
}

/** A cheap, stable fingerprint of what was written, to skip updates that would change nothing. */
export function fingerprint(text: string): string {
  let h = 2166136261;
  for (let i = 0; i < text.length; i++) h = Math.imul(h ^ text.charCodeAt(i), 16777619);
  return `${text.length}:${(h >>> 0).toString(36)}`;
}
