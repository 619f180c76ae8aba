// CRM matching and logging against the Salesforce and HubSpot emulators over loopback HTTP: matching latency per
// thread (batched and one number at a time), requests per match, and the requests one logged conversation costs
// (find + create, one update per change, the update on resolve).
import { signInForCode } from '../emulator/salesforce/sign-in.ts';
import { startEmulator } from '../emulator/server.ts';
import { challengeS256, createState, createVerifier } from '../lib/auth/pkce';
import { checkToken, HubSpotClient } from '../lib/crm-api/hubspot-client';
import { exchangeCode, SalesforceClient } from '../lib/crm-api/salesforce-client';
import type { ActivityInput, CrmClient } from '../lib/crm-api/types';

const emulator = await startEmulator({ port: 0 });
const creds = (await (await fetch(`${emulator.url}/__emulator/credentials`)).json()) as {
  customers: { phoneNumber: string }[];
  crm: {
    salesforce: { loginUrl: string; clientId: string; users: { username: string; password: string }[] };
    hubspot: { baseUrl: string; privateAppToken: string };
  };
};
const numbers = creds.customers.map((c) => c.phoneNumber);

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

try {
  await measure('salesforce', await salesforce());
  await measure(
    'hubspot',
    new HubSpotClient(await checkToken(creds.crm.hubspot.baseUrl, creds.crm.hubspot.privateAppToken)),
  );
} finally {
  await emulator.close();
}
