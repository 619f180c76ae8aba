// GET /__emulator/state: the truth per account, in API shapes, for tests to compare a client's store with.
import type { World } from '../world.ts';
import { hintView, messageView, noteView, threadView } from '../threads/views.ts';

export function stateView(world: World, baseUrl: string) {
  return {
    accounts: world.accounts.map((account) => {
      const store = world.store(account.id);
      const view = { account, baseUrl };
      return {
        id: account.id,
        companyName: account.companyName,
        seq: store.seq,
        threads: [...store.threads.values()].map((t) => ({
          ...threadView(view, t),
          lastActivityTime: new Date(t.lastActivityTime).toISOString(),
        })),
        messages: [...store.messages.values()].map((m) => messageView(view, m)),
        notes: [...store.notes.values()].map((n) => noteView(view, n)),
        hints: [...store.hints.values()].map((h) => hintView(view, h)),
        optOuts: [...store.optOuts].map((pair) => {
          const [sharedNumber, customer] = pair.split('|');
          return { sharedNumber, customer };
        }),
        smsRecipients: Object.fromEntries(account.resources.map((r) => [r.id, r.recipients])),
      };
    }),
  };
}
