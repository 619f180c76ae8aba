// Desktop notifications for new inbound messages. Messages whose thread the store does not know yet (the
// entries stream ran before the threads stream) wait briefly for it. Clicking opens the panel on the thread:
// setupNotifications adds that listener in the worker's first turn, so a click that woke a stopped worker
// is handled (MV3 dispatches only to listeners added before the first await; docs/architecture.md).
import { browser } from 'wxt/browser';
import { openSidePanelInCurrentWindow } from '../browser/side-panel';
import { contactBook, notificationSettings, panelFocus } from '../storage';
import type { Store } from '../sync/db';
import { readThreadsById } from '../sync/read';
import type { StoredMessage } from '../sync/reducer';
import { decideNotices, noticeThread, type Notice } from './decide';

export { decideNotices, type Notice } from './decide';

/** How long a message may wait for its thread to arrive before it is dropped silently. */
const PENDING_MS = 120_000;

/** Chrome requires an icon for basic notifications (public/icon/128.png). */
const ICON = '/icon/128.png';

const warnNotOpened = (e: unknown) => console.warn('ThreadDesk: could not open the side panel', e);

export interface NotificationsOptions {
  db(): Promise<Store>;
  /** The signed-in agent's extension id (undefined when signed out: nothing is shown). */
  me(): Promise<string | undefined>;
  /** Opens the side panel; by default in the current window through lib/browser/side-panel. */
  openPanel?: () => unknown;
  now?: () => number;
  iconUrl?: string;
}

export interface Notifications {
  /** New messages from an ISync (never an FSync backlog) plus any still waiting for their thread. */
  consider(messages: readonly StoredMessage[]): Promise<Notice[]>;
  /** Shows notices decided elsewhere (overdue threads, lib/notifications/overdue.ts). */
  show(notices: readonly Notice[]): Promise<void>;
  /** The session ended: forgets the messages waiting for their thread and takes every shown notification
   *  away — they name the agent's customers, and a click would focus their thread for whoever signs in next. */
  reset(): Promise<void>;
}

interface Pending {
  message: StoredMessage;
  since: number;
}

export function setupNotifications(opts: NotificationsOptions): Notifications {
  let pending: Pending[] = [];

  const openPanel = (): Promise<unknown> => {
    try {
      return Promise.resolve((opts.openPanel ?? openSidePanelInCurrentWindow)()).catch(warnNotOpened);
    } catch (e) {
      warnNotOpened(e);
      return Promise.resolve();
    }
  };

  browser.notifications?.onClicked.addListener((id) => {
    // Synchronously, in the listener: Chrome only opens the side panel during the click's user gesture.
    const opened = openPanel();
    // The panel (opening, or already open) shows the thread from panelFocus.
    void (async () => {
      await panelFocus.setValue({ threadId: noticeThread(id), nonce: crypto.randomUUID() });
      await opened;
      await browser.notifications.clear(id);
    })();
  });

  const show = (n: Notice) =>
    // One id per thread and kind: Chrome replaces an existing notification instead of stacking a new one.
    browser.notifications.create(n.id, {
      type: 'basic',
      iconUrl: opts.iconUrl ?? browser.runtime.getURL(ICON as Parameters<typeof browser.runtime.getURL>[0]),
      title: n.title,
      // Firefox has no contextMessage: the resource and assignment go on a second line.
      message: `${n.message}\n${n.contextMessage}`,
      eventTime: Date.parse(n.time),
    });

  return {
    async consider(messages) {
      const now = (opts.now ?? Date.now)();
      const inbound = messages.filter((m) => m.direction === 'Inbound');
      const candidates = [
        ...pending.filter((p) => now - p.since < PENDING_MS),
        ...inbound.map((m) => ({ message: m, since: now })),
      ];
      if (candidates.length === 0) return [];
      const me = await opts.me();
      if (!me) {
        pending = [];
        return [];
      }
      const db = await opts.db();
      const threads = await readThreadsById(
        db,
        candidates.map((c) => c.message.threadId),
      );
      pending = candidates.filter((c) => !threads.has(c.message.threadId));
      const ready = candidates.filter((c) => threads.has(c.message.threadId)).map((c) => c.message);
      const [settings, names] = await Promise.all([notificationSettings.getValue(), contactBook.getValue()]);
      const notices = decideNotices(ready, threads, me, settings, names);
      await Promise.all(notices.map(show));
      return notices;
    },
    async show(notices) {
      await Promise.all(notices.map(show));
    },
    async reset() {
      pending = [];
      // Only this extension's notifications are listed.
      const shown = (await browser.notifications?.getAll()) ?? {};
      await Promise.all(Object.keys(shown).map((id) => browser.notifications.clear(id)));
    },
  };
}
