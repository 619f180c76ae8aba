// The hand-over between agents on one browser profile. What the background keeps locally belongs to the
// signed-in agent (lib/auth/agent.ts). The synced store (threads, entries, summaries, read marks, sync tokens,
// opt-outs), the capabilities, the sync health notice, presence, RingCentral's clock, the overdue threads already
// told about and the panel focus are CLEARED when the session ends (sign-out or a lost session) and again when a
// different agent signs in: they are a copy of the server or of this session, rebuilt by the next FSync for
// whoever signs in, and partitioning them would make every reader filter. What the server does not have —
// drafts, contact names, the chosen badge resources and notification settings — is PARTITIONED: put aside under
// the agent's key when their session ends and given back when the same agent signs in again. Outbox items carry
// their owner and are filtered by it (lib/outbox). Parts with their own database (the CRM side,
// lib/crm-log/agent-part.ts) follow the same rule through an AgentPart.
// Either way this runs before `signedIn` is published, so no page paints another agent's data.
import type { Agent } from '../auth/agent';
import {
  badgeResources,
  capabilities,
  contactBook,
  drafts,
  notificationSettings,
  overdueNotices,
  panelFocus,
  presence,
  serverClock,
  syncHealth,
} from '../storage';
import type { Store } from '../sync/db';

/** meta key of the agent the local data belongs to now. */
const CURRENT_KEY = 'agent:current';
const asideKey = (agent: string) => `agent:aside:${agent}`;

/** Storage items kept for their agent across sessions. */
const KEPT = { drafts, contactBook, badgeResources, notificationSettings } as const;
type Kept = { [K in keyof typeof KEPT]?: Awaited<ReturnType<(typeof KEPT)[K]['getValue']>> };
type Aside = Kept & { parts?: Record<string, unknown> };

/** Storage items that are the server's copy for the agent: gone with the session. */
const CLEARED = [capabilities, syncHealth, panelFocus, presence, serverClock, overdueNotices] as const;

/** A part with its own storage: `take` reads what is put aside, by the agent it belongs to (rows that carry no
 *  owner of their own are `current`'s), `clear` removes all of it (partitioned and cleared alike), `give` puts
 *  back what `take` read for one agent, `merge` joins two values put aside for the same agent. */
export interface AgentPart {
  name: string;
  take(current: string | undefined): Promise<Record<string, unknown>>;
  give(value: unknown): Promise<void>;
  merge(earlier: unknown, later: unknown): unknown;
  clear(): Promise<void>;
}

export interface AgentData {
  /** Before `agent`'s session is published: another agent's data goes, `agent`'s own comes back. */
  begin(agent: Agent): Promise<void>;
  /** The session ended: the agent's kept items are put aside, everything else of theirs is cleared. */
  end(): Promise<void>;
}

export function setupAgentData(deps: {
  db(): Promise<Store>;
  clearStore(): Promise<void>;
  parts: AgentPart[];
}): AgentData {
  const { parts } = deps;
  const clearAll = async () => {
    await deps.clearStore();
    await Promise.all([...CLEARED, ...Object.values(KEPT)].map((item) => item.removeValue()));
    await Promise.all(parts.map((part) => part.clear()));
  };

  const end = async () => {
    const db = await deps.db();
    const current = (await db.get('meta', CURRENT_KEY)) as string | undefined;
    // Each agent's part rows go under that agent's key, whoever is signed in now: a row queued for an agent
    // whose session was already handing over belongs to them, not to whoever ends next.
    const byAgent = new Map<string, Record<string, unknown>>();
    for (const part of parts) {
      for (const [agent, value] of Object.entries(await part.take(current))) {
        byAgent.set(agent, { ...byAgent.get(agent), [part.name]: value });
      }
    }
    if (current && !byAgent.has(current)) byAgent.set(current, {});
    for (const [agent, taken] of byAgent) {
      const aside = ((await db.get('meta', asideKey(agent))) as Aside | undefined) ?? {};
      const merged: Record<string, unknown> = { ...aside.parts };
      for (const part of parts) {
        if (!(part.name in taken)) continue;
        const earlier = merged[part.name];
        merged[part.name] =
          earlier === undefined || earlier === null
            ? taken[part.name]
            : part.merge(earlier, taken[part.name]);
      }
      const kept =
        agent === current
          ? (Object.fromEntries(
              await Promise.all(
                Object.entries(KEPT).map(async ([name, item]) => [name, await item.getValue()] as const),
              ),
            ) as Kept)
          : {};
      await db.put('meta', { ...aside, ...kept, parts: merged }, asideKey(agent));
    }
    await clearAll();
    await db.delete('meta', CURRENT_KEY);
  };

  return {
    async begin(agent) {
      const db = await deps.db();
      const current = (await db.get('meta', CURRENT_KEY)) as string | undefined;
      if (current === agent.key) return;
      // Another agent's data (a session that ended without sign-out, or data older than agent keys); rows that
      // name their owner are put aside for them even when nobody's data is current.
      await end();
      const aside = (await db.get('meta', asideKey(agent.key))) as Aside | undefined;
      if (aside) {
        const { parts: partsAside, ...kept } = aside;
        for (const part of parts) {
          const value = partsAside?.[part.name];
          if (value !== undefined && value !== null) await part.give(value);
        }
        for (const [name, value] of Object.entries(kept)) {
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
