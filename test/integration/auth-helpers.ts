// Shared by the auth, outbox and handlers integration tests: a fresh emulator, its credentials, and the
// PKCE authorize form driven with fetch (the part a person does in the browser's auth window).
import 'fake-indexeddb/auto';
import { z } from 'zod';
import { startEmulator, type RunningEmulator } from '../../emulator/server.ts';
import { createRcClient, type RcClient } from '../../lib/rc/client';
import { createMemoryTokenStore } from '../../lib/rc/token-store';

const User = z.object({
  accountId: z.string(),
  extensionId: z.string(),
  name: z.string(),
  username: z.string(),
  password: z.string(),
  jwt: z.string(),
});
const Credentials = z.object({
  publicClientId: z.string(),
  privateApp: z.object({ clientId: z.string(), clientSecret: z.string() }),
  users: z.array(User),
});
export type Credentials = z.infer<typeof Credentials>;
export type EmulatorUser = z.infer<typeof User>;

export interface TestEmulator {
  emu: RunningEmulator;
  url: string;
  creds: Credentials;
  user(firstName: string): EmulatorUser;
  control<T = unknown>(path: string, body?: unknown): Promise<T>;
  close(): Promise<void>;
}

export async function startTestEmulator(): Promise<TestEmulator> {
  const emu = await startEmulator({ port: 0, reset: true });
  const control = async <T>(path: string, body?: unknown): Promise<T> => {
    const res = await fetch(`${emu.url}/__emulator/${path}`, {
      method: body === undefined ? 'GET' : 'POST',
      headers: body === undefined ? {} : { 'content-type': 'application/json' },
      body: body === undefined ? undefined : JSON.stringify(body),
    });
    if (!res.ok) throw new Error(`${path}: ${res.status} ${await res.text()}`);
    const text = await res.text();
    return (text ? JSON.parse(text) : undefined) as T;
  };
  const creds = Credentials.parse(await control('credentials'));
  return {
    emu,
    url: emu.url,
    creds,
    control,
    user(firstName) {
      const u = creds.users.find((x) => x.name.startsWith(`${firstName} `));
      if (!u) throw new Error(`no user ${firstName}`);
      return u;
    },
    close: () => emu.close(),
  };
}

/** A client of the private app (JWT sign-in), with a counting fetch. */
export function jwtClient(t: TestEmulator, fetchImpl: typeof fetch = fetch): RcClient {
  return createRcClient({
    server: t.url,
    clientId: t.creds.privateApp.clientId,
    clientSecret: t.creds.privateApp.clientSecret,
    store: createMemoryTokenStore(),
    fetch: fetchImpl,
  });
}

export async function signedInJwtClient(t: TestEmulator, firstName: string, fetchImpl?: typeof fetch) {
  const client = jwtClient(t, fetchImpl);
  await client.login({ jwt: t.user(firstName).jwt });
  return client;
}

/** Does what the agent does in the auth window: loads the authorize page, submits the sign-in form, and
 *  returns the URL the server redirected to. */
export async function submitAuthorizeForm(url: string, username: string, password: string): Promise<string> {
  const page = await fetch(url);
  if (!page.ok) throw new Error(`authorize page: ${page.status} ${await page.text()}`);
  const html = await page.text();
  const form = new URLSearchParams();
  for (const m of html.matchAll(/<input type="hidden" name="([^"]+)" value="([^"]*)">/g)) {
    form.set(m[1]!, unescapeHtml(m[2]!));
  }
  form.set('username', username);
  form.set('password', password);
  form.set('action', 'signin');
  const res = await fetch(new URL('/restapi/oauth/authorize', url), {
    method: 'POST',
    body: form,
    redirect: 'manual',
  });
  const location = res.headers.get('location');
  if (!location) throw new Error(`no redirect: ${res.status} ${await res.text()}`);
  return location;
}

function unescapeHtml(s: string): string {
  return s.replace(
    /&(amp|lt|gt|quot|#39);/g,
    (_, e: string) => ({ amp: '&', lt: '<', gt: '>', quot: '"', '#39': "'" })[e] ?? '',
  );
}

/** A fetch that counts requests by path. */
export function countingFetch() {
  const counts = new Map<string, number>();
  const f: typeof fetch = async (input, init) => {
    const url = new URL(input instanceof Request ? input.url : String(input));
    counts.set(url.pathname, (counts.get(url.pathname) ?? 0) + 1);
    return fetch(input, init);
  };
  return { fetch: f, count: (path: string) => counts.get(path) ?? 0 };
}
