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
  /** Subscribes to URL changes of a single-page app (WXT's wxt:locationchange). */
  onLocationChange(listener: () => void): void;
  /** Stops the content script for good, e.g. after "Extension context invalidated". */
  stop(): void;
}

export function runPageSessions(options: PageSessionOptions): void {
  const { doc, adapter, signal } = options;
  let session: AbortController | undefined;

  const start = () => {
    session?.abort();
    if (signal.aborted) return;
    const current = new AbortController();
    session = current;
    const container = containerOf(doc, adapter);
    startCrmDecorator({ ...options, signal: current.signal, onInvalidated: options.stop });
    if (container !== doc.body) watchContainer(doc, container, current.signal, start);
  };

  signal.addEventListener('abort', () => session?.abort(), { once: true });
  options.onLocationChange(start);
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
