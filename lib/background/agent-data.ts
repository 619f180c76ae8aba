// The hand-over between agents on one browser profile. What the background keeps locally belongs to the
// signed-in agent (lib/auth/agent.ts). The synced store (threads, entries, summaries, read marks, sync tokens,
// opt-outs), the capabilities, the sync health notice, presence and the panel focus are CLEARED when the
// session ends (sign-out or a lost session) and again when a different agent signs in: they are a copy of the
// server, rebuilt by the next FSync for whoever signs in, and partitioning them would make every reader
// filter. What the server does not have — drafts, contact names, the chosen badge resources and notification
// settings — is PARTITIONED: put aside under the agent's key when their session ends and given back when the
// same agent signs in again. Outbox items carry their owner and are filtered by it (lib/outbox).
// Either way this runs before `signedIn` is published, so no page paints another agent's data.
import type { Agent } from '../auth/agent';
import {
  badgeResources,
  capabilities,
  contactBook,
  drafts,
  notificationSettings,
  panelFocus,
  presence,
  syncHealth,
} from '../storage';
import type { Store } from '../sync/db';

/** meta key of the agent the local data belongs to now. */
const CURRENT_KEY = 'agent:current';
const asideKey = (agent: string) => `agent:aside:${agent}`;

/** Storage items kept for their agent across sessions. */
const KEPT = { drafts, contactBook, badgeResources, notificationSettings } as const;
type Kept = { [K in keyof typeof KEPT]?: Awaited<ReturnType<(typeof KEPT)[K]['getValue']>> };

/** Storage items that are the server's copy for the agent: gone with the session. */
const CLEARED = [capabilities, syncHealth, panelFocus, presence] as const;

export interface AgentData {
  /** Before `agent`'s session is published: another agent's data goes, `agent`'s own comes back. */
  begin(agent: Agent): Promise<void>;
  /** The session ended: the agent's kept items are put aside, everything else of theirs is cleared. */
  end(): Promise<void>;
}

export function setupAgentData(deps: { db(): Promise<Store>; clearStore(): Promise<void> }): AgentData {
  const clearAll = async () => {
    await deps.clearStore();
    await Promise.all([...CLEARED, ...Object.values(KEPT)].map((item) => item.removeValue()));
  };

  const end = async () => {
    const db = await deps.db();
    const current = (await db.get('meta', CURRENT_KEY)) as string | undefined;
    if (current) {
      const entries = await Promise.all(
        Object.entries(KEPT).map(async ([name, item]) => [name, await item.getValue()] as const),
      );
      await db.put('meta', Object.fromEntries(entries) as Kept, asideKey(current));
    }
    await clearAll();
    await db.delete('meta', CURRENT_KEY);
  };

  return {
    async begin(agent) {
      const db = await deps.db();
      const current = (await db.get('meta', CURRENT_KEY)) as string | undefined;
      if (current === agent.key) return;
      // Another agent's data (a session that ended without sign-out, or data older than agent keys).
      if (current) await end();
      else await clearAll();
      const aside = (await db.get('meta', asideKey(agent.key))) as Kept | undefined;
      if (aside) {
        for (const [name, value] of Object.entries(aside)) {
          const item = KEPT[name as keyof typeof KEPT] as { setValue(v: unknown): Promise<void> } | undefined;
          if (item && value !== undefined && value !== null) await item.setValue(value);
        }
        await db.delete('meta', asideKey(agent.key));
      }
      await db.put('meta', agent.key, CURRENT_KEY);
    },
    end,
  };
}
