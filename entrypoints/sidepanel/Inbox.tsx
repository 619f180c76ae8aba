// The inbox: view tabs with counts, resource filter, search and the virtualized thread list.
import { i18n } from '#i18n';
import { useEffect, useRef } from 'preact/hooks';
import { VirtualList } from '@/components/VirtualList';
import type { MessageThread } from '@/lib/rc/schemas';
import { VIEWS, type View } from '@/lib/ui/inbox';
import { useServices } from './services';
import { ThreadRow, ROW_HEIGHT } from './ThreadRow';

const VIEW_LABEL: Record<View, () => string> = {
  unassigned: () => i18n.t('inbox.view.unassigned'),
  mine: () => i18n.t('inbox.view.mine'),
  open: () => i18n.t('inbox.view.open'),
  resolved: () => i18n.t('inbox.view.resolved'),
};

// "1.3K" keeps four tabs on one line in a narrow panel; the exact number is in the title.
const compact = new Intl.NumberFormat(undefined, { notation: 'compact' });

export function Inbox() {
  const { inbox, navigate, openOptions } = useServices();
  const rows = inbox.rows.value;
  const open = (t: MessageThread) => navigate({ name: 'thread', threadId: t.id });
  const resources = inbox.resources.value;
  const hasRows = rows.length > 0;
  useEffect(() => {
    // Benchmarks measure open-to-interactive up to the first rows on screen.
    if (hasRows && !performance.getEntriesByName('threaddesk:inbox-ready').length) {
      performance.mark('threaddesk:inbox-ready');
    }
  }, [hasRows]);
  return (
    <div class="inbox">
      <header class="toolbar">
        <button type="button" class="primary" onClick={() => navigate({ name: 'new' })}>
          {i18n.t('inbox.newConversation')}
        </button>
        <span class="spacer" />
        <button type="button" data-testid="open-team" onClick={() => navigate({ name: 'team' })}>
          {i18n.t('team.open')}
        </button>
        <button type="button" onClick={openOptions}>
          {i18n.t('inbox.settings')}
        </button>
      </header>
      <ViewTabs />
      <AssigneeFilter />
      <TargetSummary />
      <div class="filters">
        {resources.length > 1 && (
          <select
            aria-label={i18n.t('inbox.resourceFilter')}
            value={inbox.resourceId.value}
            onChange={(e) => inbox.setResource((e.currentTarget as HTMLSelectElement).value)}
          >
            <option value="">{i18n.t('inbox.allResources')}</option>
            {resources.map((r) => (
              <option key={r.id} value={r.id}>
                {r.name}
              </option>
            ))}
          </select>
        )}
        <input
          type="search"
          aria-label={i18n.t('inbox.search')}
          placeholder={i18n.t('inbox.searchPlaceholder')}
          value={inbox.query.value}
          onInput={(e) => inbox.setQuery((e.currentTarget as HTMLInputElement).value)}
        />
      </div>
      <div
        role="tabpanel"
        id="inbox-panel"
        aria-labelledby={`tab-${inbox.view.value}`}
        class="inbox-panel"
        data-testid="inbox"
      >
        {rows.length === 0 ? (
          <EmptyView />
        ) : (
          <VirtualList
            id="threads"
            testId="thread-list"
            label={i18n.t('inbox.listLabel', { view: VIEW_LABEL[inbox.view.value]() })}
            items={rows}
            rowHeight={ROW_HEIGHT}
            getKey={(t) => t.id}
            onActivate={open}
            onEndReached={
              inbox.view.value === 'resolved' && inbox.resolvedMore.value
                ? () => void inbox.loadMoreResolved()
                : undefined
            }
            renderRow={(t, info) => (
              <ThreadRow thread={t} labelId={info.labelId} descriptionId={info.descriptionId} />
            )}
          />
        )}
        {inbox.view.value === 'resolved' && <ResolvedPaging />}
      </div>
      <footer class="inbox-footer">
        <small>{i18n.t('inbox.readStateNote')}</small>
      </footer>
    </div>
  );
}

function ViewTabs() {
  const { inbox, store } = useServices();
  const refs = useRef<Partial<Record<View, HTMLButtonElement | null>>>({});
  const current = inbox.view.value;
  const counts = inbox.counts.value;
  const complete = store.complete.value;
  function onKeyDown(e: KeyboardEvent) {
    const i = VIEWS.indexOf(current);
    const next =
      e.key === 'ArrowRight'
        ? VIEWS[(i + 1) % VIEWS.length]
        : e.key === 'ArrowLeft'
          ? VIEWS[(i + VIEWS.length - 1) % VIEWS.length]
          : e.key === 'Home'
            ? VIEWS[0]
            : e.key === 'End'
              ? VIEWS[VIEWS.length - 1]
              : undefined;
    if (!next) return;
    e.preventDefault();
    inbox.setView(next);
    refs.current[next]?.focus();
  }
  return (
    <div role="tablist" aria-label={i18n.t('inbox.views')} class="tabs" onKeyDown={onKeyDown}>
      {VIEWS.map((view) => (
        <button
          key={view}
          ref={(el) => void (refs.current[view] = el)}
          type="button"
          role="tab"
          id={`tab-${view}`}
          aria-selected={view === current}
          aria-controls="inbox-panel"
          tabIndex={view === current ? 0 : -1}
          data-testid={`tab-${view}`}
          onClick={() => inbox.setView(view)}
        >
          {VIEW_LABEL[view]()}
          {view !== 'resolved' && (
            <span
              class="count"
              id={`count-${view}`}
              data-testid={`count-${view}`}
              title={complete ? String(counts[view]) : undefined}
            >
              {complete ? compact.format(counts[view]) : '…'}
            </span>
          )}
        </button>
      ))}
    </div>
  );
}

/** How many threads are overdue or at risk against their response-time targets (nothing when none). */
function TargetSummary() {
  const { inbox } = useServices();
  const { overdue, atRisk } = inbox.targetCounts.value;
  if (overdue === 0 && atRisk === 0) return null;
  return (
    <p class="target-summary" data-testid="target-summary">
      {i18n.t('targets.summary', { overdue, atRisk })}
    </p>
  );
}

/** The Team view's handler filter, shown while it narrows the list, with a way back to everyone. */
function AssigneeFilter() {
  const { inbox, settings } = useServices();
  const id = inbox.assigneeId.value;
  if (!id) return null;
  const name =
    inbox.resources.value.flatMap((r) => r.handlers).find((h) => h.id === id)?.name ??
    (id === settings.me.value ? i18n.t('thread.assignee.you') : id);
  return (
    <p class="filter-chip" data-testid="assignee-filter">
      <span>{i18n.t('team.filteredBy', { name })}</span>{' '}
      <button type="button" onClick={() => inbox.setAssignee('')}>
        {i18n.t('team.clearFilter')}
      </button>
    </p>
  );
}

function EmptyView() {
  const { inbox, store } = useServices();
  if (!store.complete.value) return <p role="status">{i18n.t('inbox.loading')}</p>;
  const q = inbox.query.value.trim();
  const text = q
    ? i18n.t('inbox.empty.search', { query: q })
    : {
        unassigned: () => i18n.t('inbox.empty.unassigned'),
        mine: () => i18n.t('inbox.empty.mine'),
        open: () => i18n.t('inbox.empty.open'),
        resolved: () => i18n.t('inbox.empty.resolved'),
      }[inbox.view.value]();
  return (
    <p class="empty" data-testid="inbox-empty">
      {text}
    </p>
  );
}

function ResolvedPaging() {
  const { inbox } = useServices();
  if (inbox.loadingResolved.value) {
    return (
      <p role="status" class="paging">
        {i18n.t('inbox.loadingResolved')}
      </p>
    );
  }
  const error = inbox.resolvedError.value;
  if (error) {
    return (
      <p role="alert" class="paging error">
        {error.message}{' '}
        <button type="button" onClick={() => void inbox.loadMoreResolved()}>
          {i18n.t('common.retry')}
        </button>
      </p>
    );
  }
  return inbox.resolvedMore.value ? (
    <p class="paging">
      <button type="button" onClick={() => void inbox.loadMoreResolved()}>
        {i18n.t('inbox.loadMoreResolved')}
      </button>
    </p>
  ) : null;
}
