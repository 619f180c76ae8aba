// The HubSpot emulator driven by @hubspot/api-client, HubSpot's official Node client (basePath pointed at the
// emulator), so its shapes, errors and rate-limit answers are checked by code we did not write.
import { Client } from '@hubspot/api-client';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startTestEmulator, type TestEmulator } from '../test-support.ts';

interface HsCreds {
  baseUrl: string;
  portalId: number;
  privateAppToken: string;
}

let t: TestEmulator;
let hs: HsCreds;
let client: Client;

const variants = (e164: string) => {
  const d = e164.slice(2);
  const [a, b, c] = [d.slice(0, 3), d.slice(3, 6), d.slice(6)];
  return [
    e164,
    d,
    `1${d}`,
    `(${a}) ${b}-${c}`,
    `${a}-${b}-${c}`,
    `${a}.${b}.${c}`,
    `+1 ${a}-${b}-${c}`,
    `1-${a}-${b}-${c}`,
    `+1 (${a}) ${b}-${c}`,
  ];
};

const phoneSearch = (e164: string) => ({
  filterGroups: ['phone', 'mobilephone'].map((propertyName) => ({
    filters: [{ propertyName, operator: 'IN' as never, values: variants(e164) }],
  })),
  properties: ['firstname', 'lastname', 'phone', 'mobilephone'],
  limit: 10,
});

beforeAll(async () => {
  t = await startTestEmulator({ rateLimits: true });
  hs = (t.creds as unknown as { crm: { hubspot: HsCreds } }).crm.hubspot;
  client = new Client({ accessToken: hs.privateAppToken, basePath: hs.baseUrl });
});
afterAll(() => t.stop());

describe('HubSpot private-app token', () => {
  it('answers account details for the token, 401 INVALID_AUTHENTICATION for another', async () => {
    const res = await fetch(`${hs.baseUrl}/account-info/v3/details`, {
      headers: { authorization: `Bearer ${hs.privateAppToken}` },
    });
    expect(await res.json()).toMatchObject({ portalId: hs.portalId });
    expect(res.headers.get('x-hubspot-ratelimit-max')).toBe('100');
    const bad = new Client({ accessToken: 'pat-na1-wrong', basePath: hs.baseUrl });
    await expect(bad.crm.contacts.basicApi.getById('101')).rejects.toMatchObject({
      code: 401,
      body: { status: 'error', category: 'INVALID_AUTHENTICATION' },
    });
  });
});

describe('HubSpot CRM through @hubspot/api-client', () => {
  it('finds contacts by phone or mobile in any stored format with OR-ed filterGroups', async () => {
    for (const customer of t.creds.customers.slice(0, 8)) {
      const page = await client.crm.contacts.searchApi.doSearch(phoneSearch(customer.phoneNumber));
      const names = page.results.map((r) => `${r.properties.firstname ?? ''} ${r.properties.lastname ?? ''}`);
      expect(names, customer.name).toContain(customer.name);
      // The search API takes 5 requests a second: move the emulator's clock on rather than sleep.
      await t.control('clock', { advanceSeconds: 1 });
    }
  });

  it('two contacts share one number, one customer has none', async () => {
    const shared = t.creds.customers.find((c) => c.name === 'Eleanor Whitfield')?.phoneNumber ?? '';
    const none = t.creds.customers.find((c) => c.name === 'Ethan Walsh')?.phoneNumber ?? '';
    expect((await client.crm.contacts.searchApi.doSearch(phoneSearch(shared))).total).toBe(2);
    await t.control('clock', { advanceSeconds: 1 });
    expect((await client.crm.contacts.searchApi.doSearch(phoneSearch(none))).total).toBe(0);
  });

  it('refuses more than 5 filterGroups with VALIDATION_ERROR', async () => {
    await t.control('clock', { advanceSeconds: 1 });
    const groups = Array.from({ length: 6 }, () => ({
      filters: [{ propertyName: 'phone', operator: 'EQ' as never, value: '1' }],
    }));
    await expect(client.crm.contacts.searchApi.doSearch({ filterGroups: groups })).rejects.toMatchObject({
      code: 400,
      body: { category: 'VALIDATION_ERROR' },
    });
  });

  it('creates an SMS communication associated to the contact, updates it, and lists it through associations v4', async () => {
    const created = await client.crm.objects.communications.basicApi.create({
      properties: {
        hs_communication_channel_type: 'SMS',
        hs_communication_logged_from: 'CRM',
        hs_communication_body: 'first',
        hs_timestamp: new Date().toISOString(),
      },
      associations: [
        {
          to: { id: '102' },
          types: [{ associationCategory: 'HUBSPOT_DEFINED' as never, associationTypeId: 81 }],
        },
      ],
    });
    expect(created.id).toMatch(/^\d+$/);
    await client.crm.objects.communications.basicApi.update(created.id, {
      properties: { hs_communication_body: 'first\nsecond' },
    });
    const read = await client.crm.objects.communications.basicApi.getById(created.id, [
      'hs_communication_body',
      'hs_communication_channel_type',
    ]);
    expect(read.properties).toMatchObject({
      hs_communication_body: 'first\nsecond',
      hs_communication_channel_type: 'SMS',
    });
    const page = await client.crm.associations.v4.basicApi.getPage('contacts', '102', 'communications');
    expect(page.results.map((r) => String(r.toObjectId))).toContain(created.id);
    const batch = await client.crm.objects.communications.batchApi.read({
      inputs: [{ id: created.id }],
      properties: ['hs_communication_body'],
      propertiesWithHistory: [],
    });
    expect(batch.results[0]?.properties.hs_communication_body).toBe('first\nsecond');
  });

  it('associates with the default type through v4 and refuses a wrong HUBSPOT_DEFINED type', async () => {
    const created = await client.crm.objects.communications.basicApi.create({
      properties: {
        hs_communication_channel_type: 'SMS',
        hs_communication_logged_from: 'CRM',
        hs_communication_body: 'x',
      },
      associations: [],
    });
    await client.crm.associations.v4.basicApi.createDefault('communications', created.id, 'contacts', '103');
    const page = await client.crm.associations.v4.basicApi.getPage('communications', created.id, 'contacts');
    expect(page.results.map((r) => String(r.toObjectId))).toEqual(['103']);
    await expect(
      client.crm.associations.v4.basicApi.create('communications', created.id, 'contacts', '104', [
        { associationCategory: 'HUBSPOT_DEFINED' as never, associationTypeId: 1 },
      ]),
    ).rejects.toMatchObject({ code: 400 });
  });

  it('answers bad properties with a VALIDATION_ERROR naming each, and a missing object with OBJECT_NOT_FOUND', async () => {
    await expect(
      client.crm.objects.communications.basicApi.create({
        properties: { hs_communication_channel_type: 'PIGEON', nope: '1' },
        associations: [],
      }),
    ).rejects.toMatchObject({
      code: 400,
      body: { category: 'VALIDATION_ERROR', message: expect.stringContaining('PROPERTY_DOESNT_EXIST') },
    });
    await expect(client.crm.contacts.basicApi.getById('999999')).rejects.toMatchObject({
      code: 404,
      body: { category: 'OBJECT_NOT_FOUND' },
    });
  });

  it('creates a contact with the number prefilled', async () => {
    const contact = await client.crm.contacts.basicApi.create({
      properties: { firstname: 'Ethan', lastname: 'Walsh', phone: '+15550100137' },
      associations: [],
    });
    const read = await client.crm.contacts.basicApi.getById(contact.id, ['phone']);
    expect(read.properties.phone).toBe('+15550100137');
  });
});

describe('HubSpot search index lag', () => {
  const byLastName = (lastname: string) => ({
    filterGroups: [{ filters: [{ propertyName: 'lastname', operator: 'EQ' as never, value: lastname }] }],
    properties: ['firstname', 'lastname'],
    limit: 10,
  });

  it('shows a new or updated contact to search only after the lag, while reads and associations see it at once', async () => {
    const { crm } = await t.control<{ crm: { hubspot: { searchLagMs: number } } }>('credentials');
    expect(crm.hubspot.searchLagMs).toBe(3000);
    await t.control('clock', { advanceSeconds: 11 });
    const contact = await client.crm.contacts.basicApi.create({
      properties: { firstname: 'Nora', lastname: 'Lagerlof', phone: '+15550100199' },
      associations: [],
    });
    expect((await client.crm.contacts.searchApi.doSearch(byLastName('Lagerlof'))).total).toBe(0);
    expect((await client.crm.contacts.basicApi.getById(contact.id, ['lastname'])).properties.lastname).toBe(
      'Lagerlof',
    );
    const note = await client.crm.objects.communications.basicApi.create({
      properties: { hs_communication_channel_type: 'SMS', hs_communication_body: 'lag check' },
      associations: [
        {
          to: { id: contact.id },
          types: [{ associationCategory: 'HUBSPOT_DEFINED' as never, associationTypeId: 81 }],
        },
      ],
    });
    const linked = await client.crm.associations.v4.basicApi.getPage(
      'contacts',
      contact.id,
      'communications',
    );
    expect(linked.results.map((r) => String(r.toObjectId))).toEqual([note.id]);

    await t.control('clock', { advanceSeconds: 3 });
    expect((await client.crm.contacts.searchApi.doSearch(byLastName('Lagerlof'))).results[0]?.id).toBe(
      contact.id,
    );

    // An update: until the index catches up, search still finds (and answers) the contact as it was.
    await client.crm.contacts.basicApi.update(contact.id, { properties: { lastname: 'Lagerkvist' } });
    expect((await client.crm.contacts.searchApi.doSearch(byLastName('Lagerkvist'))).total).toBe(0);
    const stale = await client.crm.contacts.searchApi.doSearch(byLastName('Lagerlof'));
    expect(stale.results[0]?.properties.lastname).toBe('Lagerlof');
    await t.control('clock', { advanceSeconds: 3 });
    expect((await client.crm.contacts.searchApi.doSearch(byLastName('Lagerlof'))).total).toBe(0);
    expect((await client.crm.contacts.searchApi.doSearch(byLastName('Lagerkvist'))).total).toBe(1);
  });

  it('takes its lag from the control API (0 to 600,000 ms)', async () => {
    const post = (body: unknown) =>
      fetch(`${t.url}/__emulator/crm/hubspot/search-lag`, {
        method: 'POST',
        headers: { 'content-type': 'application/json' },
        body: JSON.stringify(body),
      });
    expect((await post({ ms: -1 })).status).toBe(400);
    expect((await post({ ms: 60_000 })).status).toBe(200);
    await t.control('clock', { advanceSeconds: 11 });
    await client.crm.contacts.basicApi.create({
      properties: { lastname: 'Slowindex' },
      associations: [],
    });
    await t.control('clock', { advanceSeconds: 30 });
    expect((await client.crm.contacts.searchApi.doSearch(byLastName('Slowindex'))).total).toBe(0);
    await t.control('clock', { advanceSeconds: 31 });
    expect((await client.crm.contacts.searchApi.doSearch(byLastName('Slowindex'))).total).toBe(1);
    expect((await post({ ms: 3000 })).status).toBe(200);
  });
});

describe('HubSpot rate limits', () => {
  it('answers the 101st request in 10 seconds with 429 TEN_SECONDLY_ROLLING and X-HubSpot-RateLimit-* headers', async () => {
    await t.control('clock', { advanceSeconds: 11 });
    const get = () =>
      fetch(`${hs.baseUrl}/crm/v3/objects/contacts/101`, {
        headers: { authorization: `Bearer ${hs.privateAppToken}` },
      });
    let last: Response | undefined;
    let ok = 0;
    for (let i = 0; i < 101; i++) {
      last = await get();
      if (last.status === 200) ok += 1;
    }
    expect(ok).toBe(100);
    expect(last?.status).toBe(429);
    expect(last?.headers.get('x-hubspot-ratelimit-remaining')).toBe('0');
    expect(await last?.json()).toMatchObject({
      status: 'error',
      errorType: 'RATE_LIMIT',
      policyName: 'TEN_SECONDLY_ROLLING',
    });
    await t.control('clock', { advanceSeconds: 10 });
    expect((await get()).status).toBe(200);
  });

  it('answers the sixth search in a second with the secondly limit the client retries on', async () => {
    await t.control('clock', { advanceSeconds: 11 });
    const statuses: number[] = [];
    for (let i = 0; i < 6; i++) {
      const res = await fetch(`${hs.baseUrl}/crm/v3/objects/contacts/search`, {
        method: 'POST',
        headers: { authorization: `Bearer ${hs.privateAppToken}`, 'content-type': 'application/json' },
        body: '{}',
      });
      statuses.push(res.status);
      if (res.status === 429)
        expect(await res.json()).toMatchObject({ message: 'You have reached your secondly limit.' });
    }
    expect(statuses).toEqual([200, 200, 200, 200, 200, 429]);
    const retrying = new Client({
      accessToken: hs.privateAppToken,
      basePath: hs.baseUrl,
      numberOfApiCallRetries: 3,
    });
    await expect(retrying.crm.contacts.searchApi.doSearch({ limit: 1 })).resolves.toMatchObject({
      total: expect.any(Number),
    });
  });
});
