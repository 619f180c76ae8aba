// The background's presence module: handlers come from the capabilities item; a REST snapshot is taken when
// push (re)connects and when the handler set changes, and account presence events arrive through push.
// setupPresence adds its storage watcher in the worker's first turn; the session starts it for a signed-in
// agent's client and stops it on sign-out (docs/architecture.md, Composition root).
import type { RcClient } from '../rc/client';
import { capabilities, presence, type Capabilities } from '../storage';
import { PresenceService } from './service';

/** What push feeds presence with (lib/sync forwards it from the push channel). */
export interface PresenceFeed {
  /** The body of an account presence event. */
  onEvent(body: unknown): void;
  /** Push (re)connected: events may have been missed. */
  refresh(): void;
}

export interface Presence extends PresenceFeed {
  /** Starts following the handlers' presence with this client (restarts if already running). */
  start(client: Pick<RcClient, 'request'>): Promise<void>;
  /** Stops and forgets every presence (signed out). */
  stop(): Promise<void>;
}

export function handlerIdsOf(caps: Capabilities | null): string[] {
  return [...new Set((caps?.resources ?? []).flatMap((r) => r.handlers.map((h) => h.id)))].sort();
}

export function setupPresence(): Presence {
  let service: PresenceService | undefined;
  capabilities.watch((next, prev) => {
    if (handlerIdsOf(next).join() !== handlerIdsOf(prev).join()) service?.refresh();
  });
  const stop = async () => {
    const running = service;
    service = undefined;
    await running?.stop();
  };
  return {
    async start(client) {
      await stop();
      service = new PresenceService({
        rc: client,
        item: presence,
        handlers: async () => handlerIdsOf(await capabilities.getValue()),
      });
    },
    stop,
    onEvent: (body) => void service?.onEvent(body),
    refresh: () => service?.refresh(),
  };
}
