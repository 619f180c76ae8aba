// Presence records → RingCentral JSON (PresenceInfoResponse). Non-user extensions (queues, sites, IVR menus)
// are always Offline and carry no user, DND or telephony fields, as RingCentral's reference says.
import type { AccountRec } from '../state.ts';
import { presenceStatus, type PresenceRec } from './model.ts';

export interface PresenceViewContext {
  account: AccountRec;
  baseUrl: string;
  detailed: boolean;
}

function extensionRef(ctx: PresenceViewContext, extensionId: string, extensionNumber: string) {
  return {
    id: Number(extensionId),
    uri: `${ctx.baseUrl}/restapi/v1.0/account/${ctx.account.id}/extension/${extensionId}`,
    extensionNumber,
  };
}

const presenceUri = (ctx: PresenceViewContext, extensionId: string) =>
  `${ctx.baseUrl}/restapi/v1.0/account/${ctx.account.id}/extension/${extensionId}/presence`;

export function userPresenceView(ctx: PresenceViewContext, rec: PresenceRec, extensionNumber: string) {
  return {
    uri: presenceUri(ctx, rec.extensionId),
    extension: extensionRef(ctx, rec.extensionId, extensionNumber),
    presenceStatus: presenceStatus(rec),
    telephonyStatus: rec.telephonyStatus,
    userStatus: rec.userStatus,
    dndStatus: rec.dndStatus,
    ...(rec.message ? { message: rec.message } : {}),
    allowSeeMyPresence: true,
    ringOnMonitoredCall: false,
    pickUpCallsOnHold: false,
    meetingStatus: rec.meetingStatus,
    // The emulator places no calls: a detailed answer lists none.
    ...(ctx.detailed ? { activeCalls: [] } : {}),
  };
}

export function nonUserPresenceView(ctx: PresenceViewContext, extensionId: string, extensionNumber: string) {
  return {
    uri: presenceUri(ctx, extensionId),
    extension: extensionRef(ctx, extensionId, extensionNumber),
    presenceStatus: 'Offline' as const,
    allowSeeMyPresence: true,
  };
}
