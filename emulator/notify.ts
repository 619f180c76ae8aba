// Turns a change into ThreadEvents for the WebSocket gateway (docs/emulator.md "Events") and feed events for the simulator.
import { iso } from './clock.ts';
import type { Core, FeedEvent } from './core.ts';
import type { ThreadEvent } from './push/types.ts';
import type { ResourceRec, ThreadRec } from './state.ts';
import { noticesFor, type ThreadAction } from './threads/rules.ts';

export function notify(
  core: Core,
  accountId: string,
  action: ThreadAction,
  thread: ThreadRec,
  resource: ResourceRec | undefined,
  createdThread = false,
): void {
  if (!resource) return;
  const lastModifiedTime = iso(thread.lastModifiedTime);
  for (const notice of noticesFor(action, thread, resource, createdThread)) {
    if (notice.extensionIds.length === 0) continue;
    const event: ThreadEvent = {
      accountId,
      filter: notice.filter,
      extensionIds: notice.extensionIds,
      lastModifiedTime,
    };
    core.events.emit('thread-event', event);
  }
}

export function feed(core: Core, event: FeedEvent): void {
  core.events.emit('feed', event);
}
