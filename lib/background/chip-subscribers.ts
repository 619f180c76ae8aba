// Which CRM tabs show chips for which numbers, so a sync that changes a thread can push fresh chip states to
// exactly those tabs. In memory: after a worker restart tabs ask again on their next scan.

const byTab = new Map<number, Set<string>>();
const MAX_PHONES_PER_TAB = 2000;

export function rememberTab(tabId: number, phones: string[]): void {
  const set = byTab.get(tabId) ?? new Set<string>();
  for (const p of phones) set.add(p);
  if (set.size > MAX_PHONES_PER_TAB) {
    // Keep the newest numbers: a long-lived tab scrolls through many records.
    byTab.set(tabId, new Set([...set].slice(-MAX_PHONES_PER_TAB)));
  } else byTab.set(tabId, set);
}

/** Whether this tab asked about this number: a page may only name numbers it showed. */
export function tabShows(tabId: number, phone: string): boolean {
  return byTab.get(tabId)?.has(phone) ?? false;
}

export function forgetTab(tabId: number): void {
  byTab.delete(tabId);
}

/** Each subscribed tab with the numbers it shows. */
export function subscribedTabs(): Array<{ tabId: number; phones: string[] }> {
  return [...byTab].map(([tabId, phones]) => ({ tabId, phones: [...phones] }));
}
