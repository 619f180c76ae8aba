// The thread's timeline: scrolled to the newest item, older items revealed (then fetched) on scroll up.
import { i18n } from '#i18n';
import { useSignal } from '@preact/signals';
import { useEffect, useLayoutEffect, useRef } from 'preact/hooks';
import { protocolFailureOf } from '@/lib/messaging';
import type { TimelineItem } from '@/lib/ui/timeline';
import { useServices } from './services';
import { TimelineEntry, type EntryActions } from './TimelineEntry';

/** Items rendered at once; more are added as the agent scrolls up, so a 1,000-message thread opens fast. */
const WINDOW = 100;

export function Timeline(props: {
  threadId: string;
  items: TimelineItem[];
  actions: EntryActions;
  loaded: boolean;
  /** All local entries are read; until then older items come from the store, not from loadHistory. */
  complete: boolean;
}) {
  const { send } = useServices();
  const { items } = props;
  const ref = useRef<HTMLDivElement>(null);
  const shown = useSignal(WINDOW);
  const historyMore = useSignal(true);
  const loadingHistory = useSignal(false);
  const historyError = useSignal<string | undefined>(undefined);
  // Scroll anchoring: when older items are added above, keep the visible ones where they were.
  const anchor = useRef<{ height: number; top: number } | null>(null);
  const atBottom = useRef(true);

  const start = Math.max(0, items.length - shown.value);
  const visible = items.slice(start);

  useLayoutEffect(() => {
    const el = ref.current;
    if (!el) return;
    if (anchor.current) {
      el.scrollTop = el.scrollHeight - anchor.current.height + anchor.current.top;
      anchor.current = null;
    } else if (atBottom.current) {
      el.scrollTop = el.scrollHeight;
    }
  }, [items, shown.value]);

  useEffect(() => {
    // Keep the newest item in view when the panel or the composer changes size.
    const el = ref.current;
    if (!el || typeof ResizeObserver === 'undefined') return;
    const observer = new ResizeObserver(() => {
      if (atBottom.current) el.scrollTop = el.scrollHeight;
    });
    observer.observe(el);
    return () => observer.disconnect();
  }, []);

  useEffect(() => {
    if (props.loaded) performance.mark('threaddesk:thread-rendered');
  }, [props.loaded]);

  async function older() {
    const el = ref.current;
    if (el) anchor.current = { height: el.scrollHeight, top: el.scrollTop };
    if (start > 0) {
      shown.value += WINDOW;
      return;
    }
    if (!props.complete || !historyMore.value || loadingHistory.value) {
      anchor.current = null;
      return;
    }
    loadingHistory.value = true;
    historyError.value = undefined;
    try {
      const page = await send('loadHistory', { threadId: props.threadId });
      historyMore.value = page.more;
      shown.value += WINDOW;
    } catch (e) {
      anchor.current = null;
      historyError.value = protocolFailureOf(e).message;
    } finally {
      loadingHistory.value = false;
    }
  }

  function onScroll() {
    const el = ref.current;
    if (!el) return;
    atBottom.current = el.scrollHeight - el.scrollTop - el.clientHeight < 40;
    if (el.scrollTop < 80 && !loadingHistory.value) void older();
  }

  return (
    <div ref={ref} class="timeline" onScroll={onScroll} data-testid="timeline">
      <div class="history">
        {loadingHistory.value ? (
          <span role="status">{i18n.t('timeline.loadingOlder')}</span>
        ) : historyError.value ? (
          <span role="alert" class="error">
            {historyError.value}
          </span>
        ) : (
          (start > 0 || historyMore.value) && (
            <button type="button" class="link" onClick={() => void older()}>
              {i18n.t('timeline.loadOlder')}
            </button>
          )
        )}
      </div>
      {!props.loaded ? (
        <p role="status">{i18n.t('timeline.loading')}</p>
      ) : items.length === 0 ? (
        <p class="empty">{i18n.t('timeline.empty')}</p>
      ) : (
        <ol class="entries" aria-label={i18n.t('timeline.label')}>
          {visible.map((item) => (
            <TimelineEntry key={item.id} item={item} actions={props.actions} />
          ))}
        </ol>
      )}
    </div>
  );
}
