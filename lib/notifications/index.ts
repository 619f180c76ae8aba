// Desktop notifications for new inbound messages. Messages whose thread the store does not know yet (the
// entries stream ran before the threads stream) wait briefly for it. Clicking opens the panel on the thread.
import { browser } from 'wxt/browser';
import { openSidePanelInCurrentWindow } from '../browser/side-panel';
import type { MessageThread } from '../rc/schemas';
import { contactBook, notificationSettings, panelFocus } from '../storage';
import type { Store } from '../sync/db';
import type { StoredMessage } from '../sync/reducer';
import { decideNotices, type Notice } from './decide';

export { decideNotices, type Notice } from './decide';

/** How long a message may wait for its thread to arrive before it is dropped silently. */
const PENDING_MS = 120_000;

export interface NotifierOptions {
  db: Store;
  /** Current agent's extension id (undefined when signed out: nothing is shown). */
  me: () => string | undefined | Promise<string | undefined>;
  /** Opens the side panel; by default in the current window through lib/browser/side-panel. */
  openPanel?: () => unknown;
  now?: () => number;
  iconUrl?: string;
}

/** Chrome requires an icon for basic notifications (public/icon/128.png). */
const ICON = '/icon/128.png';

const warnNotOpened = (e: unknown) => console.warn('ThreadDesk: could not open the side panel', e);

interface Pending {
  message: StoredMessage;
  since: number;
}

export class Notifier {
  private pending: Pending[] = [];
  private readonly onClick = (id: string) => {
    // Synchronously, in the listener: Chrome only opens the side panel during the click's user gesture.
    const opened = this.openPanel();
    void this.focus(id, opened);
  };

  constructor(private readonly opts: NotifierOptions) {
    browser.notifications?.onClicked.addListener(this.onClick);
  }

  dispose(): void {
    browser.notifications?.onClicked.removeListener(this.onClick);
    this.pending = [];
  }

  /** New messages from an ISync (never an FSync backlog) plus any still waiting for their thread. */
  async consider(messages: readonly StoredMessage[]): Promise<Notice[]> {
    const now = (this.opts.now ?? Date.now)();
    const inbound = messages.filter((m) => m.direction === 'Inbound');
    const candidates = [
      ...this.pending.filter((p) => now - p.since < PENDING_MS),
      ...inbound.map((m) => ({ message: m, since: now })),
    ];
    if (candidates.length === 0) return [];
    const me = await this.opts.me();
    if (!me) {
      this.pending = [];
      return [];
    }
    const threads = new Map<string, MessageThread>();
    for (const id of new Set(candidates.map((c) => c.message.threadId))) {
      const t = await this.opts.db.get('threads', id);
      if (t) threads.set(id, t);
    }
    this.pending = candidates.filter((c) => !threads.has(c.message.threadId));
    const ready = candidates.filter((c) => threads.has(c.message.threadId)).map((c) => c.message);
    const [settings, names] = await Promise.all([notificationSettings.getValue(), contactBook.getValue()]);
    const notices = decideNotices(ready, threads, me, settings, names);
    await Promise.all(notices.map((n) => this.show(n)));
    return notices;
  }

  private async show(n: Notice): Promise<void> {
    // Same id as the thread: Chrome replaces an existing notification instead of stacking a new one.
    await browser.notifications.create(n.threadId, {
      type: 'basic',
      iconUrl:
        this.opts.iconUrl ?? browser.runtime.getURL(ICON as Parameters<typeof browser.runtime.getURL>[0]),
      title: n.title,
      // Firefox has no contextMessage: the resource and assignment go on a second line.
      message: `${n.message}\n${n.contextMessage}`,
      eventTime: Date.parse(n.time),
    });
  }

  private openPanel(): Promise<unknown> {
    try {
      return Promise.resolve((this.opts.openPanel ?? openSidePanelInCurrentWindow)()).catch(warnNotOpened);
    } catch (e) {
      warnNotOpened(e);
      return Promise.resolve();
    }
  }

  /** The panel (opening, or already open) shows the thread from panelFocus. */
  private async focus(threadId: string, opened: Promise<unknown>): Promise<void> {
    await panelFocus.setValue({ threadId, nonce: crypto.randomUUID() });
    await opened;
    await browser.notifications.clear(threadId);
  }
}
