// Turns a core ThreadEvent into the ServerNotification a session should get (contract §5.7, §9.3, §10.2).
import { randomUUID } from 'node:crypto';
import { z } from 'zod';
import { eventPath } from './event-filters.ts';
import { encodeFrame, serverMeta } from './frames.ts';
import type { WsgSession } from './session.ts';
import type { ThreadEvent } from './types.ts';

export const ThreadEventSchema = z.object({
  accountId: z.string().min(1),
  filter: z.enum(['threads', 'entries']),
  extensionIds: z.array(z.string()),
  lastModifiedTime: z.string(),
});

export interface NotificationEnvelope {
  uuid: string;
  event: string;
  timestamp: string;
  subscriptionId: string;
  ownerId: string;
  body: { lastModifiedTime: string };
}

export function wantsEvent(session: WsgSession, event: ThreadEvent): boolean {
  const { accountId, extensionId } = session.identity;
  return (
    accountId === event.accountId &&
    event.extensionIds.includes(extensionId) &&
    session.subscription !== undefined &&
    session.subscription.filters.has(event.filter)
  );
}

/** Builds the frame and advances the session's wsc sequence; null when the session does not get this event. */
export function notificationFor(
  session: WsgSession,
  event: ThreadEvent,
  now: number,
): { sequence: number; frame: string } | null {
  if (!wantsEvent(session, event) || !session.subscription) return null;
  const uuid = randomUUID();
  const envelope: NotificationEnvelope = {
    uuid,
    event: eventPath(event.accountId, event.filter),
    timestamp: new Date(now).toISOString(),
    subscriptionId: session.subscription.id,
    ownerId: session.identity.extensionId,
    body: { lastModifiedTime: event.lastModifiedTime },
  };
  const wsc = session.nextWsc();
  return {
    sequence: wsc.sequence,
    frame: encodeFrame(serverMeta('ServerNotification', { messageId: uuid, wsc }), envelope),
  };
}
