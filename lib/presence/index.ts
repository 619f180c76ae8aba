// The background's presence, started with sync for a signed-in agent: handlers come from the capabilities
// item, the snapshot is taken when push (re)connects and when the handler set changes.
import type { RcClient } from '../rc/client';
import { capabilities, presence, type Capabilities } from '../storage';
import { PresenceService } from './service';

export interface RunningPresence {
  /** The body of an account presence event. */
  onEvent(body: unknown): void;
  /** Push (re)connected: events may have been missed. */
  refresh(): void;
  stop(): Promise<void>;
}

export function handlerIdsOf(caps: Capabilities | null): string[] {
  return [...new Set((caps?.resources ?? []).flatMap((r) => r.handlers.map((h) => h.id)))].sort();
}

export function startPresence(client: Pick<RcClient, 'request'>): RunningPresence {
  const service = new PresenceService({
    rc: client,
    item: presence,
    handlers: async () => handlerIdsOf(await capabilities.getValue()),
  });
  const unwatch = capabilities.watch((next, prev) => {
    if (handlerIdsOf(next).join() !== handlerIdsOf(prev).join()) service.refresh();
  });
  return {
    onEvent: (body) => void service.onEvent(body),
    refresh: () => service.refresh(),
    async stop() {
      unwatch();
      await service.stop();
    },
  };
}
