// An agent's presence next to their name: a coloured dot plus words (never colour alone). `compact` keeps the
// words for screen readers and the tooltip only, for dense rows.
import { i18n } from '#i18n';
import type { PresenceKind } from '@/lib/presence/status';

export function presenceLabel(kind: PresenceKind): string {
  return i18n.t(`presence.${kind}`);
}

/** "Name (Busy)" for places that take plain text only (an <option>); just the name when nothing is known. */
export function nameWithPresence(name: string, kind: PresenceKind | undefined): string {
  return kind ? i18n.t('presence.withName', { name, presence: presenceLabel(kind) }) : name;
}

/** Nothing when presence is not known at all (`kind` undefined); "Presence unknown" for values we can't read. */
export function PresenceMark({
  kind,
  compact = false,
}: {
  kind: PresenceKind | undefined;
  compact?: boolean;
}) {
  if (!kind) return null;
  const label = presenceLabel(kind);
  return (
    <span class={`presence presence-${kind}`} data-testid="presence" data-presence={kind} title={label}>
      <span class="presence-dot" aria-hidden="true" />
      <span class={compact ? 'visually-hidden' : 'presence-label'}>{label}</span>
    </span>
  );
}
