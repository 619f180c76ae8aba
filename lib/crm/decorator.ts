// Puts chips beside the phone numbers of a CRM page and keeps them right while the page changes:
// the scan loop finds numbers, the chip layer places chips, chip states come from the background.
import { detectPhoneNumbers } from '../phone/detect';
import { composedParent } from '../phone/visibility';
import type { CrmAdapter } from './adapters/types';
import { ChipLayer, type Found } from './chip-layer';
import { ChipStates, type StatesTransport } from './chip-states';
import { startScanLoop } from './scan-loop';

export interface DecoratorOptions {
  doc: Document;
  adapter: CrmAdapter;
  transport: StatesTransport;
  signal: AbortSignal;
  /** Region of numbers written without + (see region.ts). */
  defaultCountry: string;
  /** Called when the extension is gone (updated or removed): the caller stops everything. */
  onInvalidated(): void;
}

const INVALIDATED = /extension context invalidated|receiving end does not exist/i;

/** The element the adapter says holds the app, else the body. */
export function containerOf(doc: Document, adapter: CrmAdapter): Element {
  for (const selector of adapter.containers) {
    const el = doc.querySelector(selector);
    if (el) return el;
  }
  return doc.body;
}

export function startCrmDecorator(options: DecoratorOptions): { chips: ChipLayer } {
  const { doc, adapter, transport, signal, defaultCountry } = options;
  const fail = (error: unknown) => {
    if (INVALIDATED.test(error instanceof Error ? error.message : String(error))) options.onInvalidated();
  };
  const states = new ChipStates(transport, (s) => chips.update(s), fail);
  const chips = new ChipLayer({
    doc,
    stateOf: (e164) => states.get(e164),
    open: (e164, name) => void transport.openThread(e164, name).catch(fail),
  });
  let numbers = new Set<string>();
  let names = new Map<string, string>();
  let recordName: string | undefined | null = null;

  const nameOf = (found: Found['match']): string | undefined => {
    const el = composedParent(found.range.startContainer) ?? (found.range.startContainer as Element);
    const row = el.nodeType === 1 ? adapter.rowName(el) : undefined;
    if (row) return row;
    if (recordName === null) recordName = adapter.recordName(doc);
    return recordName;
  };

  startScanLoop({
    container: containerOf(doc, adapter),
    signal,
    detect: (root, seen, layoutClean) =>
      detectPhoneNumbers(root, {
        defaultCountry,
        layoutClean,
        allowFictional: adapter.allowFictional,
        fieldLabel: adapter.fieldLabel,
        onHidden: seen.hidden,
        onShadowRoot: seen.shadowRoot,
      }),
    scanned: (root, matches) => {
      const found = matches.map((match) => ({ match, name: nameOf(match) }));
      chips.sync(root, found);
      for (const { match, name } of found) {
        numbers.add(match.e164);
        if (name) names.set(match.e164, name);
      }
    },
    sliceDone: (removals) => {
      states.request(numbers, names);
      numbers = new Set();
      names = new Map();
      recordName = null;
      if (removals) chips.sweep();
    },
  });
  const unsubscribe = transport.onChanged((value) => states.receive(value));
  signal.addEventListener('abort', () => {
    unsubscribe();
    chips.removeAll();
  });
  return { chips };
}
