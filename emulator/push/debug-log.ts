// Debug logging for the gateway, off unless EMULATOR_DEBUG is set: bad client frames are expected in tests.
export function debugLog(message: string, detail?: unknown): void {
  if (!process.env.EMULATOR_DEBUG) return;
  if (detail === undefined) console.debug(`[wsg] ${message}`);
  else console.debug(`[wsg] ${message}`, detail);
}
