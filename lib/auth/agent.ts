// Who is signed in, derived one way for everything (badge, sync, notifications, chips, outbox, pages): the
// agent is `extensionId@server` — the same extension id on another RingCentral server is another person.
import type { AuthStatus } from '../storage';

export interface Agent {
  /** The RingCentral extension id: what thread assignees are compared with. */
  extensionId: string;
  server: string;
  /** `extensionId@server`: what the agent's local data (store, drafts, outbox…) belongs to. */
  key: string;
}

const origin = (server: string) => server.trim().replace(/\/+$/, '').toLowerCase();

export function agentKey(extensionId: string, server: string): string {
  return `${extensionId}@${origin(server)}`;
}

/** The signed-in agent of a published auth status, or undefined when nobody is signed in. */
export function agentOf(status: AuthStatus | null | undefined): Agent | undefined {
  const user = status?.state === 'signedIn' ? status.user : undefined;
  if (!user?.extensionId || !user.server) return undefined;
  return { extensionId: user.extensionId, server: user.server, key: agentKey(user.extensionId, user.server) };
}
