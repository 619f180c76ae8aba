// The seeded presence: the Financial Advising Queue's advisors in every state the Team view shows.
import { IDS } from '../seed/accounts.ts';
import { AVAILABLE, type PresenceState } from './model.ts';

export const SEED_PRESENCE: Readonly<Record<string, PresenceState>> = {
  [IDS.avery]: AVAILABLE,
  [IDS.jordan]: { ...AVAILABLE, telephonyStatus: 'CallConnected' },
  [IDS.sam]: { ...AVAILABLE, dndStatus: 'DoNotAcceptAnyCalls', message: 'Client meetings until 3 pm' },
  [IDS.taylor]: { ...AVAILABLE, userStatus: 'Offline' },
  [IDS.morgan]: { ...AVAILABLE, meetingStatus: 'Connected' },
};
