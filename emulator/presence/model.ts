// Presence of one extension as RingCentral reports it (docs/emulator.md, "Presence"): what the user set, the
// phone and meeting states, and the aggregated presenceStatus RingCentral computes from them.
import { z } from 'zod';

export const UserStatus = z.enum(['Offline', 'Busy', 'Available']);
export const DndStatus = z.enum([
  'TakeAllCalls',
  'DoNotAcceptAnyCalls',
  'DoNotAcceptDepartmentCalls',
  'TakeDepartmentCallsOnly',
]);
export const TelephonyStatus = z.enum(['NoCall', 'CallConnected', 'Ringing', 'OnHold', 'ParkedCall']);
export const MeetingStatus = z.enum(['Connected', 'Disconnected']);

export const PresenceState = z.object({
  userStatus: UserStatus,
  dndStatus: DndStatus,
  telephonyStatus: TelephonyStatus,
  meetingStatus: MeetingStatus,
  message: z.string().max(200).optional(),
});
export type PresenceState = z.infer<typeof PresenceState>;

/** What the test-control API may change; everything left out stays as it was. */
export const PresencePatch = PresenceState.partial().extend({ extensionId: z.string().min(1) });
export type PresencePatch = z.infer<typeof PresencePatch>;

export interface PresenceRec extends PresenceState {
  extensionId: string;
  /** Grows with every change of this extension: the event body's `sequence`. */
  sequence: number;
}

export const AVAILABLE: PresenceState = {
  userStatus: 'Available',
  dndStatus: 'TakeAllCalls',
  telephonyStatus: 'NoCall',
  meetingStatus: 'Disconnected',
};

/**
 * RingCentral's documented rule is only "aggregated … from a number of sources". We take the user's own
 * Offline as Offline, and a published Busy, a call, a meeting or Do Not Disturb (any calls) as Busy.
 */
export function presenceStatus(state: PresenceState): z.infer<typeof UserStatus> {
  if (state.userStatus === 'Offline') return 'Offline';
  if (state.userStatus === 'Busy') return 'Busy';
  if (state.telephonyStatus !== 'NoCall' || state.meetingStatus === 'Connected') return 'Busy';
  if (state.dndStatus === 'DoNotAcceptAnyCalls') return 'Busy';
  return 'Available';
}

/** The push body of the account and extension presence filters. */
export function presenceEventBody(rec: PresenceRec) {
  return {
    extensionId: rec.extensionId,
    telephonyStatus: rec.telephonyStatus,
    sequence: rec.sequence,
    presenceStatus: presenceStatus(rec),
    userStatus: rec.userStatus,
    dndStatus: rec.dndStatus,
    meetingStatus: rec.meetingStatus,
    allowSeeMyPresence: true,
    ringOnMonitoredCall: false,
    pickUpCallsOnHold: false,
  };
}
