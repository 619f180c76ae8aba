// The one emulator client of every suite that runs the emulator (integration, conformance, e2e, benchmarks): a
// throw-away emulator on a free loopback port with its own data folder, its seeded credentials and the
// test-control API under /__emulator/ (docs/emulator.md lists the control routes).
import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { startEmulator, type EmulatorOptions, type RunningEmulator } from '../../emulator/server.ts';

/** A seeded agent as GET /__emulator/credentials lists them. */
export interface SeededUser {
  accountId: string;
  extensionId: string;
  name: string;
  username: string;
  extensionNumber: string;
  password: string;
  jwt: string;
  handles: { id: string; name: string; type: string; assignable: boolean; sharedNumbers: string[] }[];
}

export interface EmulatorCredentials {
  publicClientId: string;
  privateApp: { clientId: string; clientSecret: string };
  users: SeededUser[];
  customers: { name: string; phoneNumber: string }[];
}

/** GET (no body) or POST (JSON body) under /__emulator/; throws with the status and body when refused. */
export type EmulatorControl = <T = unknown>(pathname: string, body?: unknown) => Promise<T>;

export function emulatorControl(baseUrl: string): EmulatorControl {
  const base = baseUrl.replace(/\/+$/, '');
  return async <T>(pathname: string, body?: unknown): Promise<T> => {
    const res = await fetch(`${base}/__emulator/${pathname}`, {
      method: body === undefined ? 'GET' : 'POST',
      headers: body === undefined ? {} : { 'content-type': 'application/json' },
      body: body === undefined ? undefined : JSON.stringify(body),
    });
    const text = await res.text();
    if (!res.ok) throw new Error(`emulator control ${pathname}: ${res.status} ${text}`);
    return (text ? JSON.parse(text) : undefined) as T;
  };
}

export interface TestEmulator {
  url: string;
  running: RunningEmulator;
  dataDir: string;
  credentials: EmulatorCredentials;
  control: EmulatorControl;
  /** The seeded user whose name starts with `firstName` ("Avery", "Riley"…). */
  user(firstName: string): SeededUser;
  /** The advisors who handle the Financial Advising Queue (a Department), in seed order. */
  advisors(): SeededUser[];
  close(): Promise<void>;
}

/** Starts an emulator on the defaults RingCentral applies (rate limits on) unless `options` says otherwise. */
export async function startTestEmulator(options: EmulatorOptions = {}): Promise<TestEmulator> {
  const dataDir = await mkdtemp(path.join(tmpdir(), 'td-emu-'));
  const running = await startEmulator({ port: 0, host: '127.0.0.1', dataDir, reset: true, ...options });
  const url = running.url.replace(/\/+$/, '');
  const control = emulatorControl(url);
  const credentials = await control<EmulatorCredentials>('credentials');
  return {
    url,
    running,
    dataDir,
    credentials,
    control,
    user(firstName) {
      const found = credentials.users.find((u) => u.name.startsWith(firstName));
      if (!found) throw new Error(`no seeded user ${firstName}`);
      return found;
    },
    advisors: () => credentials.users.filter((u) => u.handles.some((r) => r.type === 'Department')),
    async close() {
      await running.close();
      await rm(dataDir, { recursive: true, force: true });
    },
  };
}
