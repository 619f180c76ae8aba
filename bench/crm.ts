// CRM matching and logging against the Salesforce and HubSpot emulators over loopback HTTP: matching latency per
// thread (batched and one number at a time), requests per match, the requests one logged conversation costs
// (find + create, one update per change, the update on resolve), and what the client does when each CRM's rate
// limit answers (HubSpot's 429s, Salesforce's REQUEST_LIMIT_EXCEEDED): requests spent, time taken, and what it
// hands the logging queue (lib/crm-log/service.ts keeps the job and retries after the wait it is told).
import { signInForCode } from '../emulator/salesforce/sign-in.ts';
import { startEmulator } from '../emulator/server.ts';
import { challengeS256, createState, createVerifier } from '../lib/auth/pkce';
import { checkToken, HubSpotClient } from '../lib/crm-api/hubspot-client';
import { exchangeCode, SalesforceClient } from '../lib/crm-api/salesforce-client';
import { CrmApiError, type ActivityInput, type CrmClient } from '../lib/crm-api/types';

const emulator = await startEmulator({ port: 0 });
const creds = (await (await fetch(`${emulator.url}/__emulator/credentials`)).json()) as {
  customers: { phoneNumber: string }[];
  crm: {
    salesforce: { loginUrl: string; clientId: string; users: { username: string; password: string }[] };
    hubspot: { baseUrl: string; privateAppToken: string };
  };
};
const numbers = creds.customers.map((c) => c.phoneNumber);

const control = (route: string, body: unknown) =>
  fetch(`${emulator.url}/__emulator/${route}`, {
    method: 'POST',
    headers: { 'content-type': 'application/json' },
    body: JSON.stringify(body),
  });
/** Moves the emulator clock on (rate windows roll with it). */
const advance = (seconds: number) => control('clock', { advanceSeconds: seconds });

/** Runs `call`, reporting how long it took, the requests it made and how it ended. */
async function outcome(client: CrmClient, call: () => Promise<unknown>): Promise<string> {
  const calls = client.calls;
  const t = performance.now();
  let end: string;
  try {
    await call();
    end = 'succeeded';
  } catch (error) {
    end =
      error instanceof CrmApiError
        ? `failed ${error.kind}${error.code ? ` ${error.code}` : ''}, retry after ${((error.retryAfterMs ?? 0) / 1000).toFixed(0)} s (${error.transient ? 'kept in the queue' : 'shown as failed'})`
        : `threw ${String(error)}`;
  }
  return `${end} in ${(performance.now() - t).toFixed(0)} ms with ${client.calls - calls} request(s)`;
}

async function salesforce(): Promise<SalesforceClient> {
  const sf = creds.crm.salesforce;
  const redirectUri = 'http://127.0.0.1/cb';
  const verifier = createVerifier();
  const url = new URL(`${sf.loginUrl}/services/oauth2/authorize`);
  url.search = new URLSearchParams({
    response_type: 'code',
    client_id: sf.clientId,
    redirect_uri: redirectUri,
    state: createState(),
    code_challenge: await challengeS256(verifier),
    code_challenge_method: 'S256',
  }).toString();
  const user = sf.users[0] as { username: string; password: string };
  const back = await signInForCode(url.href, user.username, user.password);
  const session = await exchangeCode({
    loginUrl: sf.loginUrl,
    clientId: sf.clientId,
    code: back.searchParams.get('code') ?? '',
    verifier,
    redirectUri,
  });
  return new SalesforceClient(session, async () => undefined);
}

const pct = (values: number[], p: number) =>
  [...values].sort((a, b) => a - b)[Math.min(values.length - 1, Math.floor(values.length * p))] ?? 0;

async function measure(name: string, client: CrmClient): Promise<void> {
  let calls = client.calls;
  let t = performance.now();
  const found = await client.findByPhones(numbers);
  const batchMs = performance.now() - t;
  const matched = [...found.values()].filter((r) => r.length > 0).length;
  console.log(
    `${name}: ${numbers.length} numbers matched in batches: ${batchMs.toFixed(0)} ms (${(batchMs / numbers.length).toFixed(1)} ms per thread), ${client.calls - calls} requests, ${matched} numbers with records`,
  );
  const single: number[] = [];
  for (const n of numbers.slice(0, 20)) {
    t = performance.now();
    await client.findByPhones([n]);
    single.push(performance.now() - t);
  }
  console.log(
    `${name}: one number at a time: p50 ${pct(single, 0.5).toFixed(1)} ms, p95 ${pct(single, 0.95).toFixed(1)} ms${name === 'hubspot' ? ' (searches spaced 250 ms apart to stay under 5 a second)' : ''}`,
  );
  const record = found.get(numbers[1] ?? '')?.[0];
  if (!record) throw new Error('no record to log to');
  calls = client.calls;
  const input: ActivityInput = {
    threadId: `bench-${name}`,
    record,
    title: 'SMS conversation',
    transcript: 'hello',
    startedAt: new Date().toISOString(),
    completed: false,
  };
  const existing = await client.findActivity(input.threadId, record);
  const activity = existing ?? (await client.createActivity(input));
  const createCalls = client.calls - calls;
  for (let i = 0; i < 5; i++)
    await client.updateActivity(activity, { ...input, transcript: `${input.transcript}\nmessage ${i}` });
  await client.updateActivity(activity, { ...input, completed: true });
  console.log(
    `${name}: a conversation of 1 + 5 messages, resolved: ${client.calls - calls} requests (${createCalls} to find-or-create, 1 per later change, 1 on resolve)`,
  );
}

async function hubspotLimits(client: HubSpotClient): Promise<void> {
  const hs = creds.crm.hubspot;
  const raw = (path: string, init: RequestInit = {}) =>
    fetch(`${hs.baseUrl}${path}`, {
      ...init,
      headers: { authorization: `Bearer ${hs.privateAppToken}`, 'content-type': 'application/json' },
    });
  const record = (await client.findByPhones([numbers[1] ?? '']).then((m) => m.get(numbers[1] ?? '')))?.[0];
  if (!record) throw new Error('no record');

  // Another integration of the same private app has used the rolling 10-second burst (100 requests).
  await advance(11);
  for (let i = 0; i < 100; i++) await raw('/crm/v3/objects/contacts/101');
  console.log(
    `hubspot: burst used up by another app (429 TEN_SECONDLY_ROLLING): find-or-create ${await outcome(client, () => client.findActivity('bench-limit', record))}`,
  );
  await advance(11);
  console.log(
    `hubspot: after the window rolls: find-or-create ${await outcome(client, () => client.findActivity('bench-limit', record))}`,
  );

  // Another caller has used this second's 5 searches: the client waits the second out and retries once.
  await advance(11);
  for (let i = 0; i < 5; i++) await raw('/crm/v3/objects/contacts/search', { method: 'POST', body: '{}' });
  console.log(
    `hubspot: search limit (5/s) used by another caller (429 SECONDLY): one match ${await outcome(client, () => client.findByPhones([numbers[2] ?? '']))}`,
  );

  // The client alone never trips the search limit: 40 numbers in batches of 5 are 8 searches spaced 250 ms apart.
  await advance(11);
  const before = client.calls;
  const t = performance.now();
  await client.findByPhones(numbers.slice(0, 40));
  console.log(
    `hubspot: 40 numbers back to back: ${client.calls - before} searches in ${(performance.now() - t).toFixed(0)} ms, none refused (one request per batch)`,
  );
}

async function salesforceLimits(client: SalesforceClient): Promise<void> {
  const record = (await client.findByPhones([numbers[1] ?? '']).then((m) => m.get(numbers[1] ?? '')))?.[0];
  if (!record) throw new Error('no record');
  await control('crm/salesforce/api-usage', { used: 13_600 });
  await client.findByPhones([numbers[2] ?? '']);
  console.log(
    `salesforce: at ${client.apiUsage?.used}/${client.apiUsage?.max} requests today (Sforce-Limit-Info): matching ${client.nearDailyLimit() ? 'stops (logging keeps the rest)' : 'goes on'}`,
  );
  await control('crm/salesforce/api-usage', { used: 15_000 });
  console.log(
    `salesforce: daily allocation used up (403 REQUEST_LIMIT_EXCEEDED): find-or-create ${await outcome(client, () => client.findActivity('bench-limit', record))}`,
  );
  await control('crm/salesforce/api-usage', { used: 0 });
  console.log(
    `salesforce: allocation back: find-or-create ${await outcome(client, () => client.findActivity('bench-limit', record))}`,
  );
}

try {
  const sf = await salesforce();
  await measure('salesforce', sf);
  await salesforceLimits(sf);
  const hs = new HubSpotClient(
    await checkToken(creds.crm.hubspot.baseUrl, creds.crm.hubspot.privateAppToken),
  );
  await measure('hubspot', hs);
  await hubspotLimits(hs);
} finally {
  await emulator.close();
}
