// CRM matching and conversation logging end to end below the UI: the real RingCentral emulator synced into a
// store by the real engine, the CRM service against the Salesforce and HubSpot emulators over HTTP, and the
// results read back with the CRMs' official clients (jsforce, @hubspot/api-client). One activity per thread
// however often it is synced, the worker restarts or a second agent takes the thread over.
import { Client } from '@hubspot/api-client';
import { Connection } from 'jsforce';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { signInForCode } from '../../emulator/salesforce/sign-in.ts';
import { agentKey, type Agent as SignedInAgent } from '../../lib/auth/agent';
import { challengeS256, createState, createVerifier } from '../../lib/auth/pkce';
import { checkToken } from '../../lib/crm-api/hubspot-client';
import { exchangeCode, SalesforceClient, type SalesforceSession } from '../../lib/crm-api/salesforce-client';
import type { CrmKind } from '../../lib/crm-api/types';
import { assignThread, resolveThread, sendMessage } from '../../lib/rc/api';
import type { RcClient } from '../../lib/rc/client';
import { crmAgentPart } from '../../lib/crm-log/agent-part';
import { CrmService, type CrmThreadState } from '../../lib/crm-log/service';
import {
  connectionKey,
  openCrmStore,
  saveConnection,
  type CrmConnection,
  type CrmStore,
} from '../../lib/crm-log/store';
import {
  engineRig,
  eventually,
  startWorld,
  type EngineRig,
  type EmulatorUser,
  type World,
} from './sync-harness';

interface CrmCreds {
  salesforce: {
    loginUrl: string;
    instanceUrl: string;
    clientId: string;
    users: { username: string; password: string }[];
  };
  hubspot: { baseUrl: string; privateAppToken: string };
}

const REDIRECT = 'https://abcdefghijklmnopabcdefghijklmnop.chromiumapp.org/salesforce';

let world: World;
let crm: CrmCreds;
let customers: { name: string; phoneNumber: string }[];

beforeAll(async () => {
  world = await startWorld();
  const creds = await world.control<{ crm: CrmCreds; customers: typeof customers }>('credentials');
  crm = creds.crm;
  customers = creds.customers;
});
afterAll(() => world.close());

async function connect(kind: CrmKind, db: CrmStore, user = 0): Promise<CrmConnection> {
  if (kind === 'hubspot') {
    const session = await checkToken(crm.hubspot.baseUrl, crm.hubspot.privateAppToken);
    const connection: CrmConnection = {
      kind,
      key: connectionKey(kind, session),
      session,
      connectedAt: Date.now(),
    };
    await saveConnection(db, connection);
    return connection;
  }
  const verifier = createVerifier();
  const state = createState();
  const url = new URL(`${crm.salesforce.loginUrl}/services/oauth2/authorize`);
  url.search = new URLSearchParams({
    response_type: 'code',
    client_id: crm.salesforce.clientId,
    redirect_uri: REDIRECT,
    state,
    code_challenge: await challengeS256(verifier),
    code_challenge_method: 'S256',
  }).toString();
  const who = crm.salesforce.users[user] as { username: string; password: string };
  const back = await signInForCode(url.href, who.username, who.password);
  const session = await exchangeCode({
    loginUrl: crm.salesforce.loginUrl,
    clientId: crm.salesforce.clientId,
    code: back.searchParams.get('code') ?? '',
    verifier,
    redirectUri: REDIRECT,
  });
  const connection: CrmConnection = {
    kind,
    key: connectionKey(kind, session),
    session,
    connectedAt: Date.now(),
  };
  await saveConnection(db, connection);
  return connection;
}

interface Agent {
  user: EmulatorUser;
  rc: RcClient;
  rig: EngineRig;
  crmDb: CrmStore;
  service: CrmService;
  states: Map<string, CrmThreadState | null>;
  names: Map<string, string | null>;
}

async function agent(user: EmulatorUser, kind: CrmKind, crmDb?: CrmStore): Promise<Agent> {
  // One sign-in per agent for the whole file: RingCentral's Auth group allows only a few a minute.
  const rc = logins.get(user.extensionId) ?? (await world.login(user));
  logins.set(user.extensionId, rc);
  const rig = await engineRig(rc);
  await rig.engine.start();
  const db = crmDb ?? (await openCrmStore(`crm-${crypto.randomUUID()}`));
  if (!crmDb) await connect(kind, db);
  const states = new Map<string, CrmThreadState | null>();
  const names = new Map<string, string | null>();
  const service = makeService(rig, db, user, states, names);
  return { user, rc, rig, crmDb: db, service, states, names };
}

/** The agent as the background knows them (lib/auth/agent.ts): extension id on this RingCentral server. */
const asAgent = (user: EmulatorUser): SignedInAgent => ({
  extensionId: user.extensionId,
  server: world.url,
  key: agentKey(user.extensionId, world.url),
});

let clockOffset = 0;

/** The n-th advisor who may be assigned the queue's threads: spreading tests over agents keeps each within
 *  RingCentral's per-user rate limits. */
function advisor(n: number): EmulatorUser {
  const first = world.credentials.users.find((u) => u.name.startsWith('Avery')) as EmulatorUser;
  const queue = first.handles.find((h) => h.assignable && h.sharedNumbers.length)?.sharedNumbers[0];
  const all = world.credentials.users.filter((u) =>
    u.handles.some((h) => h.assignable && queue && h.sharedNumbers.includes(queue)),
  );
  const found = all[n];
  if (!found) throw new Error(`no advisor ${n}`);
  return found;
}
const logins = new Map<string, RcClient>();

function makeService(
  rig: EngineRig,
  crmDb: CrmStore,
  user: EmulatorUser,
  states: Agent['states'],
  names: Agent['names'],
): CrmService {
  return new CrmService({
    now: () => Date.now() + clockOffset,
    crmDb: async () => crmDb,
    syncDb: async () => rig.db,
    me: async () => asAgent(user),
    settings: async () => ({ mode: 'auto', includeNotes: true }),
    saveCrmName: async (phone, value) => void names.set(phone, value),
    publish: { thread: async (id, s) => void states.set(id, s), clearThreads: async () => states.clear() },
  });
}

const shared = (a: Agent) => a.user.handles.find((h) => h.sharedNumbers.length)?.sharedNumbers[0] as string;

async function threadFor(a: Agent, phone: string): Promise<string> {
  return eventually(
    async () =>
      (await a.rig.db.getAllFromIndex('threads', 'byGuest', phone)).find((t) => t.status === 'Open')?.id,
  );
}

let sfReader: Connection | undefined;

/** jsforce signed in as the second Salesforce user: a colleague, or whoever reads the CRM. */
async function salesforceReader(): Promise<Connection> {
  if (!sfReader) {
    const connection = await connect(
      'salesforce',
      await openCrmStore(`crm-reader-${crypto.randomUUID()}`),
      1,
    );
    if (connection.kind !== 'salesforce') throw new Error('unexpected connection');
    sfReader = new Connection({
      instanceUrl: connection.session.instanceUrl,
      accessToken: connection.session.accessToken,
      version: '62.0',
    });
  }
  return sfReader;
}

const hubspotReader = () =>
  new Client({
    accessToken: crm.hubspot.privateAppToken,
    basePath: crm.hubspot.baseUrl,
    numberOfApiCallRetries: 3,
  });

/** Every activity carrying the thread's key, read with the CRM's official client. */
async function readActivities(
  kind: CrmKind,
  threadId: string,
  customerName: string,
): Promise<{ recordName: string; text: string; completed: boolean }[]> {
  if (kind === 'salesforce') {
    const reader = await salesforceReader();
    const found = await reader.query<{ Id: string; WhoId: string; Description: string; Status: string }>(
      `SELECT Id, WhoId, Description, Status FROM Task WHERE Subject LIKE '%[ThreadDesk ${threadId}]'`,
    );
    return Promise.all(
      found.records.map(async (task) => {
        const who = (await reader
          .sobject(task.WhoId.startsWith('00Q') ? 'Lead' : 'Contact')
          .retrieve(task.WhoId)) as { Name?: string };
        return { recordName: who.Name ?? '', text: task.Description, completed: task.Status === 'Completed' };
      }),
    );
  }
  // Through the contacts' associations, not CRM search: search lags writes by a few seconds (docs/emulator.md,
  // "HubSpot"), so a duplicate made a moment ago would not show there.
  const client = hubspotReader();
  const [firstname = '', lastname = ''] = customerName.split(' ');
  const found = await client.crm.contacts.searchApi.doSearch({
    filterGroups: [
      {
        filters: [
          { propertyName: 'firstname', operator: 'EQ' as never, value: firstname },
          { propertyName: 'lastname', operator: 'EQ' as never, value: lastname },
        ],
      },
    ],
    limit: 10,
  });
  const mine = [];
  for (const contact of found.results) {
    const links = await client.crm.associations.v4.basicApi.getPage('contacts', contact.id, 'communications');
    if (!links.results.length) continue;
    const read = await client.crm.objects.communications.batchApi.read({
      inputs: links.results.map((l) => ({ id: String(l.toObjectId) })),
      properties: ['hs_communication_body', 'hs_communication_channel_type'],
      propertiesWithHistory: [],
    });
    mine.push(
      ...read.results.filter((r) =>
        (r.properties.hs_communication_body ?? '').includes(`ThreadDesk thread ${threadId}</p>`),
      ),
    );
  }
  return Promise.all(
    mine.map(async (c) => {
      expect(c.properties.hs_communication_channel_type).toBe('SMS');
      const assoc = await client.crm.associations.v4.basicApi.getPage('communications', c.id, 'contacts');
      const contact = await client.crm.contacts.basicApi.getById(String(assoc.results[0]?.toObjectId ?? ''));
      const text = (c.properties.hs_communication_body ?? '')
        .replace(/<\/p>/g, '\n')
        .replace(/<[^>]+>/g, '')
        .replace(/&#(\d+);/g, (_, n: string) => String.fromCharCode(Number(n)));
      return {
        recordName: `${contact.properties.firstname ?? ''} ${contact.properties.lastname ?? ''}`.trim(),
        text,
        completed: text.includes('Conversation resolved.'),
      };
    }),
  );
}

describe.each(['salesforce', 'hubspot'] as const)('%s: matching and logging', (kind) => {
  it('names the customer from the CRM, logs one activity on the right record with the whole transcript, and keeps one across re-sync, restart and a second agent', async () => {
    const avery = await agent(
      world.credentials.users.find((u) => u.name.startsWith('Avery')) as EmulatorUser,
      kind,
    );
    const customer = kind === 'salesforce' ? customers[2] : customers[3];
    if (!customer) throw new Error('no seeded customer');
    await world.control('inbound', {
      from: customer.phoneNumber,
      to: shared(avery),
      text: `Hello from ${customer.name}`,
    });
    await avery.rig.engine.syncNow();
    const threadId = await threadFor(avery, customer.phoneNumber);

    const started = performance.now();
    await avery.service.matchThreads([threadId]);
    const matchMs = performance.now() - started;
    expect(avery.names.get(customer.phoneNumber)).toBe(customer.name);
    expect(avery.states.get(threadId)).toMatchObject({ state: 'ready', record: { name: customer.name } });

    await assignThread(avery.rc, threadId, avery.user.extensionId);
    await sendMessage(avery.rc, {
      threadId,
      from: shared(avery),
      to: customer.phoneNumber,
      text: 'Happy to help — what do you need?',
    });
    await avery.rig.engine.syncNow();
    const callsBefore = (await avery.service.currentClient())?.client.calls ?? 0;
    await avery.service.onThreadsChanged([threadId]);
    await avery.service.kick();
    const calls = ((await avery.service.currentClient())?.client.calls ?? 0) - callsBefore;
    expect(avery.states.get(threadId)).toMatchObject({ state: 'logged', record: { name: customer.name } });
    expect(await readActivities(kind, threadId, customer.name)).toHaveLength(1);

    // Re-sync, then a worker restart: the same CRM store, a new service with nothing in memory.
    await avery.rig.engine.syncNow();
    await avery.service.onThreadsChanged([threadId]);
    await avery.service.kick();
    const restarted = makeService(avery.rig, avery.crmDb, avery.user, avery.states, avery.names);
    await restarted.enqueue(threadId, true);
    await restarted.kick();
    expect(await readActivities(kind, threadId, customer.name)).toHaveLength(1);

    // A second agent, in another browser (own CRM store and connection), takes the thread over and resolves it.
    const colleague = world.credentials.users.find(
      (u) =>
        u.extensionId !== avery.user.extensionId &&
        u.handles.some((h) => h.assignable && h.sharedNumbers.includes(shared(avery))),
    ) as EmulatorUser;
    const blake = await agent(colleague, kind);
    await assignThread(blake.rc, threadId, blake.user.extensionId);
    await world.control('inbound', {
      from: customer.phoneNumber,
      to: shared(avery),
      text: 'One more question',
    });
    await blake.rig.engine.syncNow();
    await eventually(
      async () =>
        (await blake.rig.db.get('threads', threadId))?.assignee?.extensionId === blake.user.extensionId,
    );
    // Avery's worker sees the change too but is no longer the writer.
    await avery.rig.engine.syncNow();
    await avery.service.onThreadsChanged([threadId]);
    await avery.service.kick();
    await blake.service.onThreadsChanged([threadId]);
    await blake.service.kick();
    await resolveThread(blake.rc, threadId);
    await blake.rig.engine.syncNow();
    await blake.service.onThreadsChanged([threadId]);
    await blake.service.kick();

    const logged = await readActivities(kind, threadId, customer.name);
    expect(logged).toHaveLength(1);
    const [only] = logged;
    expect(only?.recordName).toBe(customer.name);
    expect(only?.completed).toBe(true);
    for (const part of [`Hello from ${customer.name}`, 'Happy to help', 'One more question', avery.user.name])
      expect(only?.text).toContain(part);
    console.info(
      `${kind}: match ${matchMs.toFixed(1)} ms for 1 thread; ${calls} API calls to create the activity`,
    );
  });
});

describe('several records, rate limits and a used-up API allocation', () => {
  it('asks the agent to choose between two records sharing a number and logs to the chosen one', async () => {
    const avery = await agent(
      world.credentials.users.find((u) => u.name.startsWith('Avery')) as EmulatorUser,
      'salesforce',
    );
    const customer = customers.find((c) => c.name === 'Eleanor Whitfield') as {
      name: string;
      phoneNumber: string;
    };
    await world.control('inbound', {
      from: customer.phoneNumber,
      to: shared(avery),
      text: 'Is this Arthur’s or mine?',
    });
    await avery.rig.engine.syncNow();
    const threadId = await threadFor(avery, customer.phoneNumber);
    await assignThread(avery.rc, threadId, avery.user.extensionId);
    await avery.rig.engine.syncNow();
    await avery.service.onThreadsChanged([threadId]);
    await avery.service.kick();
    const state = avery.states.get(threadId);
    expect(state).toMatchObject({ state: 'choose' });
    const candidates = state?.state === 'choose' ? state.candidates : [];
    expect(candidates.map((c) => c.name).sort()).toEqual(['Arthur Whitfield', 'Eleanor Whitfield']);
    expect(await readActivities('salesforce', threadId, customer.name)).toHaveLength(0);
    const arthur = candidates.find((c) => c.name === 'Arthur Whitfield');
    await avery.service.chooseRecord(threadId, arthur?.id ?? '');
    await avery.service.kick();
    const logged = await readActivities('salesforce', threadId, customer.name);
    expect(logged.map((a) => a.recordName)).toEqual(['Arthur Whitfield']);
    expect(avery.names.get(customer.phoneNumber)).toBe('Arthur Whitfield');
  });

  it('HubSpot: a burst over 100 requests in 10 s queues the log, which lands once the window rolls', async () => {
    const avery = await agent(advisor(2), 'hubspot');
    const customer = customers[6] as { name: string; phoneNumber: string };
    await world.control('inbound', { from: customer.phoneNumber, to: shared(avery), text: 'Busy day?' });
    await avery.rig.engine.syncNow();
    const threadId = await threadFor(avery, customer.phoneNumber);
    await assignThread(avery.rc, threadId, avery.user.extensionId);
    await avery.rig.engine.syncNow();
    // Another integration of the same private app uses the whole 10-second burst.
    await world.control('clock', { advanceSeconds: 11 });
    for (let i = 0; i < 100; i++) {
      await fetch(`${crm.hubspot.baseUrl}/crm/v3/objects/contacts/101`, {
        headers: { authorization: `Bearer ${crm.hubspot.privateAppToken}` },
      });
    }
    await avery.service.onThreadsChanged([threadId]);
    await avery.service.kick();
    expect(avery.states.get(threadId)).toMatchObject({
      state: 'retrying',
      error: { code: 'rateLimited', message: expect.stringContaining('rate limit') },
    });
    await world.control('clock', { advanceSeconds: 11 });
    clockOffset += 11_000;
    await avery.service.kick();
    expect(avery.states.get(threadId)).toMatchObject({ state: 'logged' });
    expect(await readActivities('hubspot', threadId, customer.name)).toHaveLength(1);
  });

  it('Salesforce: REQUEST_LIMIT_EXCEEDED keeps the job, shows it on the thread, and logs once the allocation is back', async () => {
    const avery = await agent(advisor(3), 'salesforce');
    const customer = customers[7] as { name: string; phoneNumber: string };
    await world.control('inbound', { from: customer.phoneNumber, to: shared(avery), text: 'Still there?' });
    await avery.rig.engine.syncNow();
    const threadId = await threadFor(avery, customer.phoneNumber);
    await assignThread(avery.rc, threadId, avery.user.extensionId);
    await avery.rig.engine.syncNow();
    await world.control('crm/salesforce/api-usage', { used: 15000 });
    await avery.service.onThreadsChanged([threadId]);
    await avery.service.kick();
    expect(avery.states.get(threadId)).toMatchObject({
      state: 'retrying',
      error: { code: 'rateLimited', message: expect.stringContaining('daily API request limit') },
    });
    await world.control('crm/salesforce/api-usage', { used: 0 });
    clockOffset += 3600_000;
    await avery.service.kick();
    expect(avery.states.get(threadId)).toMatchObject({ state: 'logged' });
    expect(await readActivities('salesforce', threadId, customer.name)).toHaveLength(1);
  });
});

describe('a hand-over between agents while a log is running', () => {
  it.each([
    ['fails', 15000, 0],
    ['succeeds', 0, 1],
  ] as const)(
    'a job that %s after the hand-over cleared the queue stays cleared, with nothing of it shown or kept',
    async (_, used, created) => {
      const avery = await agent(advisor(1), 'salesforce');
      const customer = customers[used ? 5 : 8] as { name: string; phoneNumber: string };
      await world.control('inbound', {
        from: customer.phoneNumber,
        to: shared(avery),
        text: 'Are you there?',
      });
      await avery.rig.engine.syncNow();
      const threadId = await threadFor(avery, customer.phoneNumber);
      await avery.service.matchThreads([threadId]);
      expect(avery.states.get(threadId)).toMatchObject({ state: 'ready' });

      // The agent's session ends while their log is on its way to a CRM that is about to refuse it: the
      // hand-over (lib/background/agent-data.ts) clears the CRM side between the read of the job and its failure.
      const handOver = crmAgentPart({
        crmDb: async () => avery.crmDb,
        clearThreads: async () => avery.states.clear(),
      });
      let cleared = false;
      const racing = new CrmService({
        now: () => Date.now() + clockOffset,
        crmDb: async () => avery.crmDb,
        syncDb: async () => avery.rig.db,
        me: async () => asAgent(avery.user),
        settings: async () => {
          if (!cleared) {
            cleared = true;
            await world.control('crm/salesforce/api-usage', { used });
            await handOver.clear();
          }
          return { mode: 'auto', includeNotes: true };
        },
        saveCrmName: async () => undefined,
        publish: {
          thread: async (id, s) => void avery.states.set(id, s),
          clearThreads: async () => avery.states.clear(),
        },
      });
      try {
        await racing.enqueue(threadId, true);
        await racing.kick();
      } finally {
        await world.control('crm/salesforce/api-usage', { used: 0 });
      }
      expect(cleared).toBe(true);
      expect(await avery.crmDb.getAll('jobs')).toEqual([]);
      expect(avery.states.has(threadId)).toBe(false);
      expect(await avery.crmDb.getAll('activities')).toEqual([]);
      // Created or not, the activity is found again by its thread key when the agent's own job comes back.
      expect(await readActivities('salesforce', threadId, customer.name)).toHaveLength(created);
    },
  );
});

describe('HubSpot search lags writes', () => {
  it('a second agent in another browser, taking the thread over while search does not show the activity yet, updates it instead of making another', async () => {
    // A lag longer than the test takes, so a fast or slow machine sees the same thing: the activity is not in
    // search for the whole test (the default, 3 s, is what the other tests run with).
    await world.control('crm/hubspot/search-lag', { ms: 120_000 });
    try {
      const first = await agent(advisor(2), 'hubspot');
      const customer = customers[9] as { name: string; phoneNumber: string };
      await world.control('inbound', {
        from: customer.phoneNumber,
        to: shared(first),
        text: 'New card please',
      });
      await first.rig.engine.syncNow();
      const threadId = await threadFor(first, customer.phoneNumber);
      await assignThread(first.rc, threadId, first.user.extensionId);
      await first.rig.engine.syncNow();
      await first.service.onThreadsChanged([threadId]);
      await first.service.kick();
      expect(first.states.get(threadId)).toMatchObject({ state: 'logged' });
      expect(await readActivities('hubspot', threadId, customer.name)).toHaveLength(1);
      const inSearch = () =>
        hubspotReader().crm.objects.communications.searchApi.doSearch({
          filterGroups: [
            {
              filters: [
                {
                  propertyName: 'hs_communication_body',
                  operator: 'CONTAINS_TOKEN' as never,
                  value: threadId,
                },
              ],
            },
          ],
          limit: 10,
        });
      expect((await inSearch()).total).toBe(0);

      const second = await agent(advisor(3), 'hubspot');
      await assignThread(second.rc, threadId, second.user.extensionId);
      await world.control('inbound', {
        from: customer.phoneNumber,
        to: shared(first),
        text: 'And a new PIN',
      });
      await second.rig.engine.syncNow();
      await eventually(
        async () =>
          (await second.rig.db.get('threads', threadId))?.assignee?.extensionId === second.user.extensionId,
      );
      await second.service.onThreadsChanged([threadId]);
      await second.service.kick();
      expect(second.states.get(threadId)).toMatchObject({ state: 'logged' });

      const logged = await readActivities('hubspot', threadId, customer.name);
      expect(logged).toHaveLength(1);
      expect(logged[0]?.text).toContain('And a new PIN');
      expect((await inSearch()).total).toBe(0);
    } finally {
      await world.control('crm/hubspot/search-lag', { ms: 3000 });
    }
  });
});

describe.each(['salesforce', 'hubspot'] as const)('%s: creating a person for an unknown number', (kind) => {
  it('creates one when the CRM has none, and none when someone added the person after the "no match" was cached', async () => {
    const avery = await agent(advisor(kind === 'salesforce' ? 2 : 3), kind);
    const base = kind === 'salesforce' ? 190 : 195;
    const [added, unknown] = [`+15550100${base}`, `+15550100${base + 1}`];
    const threads: string[] = [];
    for (const from of [added, unknown]) {
      await world.control('inbound', { from, to: shared(avery), text: 'Hi, new here' });
      await avery.rig.engine.syncNow();
      const threadId = await threadFor(avery, from);
      await avery.service.matchThreads([threadId]);
      expect(avery.states.get(threadId)).toMatchObject({ state: 'noMatch' });
      threads.push(threadId);
    }
    const [addedThread, unknownThread] = threads as [string, string];

    // A colleague adds the first customer in the CRM itself, with the number as they like to write it.
    const local = `(555) 010-0${base}`;
    if (kind === 'salesforce')
      await (
        await salesforceReader()
      )
        .sobject('Contact')
        .create({ FirstName: 'Iris', LastName: `Novak${base}`, Phone: local });
    else
      await hubspotReader().crm.contacts.basicApi.create({
        properties: { firstname: 'Iris', lastname: `Novak${base}`, phone: local },
        associations: [],
      });
    // HubSpot's search shows a new contact after its index lag (docs/emulator.md, "HubSpot"): a few seconds on.
    await world.control('clock', { advanceSeconds: 4 });

    const people = async (lastName: string) => {
      if (kind === 'salesforce')
        return (
          await (
            await salesforceReader()
          ).query<{ Id: string }>(`SELECT Id FROM Contact WHERE LastName = '${lastName}'`)
        ).records.length;
      return (
        await hubspotReader().crm.contacts.searchApi.doSearch({
          filterGroups: [
            { filters: [{ propertyName: 'lastname', operator: 'EQ' as never, value: lastName }] },
          ],
          limit: 10,
        })
      ).total;
    };

    expect(
      await avery.service.createRecord(addedThread, {
        firstName: 'Iris',
        lastName: `Novak${base}`,
        as: 'Contact',
      }),
    ).toEqual({ created: false });
    expect(avery.states.get(addedThread)).toMatchObject({ record: { name: `Iris Novak${base}` } });
    expect(avery.names.get(added)).toBe(`Iris Novak${base}`);

    expect(
      await avery.service.createRecord(unknownThread, {
        firstName: 'Omar',
        lastName: `Reyes${base}`,
        as: 'Contact',
      }),
    ).toEqual({ created: true });
    expect(avery.states.get(unknownThread)).toMatchObject({ record: { name: `Omar Reyes${base}` } });

    await world.control('clock', { advanceSeconds: 4 });
    expect(await people(`Novak${base}`)).toBe(1);
    expect(await people(`Reyes${base}`)).toBe(1);
  });
});

// Last in the file: it moves the emulator clock two hours on.
describe('Salesforce session refresh', () => {
  it('refreshes an expired session once for concurrent calls and hands the new token to be kept', async () => {
    const connection = await connect('salesforce', await openCrmStore(`crm-${crypto.randomUUID()}`));
    if (connection.kind !== 'salesforce') throw new Error('unexpected connection');
    const kept: SalesforceSession[] = [];
    const client = new SalesforceClient(connection.session, async (s) => void kept.push(s));
    const [a, b] = [customers[2], customers[4]] as { name: string; phoneNumber: string }[];
    // Salesforce sessions time out after two hours (docs/emulator.md, "Salesforce").
    await world.control('clock', { advanceSeconds: 2 * 3600 + 60 });
    const [first, second] = await Promise.all([
      client.findByPhones([a!.phoneNumber]),
      client.findByPhones([b!.phoneNumber]),
    ]);
    expect(first.get(a!.phoneNumber)?.map((r) => r.name)).toContain(a!.name);
    expect(second.get(b!.phoneNumber)?.map((r) => r.name)).toContain(b!.name);
    expect(kept).toHaveLength(1);
    expect(kept[0]?.accessToken).not.toBe(connection.session.accessToken);
    expect(kept[0]?.refreshToken).toBe(connection.session.refreshToken);
  });
});
