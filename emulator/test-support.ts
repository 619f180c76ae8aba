// Shared helpers for the emulator's integration tests: a throw-away emulator on a free loopback port, the
// official SDK signed in as a seeded user, and the test-control API.
import { SDK } from '@ringcentral/sdk';
import {
  startTestEmulator as startShared,
  type EmulatorControl,
  type EmulatorCredentials,
  type SeededUser,
} from '../test/support/emulator.ts';
import type { EmulatorOptions, RunningEmulator } from './server.ts';

export type Credentials = EmulatorCredentials;

export interface TestEmulator {
  emu: RunningEmulator;
  url: string;
  dataDir: string;
  creds: Credentials;
  control: EmulatorControl;
  user(name: string): SeededUser;
  stop(): Promise<void>;
}

let sdkCount = 0;

export async function startTestEmulator(options: EmulatorOptions = {}): Promise<TestEmulator> {
  const t = await startShared(options);
  return {
    emu: t.running,
    url: t.url,
    dataDir: t.dataDir,
    creds: t.credentials,
    control: t.control,
    user: t.user,
    stop: t.close,
  };
}

/** A fresh SDK with its own token cache (the SDK's default storage is shared within a process). */
export function newSdk(t: Pick<TestEmulator, 'url' | 'creds'>, kind: 'public' | 'private' = 'private'): SDK {
  sdkCount += 1;
  return new SDK({
    server: t.url,
    clientId: kind === 'public' ? t.creds.publicClientId : t.creds.privateApp.clientId,
    ...(kind === 'private' ? { clientSecret: t.creds.privateApp.clientSecret } : {}),
    cachePrefix: `td-test-${process.pid}-${sdkCount}-`,
  });
}

/** The official SDK signed in with the user's JWT credential (private app). */
export async function signedIn(t: Pick<TestEmulator, 'url' | 'creds'>, name: string): Promise<SDK> {
  const user = t.creds.users.find((u) => u.name.startsWith(name));
  if (!user) throw new Error(`no seeded user ${name}`);
  const sdk = newSdk(t);
  await sdk.platform().login({ jwt: user.jwt });
  return sdk;
}

/** The parsed RingCentral error body of a failed SDK call. */
export async function errorOf(
  promise: Promise<unknown>,
): Promise<{ status: number; body: Record<string, unknown> & { errors?: Record<string, unknown>[] } }> {
  try {
    await promise;
  } catch (e) {
    const response = (e as { response?: Response }).response;
    if (!response) throw e;
    const text = await response.clone().text();
    return { status: response.status, body: text ? (JSON.parse(text) as Record<string, unknown>) : {} };
  }
  throw new Error('expected the call to fail');
}

export const firstErrorCode = (body: { errors?: Record<string, unknown>[] }): unknown =>
  body.errors?.[0]?.errorCode;

export const MTH = '/restapi/v1.0/account/~/message-threads';

export async function getJson<T = Record<string, unknown>>(
  sdk: SDK,
  url: string,
  query?: Record<string, unknown>,
): Promise<T> {
  return (await (await sdk.platform().get(url, query)).json()) as T;
}

export async function postJson<T = Record<string, unknown>>(
  sdk: SDK,
  url: string,
  body?: unknown,
): Promise<T> {
  return (await (await sdk.platform().post(url, body)).json()) as T;
}

export const sleep = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));

/** Polls until `check` passes or `timeoutMs` ends (carrier timers and events are asynchronous). */
export async function eventually<T>(
  read: () => Promise<T> | T,
  check: (value: T) => boolean,
  timeoutMs = 5000,
): Promise<T> {
  const end = Date.now() + timeoutMs;
  for (;;) {
    const value = await read();
    if (check(value)) return value;
    if (Date.now() > end) throw new Error(`condition not met: ${JSON.stringify(value)}`);
    await sleep(50);
  }
}

export interface Feed {
  events: { type: string; data: Record<string, unknown> }[];
  close(): void;
}

/** Reads /__emulator/events (Server-Sent Events) into an array until closed. */
export async function openFeed(url: string): Promise<Feed> {
  const controller = new AbortController();
  const res = await fetch(`${url}/__emulator/events`, { signal: controller.signal });
  const events: Feed['events'] = [];
  const reader = res.body?.getReader();
  const decoder = new TextDecoder();
  let buffer = '';
  void (async () => {
    try {
      for (;;) {
        const chunk = await reader?.read();
        if (!chunk || chunk.done) return;
        buffer += decoder.decode(chunk.value, { stream: true });
        let split: number;
        while ((split = buffer.indexOf('\n\n')) >= 0) {
          const block = buffer.slice(0, split);
          buffer = buffer.slice(split + 2);
          const type = /^event: (.+)$/m.exec(block)?.[1];
          const data = /^data: (.+)$/m.exec(block)?.[1];
          if (type && data) events.push({ type, data: JSON.parse(data) as Record<string, unknown> });
        }
      }
    } catch {
      // aborted
    }
  })();
  return { events, close: () => controller.abort() };
}

export async function bearerOf(sdk: SDK): Promise<string> {
  return `Bearer ${(await sdk.platform().auth().data()).access_token ?? ''}`;
}
