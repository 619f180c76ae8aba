// The real emulator on a free loopback port with a throw-away data folder, plus its test-control API.
import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { startEmulator, type RunningEmulator } from '../../emulator/server.ts';
import { fetchCredentials, type EmulatorCredentials } from './sdk-session.ts';

export interface TestEmulator {
  url: string;
  running: RunningEmulator;
  credentials: EmulatorCredentials;
  /** GET (no body) or POST (JSON body) under /__emulator/. */
  control<T = unknown>(pathname: string, body?: unknown): Promise<T>;
  close(): Promise<void>;
}

export async function startTestEmulator(): Promise<TestEmulator> {
  const dataDir = await mkdtemp(path.join(tmpdir(), 'td-push-emu-'));
  const running = await startEmulator({
    port: 0,
    dataDir,
    reset: true,
  });
  const credentials = await fetchCredentials(running.url);
  return {
    url: running.url,
    running,
    credentials,
    async control<T>(pathname: string, body?: unknown): Promise<T> {
      const response = await fetch(`${running.url}/__emulator/${pathname}`, {
        method: body === undefined ? 'GET' : 'POST',
        headers: body === undefined ? {} : { 'content-type': 'application/json' },
        body: body === undefined ? undefined : JSON.stringify(body),
      });
      const text = await response.text();
      if (!response.ok) throw new Error(`${pathname}: ${response.status} ${text}`);
      return (text ? JSON.parse(text) : undefined) as T;
    },
    async close() {
      await running.close();
      await rm(dataDir, { recursive: true, force: true });
    },
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
