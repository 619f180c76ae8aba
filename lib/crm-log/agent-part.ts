// The CRM side of the hand-over between agents (docs/architecture.md, "Agents and their data"). The agent's record
// choices and their queued logging jobs exist nowhere else, so they are put aside for that agent and given back;
// the cached matches, the thread→activity map and the published crmThreads are copies of the CRM (an activity is
// looked up again before one is created, lib/crm-log/service.ts), so they are cleared. The connection and its
// tokens stay: they belong to the browser profile's CRM connection, not to the RingCentral agent.
import type { AgentPart } from '../background/agent-data';
import { upgradeJob, type CrmStore, type LogJob, type ThreadChoice } from './store';

export interface CrmAgentData {
  choices: ThreadChoice[];
  jobs: LogJob[];
}

const STORES = ['matches', 'choices', 'activities', 'jobs'] as const;

/** Whose a job is: the agent who queued it. A job may be queued for an agent after their hand-over cleared the
 *  queue (the worker still thought them signed in), so it is put aside for them, never for whoever is current.
 *  One without an owner, or owned by the current agent's bare extension id, predates agent keys. */
function ownerOf(job: LogJob, current: string | undefined): string | undefined {
  if (!job.owner) return current;
  if (current?.startsWith(`${job.owner}@`)) return current;
  return job.owner;
}

export function crmAgentPart(deps: { crmDb(): Promise<CrmStore>; clearThreads(): Promise<void> }): AgentPart {
  return {
    name: 'crm',
    async take(current) {
      const db = await deps.crmDb();
      const taken: Record<string, CrmAgentData> = {};
      const of = (agent: string) => (taken[agent] ??= { choices: [], jobs: [] });
      if (current) of(current).choices.push(...(await db.getAll('choices')));
      for (const job of await db.getAll('jobs')) {
        const owner = ownerOf(job, current);
        if (owner) of(owner).jobs.push(job);
      }
      return taken;
    },
    merge(earlier, later) {
      const a = earlier as Partial<CrmAgentData>;
      const b = later as Partial<CrmAgentData>;
      return {
        choices: [...(a.choices ?? []), ...(b.choices ?? [])],
        jobs: [...(a.jobs ?? []), ...(b.jobs ?? [])],
      };
    },
    async give(value) {
      const data = value as Partial<CrmAgentData>;
      const db = await deps.crmDb();
      const tx = db.transaction(['choices', 'jobs'], 'readwrite');
      for (const choice of data.choices ?? []) await tx.objectStore('choices').put(choice);
      for (const job of data.jobs ?? []) await tx.objectStore('jobs').put(upgradeJob(job));
      await tx.done;
    },
    async clear() {
      const db = await deps.crmDb();
      const tx = db.transaction([...STORES], 'readwrite');
      await Promise.all(STORES.map((store) => tx.objectStore(store).clear()));
      await tx.done;
      await deps.clearThreads();
    },
  };
}
