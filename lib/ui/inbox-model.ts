// The inbox's state: chosen view, resource filter and search, and the rows and counts they give.
import { computed, signal, type ReadonlySignal } from '@preact/signals';
import { protocolFailureOf, type ProtocolFailure } from '../messaging';
import type { MessageThread } from '../rc/schemas';
import type { Resource } from '../storage';
import { threadTarget, urgency, validTargets, type ThreadTarget } from '../targets/targets';
import type { Send } from './api';
import { resourceOf } from '../threads/rules';
import { countViews, selectThreads, type View } from './inbox';
import type { SettingsModel } from './settings-model';
import type { StoreModel } from './store-model';

export interface InboxModel {
  view: ReadonlySignal<View>;
  resourceId: ReadonlySignal<string>;
  query: ReadonlySignal<string>;
  /** Team view filter: only this handler's threads ('' for everyone). */
  assigneeId: ReadonlySignal<string>;
  resources: ReadonlySignal<Resource[]>;
  rows: ReadonlySignal<MessageThread[]>;
  counts: ReadonlySignal<Record<View, number>>;
  /** Where a waiting thread stands against its resource's response-time target, if it has one. */
  targetOf(t: MessageThread): ThreadTarget | undefined;
  /** Open threads at risk and overdue in the agent's resources. */
  targetCounts: ReadonlySignal<{ atRisk: number; overdue: number }>;
  /** Resolved history paging: more pages on the server, and a request in flight. */
  resolvedMore: ReadonlySignal<boolean>;
  loadingResolved: ReadonlySignal<boolean>;
  resolvedError: ReadonlySignal<ProtocolFailure | undefined>;
  setView(view: View): void;
  setResource(id: string): void;
  setQuery(query: string): void;
  setAssignee(id: string): void;
  loadMoreResolved(): Promise<void>;
}

export function createInboxModel(
  store: StoreModel,
  settings: SettingsModel,
  send: Send,
  now: ReadonlySignal<number> = signal(Date.now()),
): InboxModel {
  const view = signal<View>('unassigned');
  const resourceId = signal('');
  const query = signal('');
  const assigneeId = signal('');
  const resolvedPage = signal(0);
  const resolvedMore = signal(true);
  const loadingResolved = signal(false);
  const resolvedError = signal<ProtocolFailure | undefined>(undefined);

  const resources = computed(() => settings.capabilities.value?.resources ?? []);
  const resource = computed(() => resources.value.find((r) => r.id === resourceId.value));
  const targets = computed(() => validTargets(settings.responseTargets.value));
  const targetOf = (t: MessageThread) => {
    if (targets.value.size === 0) return undefined;
    const owner = resourceOf(t, resources.value);
    return owner && threadTarget(t, store.summaries.value.get(t.id), targets.value.get(owner.id), now.value);
  };
  const targetCounts = computed(() => {
    const counts = { atRisk: 0, overdue: 0 };
    for (const t of store.threads.value) {
      const state = targetOf(t)?.state;
      if (state === 'atRisk' || state === 'overdue') counts[state] += 1;
    }
    return counts;
  });
  const rows = computed(() =>
    selectThreads(store.threads.value, store.summaries.value, settings.contacts.value, {
      view: view.value,
      resource: resource.value,
      query: query.value,
      me: settings.me.value,
      assignee: assigneeId.value || undefined,
      rank: (t) => urgency(targetOf(t)),
    }),
  );
  const counts = computed(() => countViews(store.threads.value, settings.me.value, resource.value));

  async function loadMoreResolved() {
    if (loadingResolved.value || !resolvedMore.value) return;
    loadingResolved.value = true;
    resolvedError.value = undefined;
    try {
      const page = await send('loadResolved', { page: resolvedPage.value + 1 });
      resolvedPage.value += 1;
      resolvedMore.value = page.more;
    } catch (error) {
      resolvedError.value = protocolFailureOf(error);
    } finally {
      loadingResolved.value = false;
    }
  }

  return {
    view,
    resourceId,
    query,
    assigneeId,
    resources,
    rows,
    counts,
    targetOf,
    targetCounts,
    resolvedMore,
    loadingResolved,
    resolvedError,
    setView(next) {
      view.value = next;
      if (next === 'resolved' && resolvedPage.value === 0) void loadMoreResolved();
    },
    setResource: (id) => (resourceId.value = id),
    setQuery: (q) => (query.value = q),
    setAssignee: (id) => (assigneeId.value = id),
    loadMoreResolved,
  };
}
