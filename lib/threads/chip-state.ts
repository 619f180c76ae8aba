// What a chip beside a customer number on a CRM page shows, computed from the store alone.
import type { ChipState } from '../messaging';
import type { MessageThread } from '../rc/schemas';
import type { ThreadSummary } from '../sync/db';
import { isMine, isOpen, isUnassigned, isUnread, openThreadFor } from './rules';

export interface ChipInputs {
  threads: MessageThread[];
  summaries: Map<string, ThreadSummary>;
  reads: Map<string, string>;
  me: string;
}

export function chipStateFor(phone: string, s: ChipInputs): ChipState {
  const open = openThreadFor(s.threads, phone);
  if (!open) {
    // Opt-out outlives the thread it was sent in: look at the customer's latest thread.
    const latest = s.threads
      .filter((t) => t.guestParty?.phoneNumber === phone && t.availability === 'Alive')
      .sort((a, b) => b.lastModifiedTime.localeCompare(a.lastModifiedTime))[0];
    return { kind: latest && s.summaries.get(latest.id)?.optedOut ? 'optedOut' : 'none', unread: false };
  }
  const summary = s.summaries.get(open.id);
  const unread = isUnread(summary, s.reads.get(open.id));
  const base = { unread };
  if (summary?.optedOut) return { kind: 'optedOut', ...base };
  if (isUnassigned(open)) return { kind: 'unassigned', ...base };
  if (isMine(open, s.me)) return { kind: 'mine', ...base };
  if (isOpen(open) && open.assignee) {
    return {
      kind: 'other',
      ...base,
      ...(open.assignee.name ? { assigneeName: open.assignee.name } : {}),
    };
  }
  return { kind: 'none', unread: false };
}

export function chipStates(phones: string[], s: ChipInputs): Record<string, ChipState> {
  return Object.fromEntries(phones.map((p) => [p, chipStateFor(p, s)]));
}
