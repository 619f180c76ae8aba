// The Salesforce emulator driven by jsforce, Salesforce's widely used JavaScript client, so the emulator's OAuth,
// REST shapes and errors are checked by code we did not write.
import { Connection, OAuth2 } from 'jsforce';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startTestEmulator, type TestEmulator } from '../test-support.ts';
import { makeId } from './ids.ts';
import { signInForCode } from './sign-in.ts';

interface SfCreds {
  loginUrl: string;
  instanceUrl: string;
  clientId: string;
  apiVersion: string;
  users: { id: string; username: string; password: string }[];
}

const REDIRECT = 'https://abcdefghijklmnopabcdefghijklmnop.chromiumapp.org/salesforce';

let t: TestEmulator;
let sf: SfCreds;

async function connect(user = 0): Promise<Connection> {
  const oauth2 = new OAuth2({
    loginUrl: sf.loginUrl,
    clientId: sf.clientId,
    redirectUri: REDIRECT,
    useVerifier: true,
  });
  const who = sf.users[user];
  if (!who) throw new Error('no seeded Salesforce user');
  const back = await signInForCode(oauth2.getAuthorizationUrl({ state: 'xyz' }), who.username, who.password);
  expect(back.searchParams.get('state')).toBe('xyz');
  const conn = new Connection({ oauth2, version: sf.apiVersion });
  await conn.authorize(back.searchParams.get('code') ?? '');
  return conn;
}

beforeAll(async () => {
  t = await startTestEmulator({ rateLimits: true });
  sf = (t.creds as unknown as { crm: { salesforce: SfCreds } }).crm.salesforce;
});
afterAll(() => t.stop());

describe('Salesforce OAuth (web server flow + PKCE, no secret)', () => {
  it('signs in, answers instance_url and id, and the connection knows the user and org', async () => {
    const conn = await connect();
    expect(conn.instanceUrl).toBe(sf.instanceUrl);
    expect(conn.userInfo?.id).toBe(sf.users[0]?.id);
    expect(conn.userInfo?.organizationId).toMatch(/^00D/);
    expect(conn.refreshToken).toBeTruthy();
  });

  it('refuses a code exchanged with the wrong verifier, and a code used twice', async () => {
    const oauth2 = new OAuth2({
      loginUrl: sf.loginUrl,
      clientId: sf.clientId,
      redirectUri: REDIRECT,
      useVerifier: true,
    });
    const who = sf.users[0] as SfCreds['users'][number];
    const back = await signInForCode(oauth2.getAuthorizationUrl(), who.username, who.password);
    const other = new OAuth2({
      loginUrl: sf.loginUrl,
      clientId: sf.clientId,
      redirectUri: REDIRECT,
      useVerifier: true,
    });
    const code = back.searchParams.get('code') ?? '';
    await expect(other.requestToken(code)).rejects.toMatchObject({ name: 'invalid_grant' });
    await expect(oauth2.requestToken(code)).rejects.toMatchObject({ name: 'invalid_grant' });
  });

  it('refreshes an expired session by itself (jsforce refreshes on 401 INVALID_SESSION_ID)', async () => {
    const conn = await connect();
    const before = conn.accessToken;
    let refreshed = false;
    conn.on('refresh', () => {
      refreshed = true;
    });
    await t.control('clock', { advanceSeconds: 2 * 3600 + 1 });
    const result = await conn.query<{ Id: string }>('SELECT Id FROM Contact LIMIT 1');
    expect(result.records).toHaveLength(1);
    expect(refreshed).toBe(true);
    expect(conn.accessToken).not.toBe(before);
  });

  it('rejects an unknown client id and a redirect URI that is not an extension or loopback', async () => {
    const bad = new OAuth2({
      loginUrl: sf.loginUrl,
      clientId: 'nope',
      redirectUri: REDIRECT,
      useVerifier: true,
    });
    expect((await fetch(bad.getAuthorizationUrl())).status).toBe(400);
    const evil = new OAuth2({
      loginUrl: sf.loginUrl,
      clientId: sf.clientId,
      redirectUri: 'https://evil.example/cb',
      useVerifier: true,
    });
    const page = await fetch(evil.getAuthorizationUrl());
    expect(page.status).toBe(400);
    expect(await page.text()).toContain('redirect_uri_mismatch');
  });
});

describe('Salesforce REST API through jsforce', () => {
  let conn: Connection;
  beforeAll(async () => {
    conn = await connect();
  });

  it('SOSL IN PHONE FIELDS finds contacts, leads and accounts whatever format the number is stored in', async () => {
    const customers = t.creds.customers;
    for (const customer of customers.slice(0, 8)) {
      const national = customer.phoneNumber.slice(2);
      const found = await conn.search(
        `FIND {${national} OR ${customer.phoneNumber.slice(1)}} IN PHONE FIELDS RETURNING Contact(Id, Name, Phone, MobilePhone), Lead(Id, Name, Phone, MobilePhone), Account(Id, Name, Phone)`,
      );
      const names = found.searchRecords.map((r) => (r as { Name?: string }).Name);
      expect(names, customer.name).toContain(customer.name);
    }
  });

  it('two contacts share one number; one customer has no record', async () => {
    const shared = t.creds.customers.find((c) => c.name === 'Eleanor Whitfield');
    const none = t.creds.customers.find((c) => c.name === 'Ethan Walsh');
    const q = (n: string) =>
      `FIND {${n.slice(2)}} IN PHONE FIELDS RETURNING Contact(Id, Name), Lead(Id, Name)`;
    const two = await conn.search(q(shared?.phoneNumber ?? ''));
    expect(two.searchRecords.map((r) => (r as { Name?: string }).Name).sort()).toEqual([
      'Arthur Whitfield',
      'Eleanor Whitfield',
    ]);
    expect((await conn.search(q(none?.phoneNumber ?? ''))).searchRecords).toEqual([]);
  });

  it('creates, reads, updates and queries a Task, with Sforce-Limit-Info counted into limitInfo', async () => {
    const found = await conn.search('FIND {5550100102} IN PHONE FIELDS RETURNING Contact(Id)');
    const whoId = found.searchRecords[0]?.Id ?? '';
    const created = await conn.sobject('Task').create({
      Subject: 'SMS conversation with Marcus Delgado [td:thread-1]',
      TaskSubtype: 'Task',
      Type: 'Other',
      WhoId: whoId,
      Status: 'In Progress',
      Description: '10:00 in Marcus: hello',
      ActivityDate: '2026-12-01',
    });
    expect(created.success).toBe(true);
    expect(created.id).toMatch(/^00T[a-zA-Z0-9]{15}$/);
    const updated = await conn
      .sobject('Task')
      .update({ Id: created.id ?? '', Status: 'Completed', Description: 'whole transcript' });
    expect(updated.success).toBe(true);
    const task = (await conn.sobject('Task').retrieve(created.id ?? '')) as Record<string, unknown>;
    expect(task).toMatchObject({
      Status: 'Completed',
      IsClosed: true,
      WhoId: whoId,
      TaskSubtype: 'Task',
      Description: 'whole transcript',
    });
    const again = await conn.query<{ Id: string }>(
      `SELECT Id, Status FROM Task WHERE WhoId = '${whoId}' AND Subject LIKE '%[td:thread-1]' ORDER BY CreatedDate DESC LIMIT 5`,
    );
    expect(again.records.map((r) => r.Id)).toEqual([created.id]);
    const viaFind = await conn.sobject('Task').find({ Subject: { $like: '%[td:thread-1]' } }, ['Id']);
    expect(viaFind.map((r) => r.Id)).toEqual([created.id]);
    expect(conn.limitInfo.apiUsage?.used).toBeGreaterThan(0);
    expect(conn.limitInfo.apiUsage?.limit).toBe(15000);
  });

  it('answers errors as [{message, errorCode, fields}] that jsforce turns into named errors', async () => {
    await expect(conn.sobject('Task').create({ TaskSubtype: 'SMS', Subject: 'x' })).rejects.toMatchObject({
      errorCode: 'INVALID_OR_NULL_FOR_RESTRICTED_PICKLIST',
    });
    await expect(conn.sobject('Contact').create({ FirstName: 'No last name' })).rejects.toMatchObject({
      errorCode: 'REQUIRED_FIELD_MISSING',
      data: { fields: ['LastName'] },
    });
    await expect(conn.sobject('Contact').create({ LastName: 'X', Nope__c: 1 })).rejects.toMatchObject({
      errorCode: 'INVALID_FIELD',
    });
    await expect(conn.query('SELECT Id FROM Task WHERE')).rejects.toMatchObject({
      errorCode: 'MALFORMED_QUERY',
    });
    await expect(conn.sobject('Task').retrieve(makeId('00T', 999_999))).rejects.toMatchObject({
      errorCode: 'NOT_FOUND',
    });
    await expect(
      conn.sobject('Task').create({ Subject: 'x', WhoId: '001000000000000AAA' }),
    ).rejects.toMatchObject({ errorCode: 'FIELD_INTEGRITY_EXCEPTION' });
    await expect(conn.sobject('Task').create({ Subject: 'x', WhoId: 'not-an-id' })).rejects.toMatchObject({
      errorCode: 'MALFORMED_ID',
    });
  });

  it('creates a Lead with the number prefilled, which SOSL then finds', async () => {
    const lead = await conn
      .sobject('Lead')
      .create({ LastName: 'Walsh', FirstName: 'Ethan', Company: 'Unknown', MobilePhone: '+1 555-010-0137' });
    expect(lead.success).toBe(true);
    const found = await conn.search('FIND {5550100137} IN PHONE FIELDS RETURNING Lead(Id, Name)');
    expect(found.searchRecords.map((r) => r.Id)).toEqual([lead.id]);
  });

  it('refuses with REQUEST_LIMIT_EXCEEDED once the daily API requests are used up', async () => {
    await t.control('crm/salesforce/api-usage', { used: 15000 });
    await expect(conn.query('SELECT Id FROM Contact LIMIT 1')).rejects.toMatchObject({
      errorCode: 'REQUEST_LIMIT_EXCEEDED',
    });
    await t.control('crm/salesforce/api-usage', { used: 0 });
    await expect(conn.query('SELECT Id FROM Contact LIMIT 1')).resolves.toMatchObject({ totalSize: 1 });
  });

  it('keeps records across an emulator restart (persistence)', async () => {
    const created = await conn.sobject('Contact').create({ LastName: 'Persisted', Phone: '(555) 010-0999' });
    await t.emu.close();
    const { startEmulator } = await import('../server.ts');
    const again = await startEmulator({ port: 0, dataDir: t.dataDir });
    try {
      const row = again.crm.salesforce.records().find((r) => r.Id === created.id);
      expect(row).toMatchObject({ LastName: 'Persisted', Phone: '(555) 010-0999' });
    } finally {
      await again.close();
    }
  });
});
