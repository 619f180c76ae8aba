/** RingCentral's PhoneNumberE164 pattern (docs/emulator.md, Message threads). No imports, so any bundle can use it cheaply. */
export const E164_PATTERN = /^\+[1-9]\d{1,14}$/;
