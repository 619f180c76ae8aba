// Pushes fresh chip states to the CRM tabs that asked for them, after the store changed.
import { sendMessage } from '../messaging';
import { authStatus } from '../storage';
import { readReads, readSummaries, readThreads, type Store } from '../sync/db';
import { chipStates } from '../threads/chip-state';
import { forgetTab, subscribedTabs } from './chip-subscribers';

/** Call after each applied sync (or local change). Tabs that are gone are forgotten. */
export async function pushChipStates(db: Store): Promise<void> {
  const tabs = subscribedTabs();
  if (tabs.length === 0) return;
  const status = await authStatus.getValue();
  const me = status.user?.extensionId;
  if (status.state !== 'signedIn' || !me) return;
  const [threads, summaries, reads] = await Promise.all([readThreads(db), readSummaries(db), readReads(db)]);
  await Promise.all(
    tabs.map(async ({ tabId, phones }) => {
      try {
        await sendMessage(
          'threadStatesChanged',
          { states: chipStates(phones, { threads, summaries, reads, me }) },
          tabId,
        );
      } catch {
        forgetTab(tabId);
      }
    }),
  );
}
