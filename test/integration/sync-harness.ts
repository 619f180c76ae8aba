// Shared set-up for the sync, badge and chaos tests (and the background benchmark): the real emulator, real
// RcClients logged in with JWT, the real engine over fake-indexeddb with a fresh database per test.
import 'fake-indexeddb/auto';
import { createRcClient, type RcClient } from '../../lib/rc/client';
import { createMemoryTokenStore } from '../../lib/rc/token-store';
import type { MessageThread, ThreadMessage } from '../../lib/rc/schemas';
import { openStore, type Store } from '../../lib/sync/db';
import { readThreads } from '../../lib/sync/read';
import { SyncEngine, type AppliedChange, type SyncEngineOptions } from '../../lib/sync/engine';
import { startTestEmulator, type EmulatorControl } from '../support/emulator.ts';

export interface EmulatorUser {
  extensionId: string;
  jwt: string;
  name: string;
  handles: Array<{ id: string; assignable: boolean; sharedNumbers: string[] }>;
}

export interface Credentials {
  clientId: string;
  clientSecret: string;
  users: EmulatorUser[];
}

export interface World {
  url: string;
  control: EmulatorControl;
  credentials: Credentials;
  login(user: EmulatorUser): Promise<RcClient>;
  close(): Promise<void>;
}

export async function startWorld(): Promise<World> {
  const emulator = await startTestEmulator();
  const { url, control } = emulator;
  const credentials = normaliseCredentials(emulator.credentials);
  return {
    url,
    control,
    credentials,
    async login(user) {
      const client = createRcClient({
        server: url,
        clientId: credentials.clientId,
        clientSecret: credentials.clientSecret,
        store: createMemoryTokenStore(),
      });
      await client.login({ jwt: user.jwt });
      return client;
    },
    close: () => emulator.close(),
  };
}

function normaliseCredentials(raw: unknown): Credentials {
  const r = raw as { privateApp: { clientId: string; clientSecret: string }; users: EmulatorUser[] };
  return { clientId: r.privateApp.clientId, clientSecret: r.privateApp.clientSecret, users: r.users };
}

export const freshDb = (): Promise<Store> => openStore(`it-${crypto.randomUUID()}`);

export interface EngineRig {
  engine: SyncEngine;
  db: Store;
  changes: AppliedChange[];
  /** Resolves when a committed change satisfies the predicate. */
  waitForChange(predicate: (c: AppliedChange) => boolean, timeoutMs?: number): Promise<AppliedChange>;
}

export async function engineRig(
  client: RcClient,
  opts: Partial<SyncEngineOptions> = {},
  existing?: Store,
): Promise<EngineRig> {
  const db = existing ?? (await freshDb());
  const changes: AppliedChange[] = [];
  const waiters = new Set<(c: AppliedChange) => void>();
  const engine = new SyncEngine({
    client,
    db,
    ...opts,
    onApplied: (c) => {
      changes.push(c);
      for (const w of waiters) w(c);
      return opts.onApplied?.(c);
    },
  });
  return {
    engine,
    db,
    changes,
    waitForChange(predicate, timeoutMs = 10_000) {
      return new Promise((resolve, reject) => {
        const timer = setTimeout(() => {
          waiters.delete(check);
          reject(new Error('no matching store change in time'));
        }, timeoutMs);
        const check = (c: AppliedChange) => {
          if (!predicate(c)) return;
          clearTimeout(timer);
          waiters.delete(check);
          resolve(c);
        };
        waiters.add(check);
      });
    },
  };
}

/** Polls until the condition holds (for eventual outcomes in integration tests; never a timing assertion). */
export async function eventually<T>(
  fn: () => Promise<T | undefined | false>,
  timeoutMs = 15_000,
): Promise<T> {
  const until = Date.now() + timeoutMs;
  for (;;) {
    const value = await fn();
    if (value) return value;
    if (Date.now() > until) throw new Error('condition not met in time');
    await new Promise((r) => setTimeout(r, 50));
  }
}

export interface Expected {
  /** Open, Alive threads the user handles → assignee extension id or null. */
  open: Map<string, string | null>;
  /** Alive message ids of those threads → lastModifiedTime (ISO). */
  messages: Map<string, string>;
}

interface StateDoc {
  accounts: Array<{
    id: string;
    threads: MessageThread[];
    messages: ThreadMessage[];
    smsRecipients: Record<string, Array<{ extensionId: string }>>;
  }>;
}

/** What the user's store should hold, from the emulator's own state (GET /__emulator/state). */
export async function expectedFor(world: World, extensionId: string): Promise<Expected> {
  const state = await world.control<StateDoc>('state');
  const open = new Map<string, string | null>();
  const messages = new Map<string, string>();
  for (const account of state.accounts) {
    const mine = new Set(
      Object.entries(account.smsRecipients)
        .filter(([, recipients]) => recipients.some((x) => x.extensionId === extensionId))
        .map(([id]) => id),
    );
    for (const t of account.threads) {
      if (mine.has(t.owner.extensionId ?? '') && t.status === 'Open' && t.availability === 'Alive') {
        open.set(t.id, t.assignee?.extensionId ?? null);
      }
    }
    for (const m of account.messages) {
      if (open.has(m.threadId) && m.availability === 'Alive') messages.set(m.id, m.lastModifiedTime);
    }
  }
  return { open, messages };
}

/** The same view of the local store. */
export async function actualIn(db: Store): Promise<Expected> {
  const open = new Map<string, string | null>();
  for (const t of await readThreads(db)) {
    if (t.status === 'Open' && t.availability === 'Alive') open.set(t.id, t.assignee?.extensionId ?? null);
  }
  const messages = new Map<string, string>();
  for (const e of await db.getAll('entries')) {
    if (e.recordType === 'AliveMessage' && open.has(e.threadId)) messages.set(e.id, e.lastModifiedTime);
  }
  return { open, messages };
}

export interface Team {
  accountId: string;
  resourceId: string;
  sharedNumber: string;
  /** Assignable handlers of the resource who can log in (the first one is "me"). */
  agents: EmulatorUser[];
}

/** A resource with a shared number and at least `size` assignable handlers (from the credentials document). */
export async function findTeam(world: World, size = 2): Promise<Team> {
  const raw = await world.control<{
    users: Array<EmulatorUser & { accountId: string; messageThreads: boolean }>;
  }>('credentials');
  const teams = new Map<string, Team>();
  for (const user of raw.users) {
    if (!user.messageThreads) continue;
    for (const h of user.handles) {
      const number = h.sharedNumbers[0];
      if (!h.assignable || !number) continue;
      const team = teams.get(h.id) ?? {
        accountId: user.accountId,
        resourceId: h.id,
        sharedNumber: number,
        agents: [],
      };
      team.agents.push(user);
      teams.set(h.id, team);
    }
  }
  const team = [...teams.values()].find((t) => t.agents.length >= size);
  if (!team) throw new Error(`no resource with ${size} assignable handlers and a shared number in the seed`);
  return team;
}

/** A customer number unlikely to collide with seeded ones. */
export const customer = (i: number) => `+1202555${String(1000 + i).padStart(4, '0')}`;
