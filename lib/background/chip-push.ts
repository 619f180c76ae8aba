// Chip states for CRM tabs, from one in-memory snapshot (lib/crm/chip-states.ts): read in full once per worker
// life (or after a sign-in change), then updated per change from the records of the threads it names. Each
// tab is sent only the chips that changed for the numbers it shows, right after the change committed — a
// sync, or a read mark made in the side panel.
import { browser } from 'wxt/browser';
import {
  createSnapshot,
  statesFromSnapshot,
  takeChanged,
  updateSnapshot,
  type ChipSnapshot,
} from '../crm/chip-states';
import { agentOf } from '../auth/agent';
import type { ChipState } from '../messaging';
import { sendMessage } from '../messaging';
import { authStatus, contactBook } from '../storage';
import { type Store } from '../sync/db';
import { readSnapshot, readThreadRecords } from '../sync/read';
import { forgetTab, subscribedTabs } from './chip-subscribers';

type SendStates = (tabId: number, states: Record<string, ChipState>) => Promise<unknown>;

const sendToTab: SendStates = (tabId, states) => sendMessage('threadStatesChanged', { states }, tabId);

const signedInMe = async () => agentOf(await authStatus.getValue())?.extensionId;

export class ChipPush {
  private snapshot?: Promise<ChipSnapshot | undefined>;
  /** What each tab was last told, so only changes go out. */
  private readonly sent = new Map<number, Map<string, ChipState>>();
  private queue: Promise<unknown> = Promise.resolve();

  constructor(
    private readonly db: () => Promise<Store>,
    private readonly send: SendStates = sendToTab,
  ) {}

  /** States for a content script's request; what it is told is remembered for later diffs. */
  async statesFor(
    phones: string[],
    tabId: number | undefined,
  ): Promise<Record<string, ChipState> | undefined> {
    const snapshot = await this.current();
    if (!snapshot) return undefined;
    const states = statesFromSnapshot(snapshot, phones);
    if (tabId !== undefined) takeChanged(this.sentTo(tabId), states);
    return states;
  }

  /** After a committed change of these threads (undefined: anything may have changed). */
  changed(threadIds?: readonly string[]): Promise<void> {
    const run = this.queue.then(() => this.apply(threadIds));
    this.queue = run.catch((e: unknown) => console.error('ThreadDesk: chip push failed', e));
    return run;
  }

  /** After the contact book changed: every shown chip whose customer name changed is sent again. */
  namesChanged(): Promise<void> {
    const run = this.queue.then(() => this.apply([], true));
    this.queue = run.catch((e: unknown) => console.error('ThreadDesk: chip push failed', e));
    return run;
  }

  /** Forgets everything, e.g. when the agent signs out or another signs in. */
  reset(): void {
    this.snapshot = undefined;
    this.sent.clear();
  }

  forgetTab(tabId: number): void {
    this.sent.delete(tabId);
  }

  private sentTo(tabId: number): Map<string, ChipState> {
    let map = this.sent.get(tabId);
    if (!map) this.sent.set(tabId, (map = new Map()));
    return map;
  }

  private current(): Promise<ChipSnapshot | undefined> {
    this.snapshot ??= this.load().catch((e: unknown) => {
      this.snapshot = undefined;
      throw e;
    });
    return this.snapshot;
  }

  private async load(): Promise<ChipSnapshot | undefined> {
    const me = await signedInMe();
    if (!me) return undefined;
    const db = await this.db();
    const [{ threads, summaries, reads }, names] = await Promise.all([
      readSnapshot(db),
      contactBook.getValue(),
    ]);
    return createSnapshot(me, threads, summaries, reads, names);
  }

  private async apply(threadIds: readonly string[] | undefined, names = false): Promise<void> {
    const tabs = subscribedTabs();
    if (tabs.length === 0 && !this.snapshot) return;
    if (threadIds === undefined || (this.snapshot && (await this.snapshot)?.me !== (await signedInMe()))) {
      this.reset();
    }
    const fresh = !this.snapshot;
    const snapshot = await this.current();
    if (!snapshot) return;
    let phones: Set<string> | undefined;
    if (names) {
      if (!fresh) snapshot.names = await contactBook.getValue();
    } else if (!fresh && threadIds) {
      phones = updateSnapshot(snapshot, await readThreadRecords(await this.db(), threadIds));
    }
    await Promise.all(
      tabs.map(async ({ tabId, phones: shown }) => {
        const wanted = phones ? shown.filter((p) => phones.has(p)) : shown;
        if (wanted.length === 0) return;
        const changed = takeChanged(this.sentTo(tabId), statesFromSnapshot(snapshot, wanted));
        if (Object.keys(changed).length === 0) return;
        try {
          await this.send(tabId, changed);
        } catch {
          forgetTab(tabId);
          this.forgetTab(tabId);
        }
      }),
    );
  }
}

/** The background's chip push, with its listeners added in the worker's first turn (docs/architecture.md,
 *  "The composition root"): a closed tab is forgotten, a sign-in change starts afresh, a contact book change
 *  renames the shown chips. */
export function setupChipPush(db: () => Promise<Store>): ChipPush {
  const chips = new ChipPush(db);
  browser.tabs.onRemoved.addListener((tabId) => {
    forgetTab(tabId);
    chips.forgetTab(tabId);
  });
  authStatus.watch(() => chips.reset());
  contactBook.watch(() => void chips.namesChanged());
  return chips;
}
