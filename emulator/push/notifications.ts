// Turns a core ThreadEvent into the ServerNotification a session should get (docs/emulator.md "Events").
import { randomUUID } from 'node:crypto';
import { z } from 'zod';
import { eventPath } from './event-filters.ts';
import { encodeFrame, serverMeta } from './frames.ts';
import type { WsgSession } from './session.ts';
import type { FilterEvent, ThreadEvent } from './types.ts';

export const ThreadEventSchema = z.object({
  accountId: z.string().min(1),
  filter: z.enum(['threads', 'entries']),
  extensionIds: z.array(z.string()),
  lastModifiedTime: z.string(),
});

export const FilterEventSchema = z.object({
  accountId: z.string().min(1),
  paths: z.array(z.string()),
  body: z.unknown(),
});

export interface NotificationEnvelope {
  uuid: string;
  event: string;
  timestamp: string;
  subscriptionId: string;
  ownerId: string;
  body: unknown;
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
  return framed(session, envelope);
}

function framed(session: WsgSession, envelope: NotificationEnvelope): { sequence: number; frame: string } {
  const wsc = session.nextWsc();
  return {
    sequence: wsc.sequence,
    frame: encodeFrame(serverMeta('ServerNotification', { messageId: envelope.uuid, wsc }), envelope),
  };
}

/** One frame per subscribed filter the event is delivered on; `event` is that filter as the client holds it. */
export function filterNotificationsFor(
  session: WsgSession,
  event: FilterEvent,
  now: number,
): { sequence: number; frame: string }[] {
  const subscription = session.subscription;
  if (!subscription || session.identity.accountId !== event.accountId) return [];
  return subscription.eventFilters
    .filter((filter) => event.paths.includes(filter.split('?')[0] ?? ''))
    .map((filter) =>
      framed(session, {
        uuid: randomUUID(),
        event: filter,
        timestamp: new Date(now).toISOString(),
        subscriptionId: subscription.id,
        ownerId: session.identity.extensionId,
        body: event.body,
      }),
    );
}
