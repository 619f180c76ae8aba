// The real emulator on a free loopback port with a throw-away data folder, plus its test-control API.
import type { RunningEmulator } from '../../emulator/server.ts';
import { startTestEmulator as startShared, type EmulatorControl } from '../support/emulator.ts';
import type { EmulatorCredentials } from './sdk-session.ts';

export interface TestEmulator {
  url: string;
  running: RunningEmulator;
  credentials: EmulatorCredentials;
  control: EmulatorControl;
  close(): Promise<void>;
}

export async function startTestEmulator(): Promise<TestEmulator> {
  const t = await startShared();
  return {
    url: t.url,
    running: t.running,
    credentials: t.credentials,
    control: t.control,
    close: t.close,
  };
}

/** Polls until `read` returns something truthy; rejects with `what` after the timeout. */
export async function waitUntil<T>(
  read: () => T | undefined | false,
  what: string,
  timeoutMs = 10_000,
): Promise<T> {
  const deadline = Date.now() + timeoutMs;
  for (;;) {
    const value = read();
    if (value) return value;
    if (Date.now() > deadline) throw new Error(`timed out waiting for ${what}`);
    await new Promise((resolve) => setTimeout(resolve, 25));
  }
}
