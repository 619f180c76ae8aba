// The side panel behind one wrapper: Chrome's sidePanel API is not in the polyfill's types, Firefox has a
// sidebar instead.
import { browser } from 'wxt/browser';

interface ChromeSidePanel {
  open(options: { tabId?: number; windowId?: number }): Promise<void>;
  setPanelBehavior(behavior: { openPanelOnActionClick: boolean }): Promise<void>;
}

interface FirefoxSidebar {
  open(): Promise<void>;
}

function chromeSidePanel(): ChromeSidePanel | undefined {
  const g = globalThis as { chrome?: { sidePanel?: ChromeSidePanel } };
  return g.chrome?.sidePanel;
}

function firefoxSidebar(): FirefoxSidebar | undefined {
  return (browser as unknown as { sidebarAction?: FirefoxSidebar }).sidebarAction;
}

/** Opens the panel for a tab. Must run while handling a user gesture (a click forwarded by a message). */
export async function openSidePanel(target: { tabId?: number; windowId?: number }): Promise<void> {
  const chrome = chromeSidePanel();
  if (chrome) return chrome.open(target);
  await firefoxSidebar()?.open();
}

/** Opens the panel where the agent is, for events that name no window (a notification click). The browser
 *  call is made before this returns, so it still runs inside the listener's user gesture. */
export function openSidePanelInCurrentWindow(): Promise<void> {
  return openSidePanel({ windowId: browser.windows?.WINDOW_ID_CURRENT });
}

/** The toolbar button opens the panel (Chrome; Firefox's sidebar has its own toolbar toggle). */
export async function openPanelOnToolbarClick(): Promise<void> {
  await chromeSidePanel()?.setPanelBehavior({ openPanelOnActionClick: true });
}
