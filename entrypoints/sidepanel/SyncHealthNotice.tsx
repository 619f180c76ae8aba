// What sync skipped or could not read, under the connection banner: the inbox keeps working, and the agent
// knows it may be missing something (lib/sync/health.ts keeps the counts until they are dismissed).
import { i18n } from '#i18n';
import { formatShortTime } from '@/lib/format/time';
import { isStalled, needsNotice, skippedCount, type StreamHealth } from '@/lib/sync/health';
import type { StreamKind } from '@/lib/sync/stream';
import { useServices } from './services';

const counted = (counts: Record<string, number>) =>
  Object.entries(counts)
    .map(([k, n]) => (n > 1 ? `${k} ×${n}` : k))
    .join(', ');

function lines(kind: StreamKind, h: StreamHealth, now: number): string[] {
  const stream = i18n.t(`connection.health.streams.${kind}`);
  const out: string[] = [];
  const bad = h.badPage;
  if (bad && isStalled(h)) out.push(i18n.t('connection.health.stalled', { stream }));
  else if (bad?.recoveredAt) {
    out.push(
      i18n.t('connection.health.recovered', {
        stream,
        time: formatShortTime(new Date(bad.at).toISOString(), now),
        recovered: formatShortTime(new Date(bad.recoveredAt).toISOString(), now),
      }),
    );
  } else if (bad) out.push(i18n.t('connection.health.recovering', { stream, attempts: bad.attempts }));
  const skipped = skippedCount(h);
  if (skipped > 0) {
    const kinds = { ...h.unknownRecordTypes };
    if (h.invalidRecords) kinds[i18n.t('connection.health.unreadable')] = h.invalidRecords;
    out.push(i18n.t('connection.health.skipped', { stream, count: skipped, kinds: counted(kinds) }));
  }
  if (Object.keys(h.unknownValues).length > 0) {
    out.push(i18n.t('connection.health.unknownValues', { stream, values: counted(h.unknownValues) }));
  }
  return out;
}

export function SyncHealthNotice() {
  const { settings, now } = useServices();
  const health = settings.syncHealth.value;
  if (!health) return null;
  const kinds = (['threads', 'entries'] as const).filter((k) => needsNotice(health[k]));
  if (kinds.length === 0) return null;
  const degraded = kinds.some(
    (k) =>
      isStalled(health[k]) ||
      skippedCount(health[k]) > 0 ||
      (health[k].badPage && !health[k].badPage.recoveredAt),
  );
  return (
    <div class={`banner ${degraded ? 'warn' : 'info'}`} role="status" data-testid="sync-health">
      <strong>{i18n.t(degraded ? 'connection.health.title' : 'connection.health.titleRecovered')}</strong>
      <ul>
        {kinds
          .flatMap((k) => lines(k, health[k], now.value))
          .map((line) => (
            <li key={line}>{line}</li>
          ))}
      </ul>
      <button type="button" class="link" onClick={() => void settings.dismissSyncHealth()}>
        {i18n.t('connection.health.dismiss')}
      </button>
    </div>
  );
}
