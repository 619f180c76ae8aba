// Emulator profiles (docs/emulator.md "Profiles"). `default` implements every operation of the public spec;
// `production` answers the operations RingCentral's thread-messaging guide says production does not offer yet
// (deleting a message, sending attachments) the way RingCentral answers a feature that is not available.
import { forbidden, type RcError } from './http/errors.ts';

export const PROFILES = ['default', 'production'] as const;
export type Profile = (typeof PROFILES)[number];

export function isProfile(value: unknown): value is Profile {
  return typeof value === 'string' && (PROFILES as readonly string[]).includes(value);
}

/** 403 CMN-109 "Feature not available." from RingCentral's general error codes. */
export const featureNotAvailable = (): RcError => forbidden('Feature not available.', 'CMN-109');
