// Shared by the auth, outbox and handlers integration tests: a fresh emulator, its credentials, and the
// PKCE authorize form driven with fetch (the part a person does in the browser's auth window).
import 'fake-indexeddb/auto';
import { z } from 'zod';
import type { RunningEmulator } from '../../emulator/server.ts';
import { createRcClient, type RcClient } from '../../lib/rc/client';
import { createMemoryTokenStore } from '../../lib/rc/token-store';
import { startTestEmulator as startShared, type EmulatorControl } from '../support/emulator.ts';

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
  control: EmulatorControl;
  close(): Promise<void>;
}

export async function startTestEmulator(): Promise<TestEmulator> {
  const t = await startShared();
  const creds = Credentials.parse(t.credentials);
  return { emu: t.running, url: t.url, creds, control: t.control, user: t.user, close: t.close };
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
