// One decorated page at a time: a single-page app's navigation (URL change) or the loss of the watched
// container ends the session (chips removed, observers stopped) and starts a fresh one; the end of the
// extension's context ends everything. Cleanup runs through AbortSignals.
import type { CrmAdapter } from './adapters/types';
import type { StatesTransport } from './chip-states';
import { containerOf, startCrmDecorator } from './decorator';

export interface PageSessionOptions {
  doc: Document;
  adapter: CrmAdapter;
  transport: StatesTransport;
  defaultCountry: string;
  /** Aborted when the content script must stop (WXT's ctx.signal: invalidated, or switched off). */
  signal: AbortSignal;
  /** Subscribes to URL changes of a single-page app (WXT's wxt:locationchange; the URL is checked again). */
  onLocationChange(listener: () => void): void;
  /** Stops the content script for good, e.g. after "Extension context invalidated". */
  stop(): void;
}

/** At most one fresh session per this many ms, however often the page navigates or replaces its container. */
export const MIN_RESTART_MS = 250;

export function runPageSessions(options: PageSessionOptions): void {
  const { doc, adapter, signal } = options;
  let session: AbortController | undefined;
  let lastHref = doc.location.href;
  let lastStart = 0;
  let pending: ReturnType<typeof setTimeout> | undefined;

  const start = () => {
    session?.abort();
    if (signal.aborted) return;
    lastStart = Date.now();
    const current = new AbortController();
    session = current;
    const container = containerOf(doc, adapter);
    startCrmDecorator({ ...options, signal: current.signal, onInvalidated: options.stop });
    if (container !== doc.body) watchContainer(doc, container, current.signal, restartSoon);
  };
  // A page can fire location events or swap its container in a loop: coalesce, so it cannot make us rescan
  // without pause.
  function restartSoon() {
    if (pending !== undefined || signal.aborted) return;
    pending = setTimeout(
      () => {
        pending = undefined;
        start();
      },
      Math.max(0, lastStart + MIN_RESTART_MS - Date.now()),
    );
  }

  signal.addEventListener(
    'abort',
    () => {
      clearTimeout(pending);
      session?.abort();
    },
    { once: true },
  );
  // Only a real change of address starts over: a location event the page forged changes nothing.
  options.onLocationChange(() => {
    if (doc.location.href === lastHref) return;
    lastHref = doc.location.href;
    restartSoon();
  });
  start();
}

/** Restarts when the app replaces the element being watched (its observer would see nothing more). */
function watchContainer(doc: Document, container: Element, signal: AbortSignal, restart: () => void): void {
  const observer = new doc.defaultView!.MutationObserver((records) => {
    if (records.some((r) => r.removedNodes.length > 0) && !container.isConnected) restart();
  });
  observer.observe(doc.body, { childList: true, subtree: true });
  signal.addEventListener('abort', () => observer.disconnect(), { once: true });
}
