// Account endpoints (docs/emulator.md "Account endpoints") through the SDK: extension info, the MessageThreads feature answers, phone
// numbers with SmsSender, SMS recipients, bulk-assign, call queues, sites and extension lists.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { SDK } from '@ringcentral/sdk';
import { errorOf, getJson, signedIn, startTestEmulator, type TestEmulator } from './test-support.ts';

const ACCOUNT = '/restapi/v1.0/account/~';
let t: TestEmulator;
let avery: SDK;

beforeAll(async () => {
  t = await startTestEmulator();
  avery = await signedIn(t, 'Avery');
});
afterAll(() => t.stop());

interface PhoneNumber {
  id: number;
  phoneNumber: string;
  usageType: string;
  features: string[];
  extension: { id: number; type: string; name: string };
}

describe('extension info and features', () => {
  it('describes the caller with int64 ids and the account', async () => {
    const me = await getJson(avery, `${ACCOUNT}/extension/~`);
    expect(me).toMatchObject({
      id: 850000101,
      name: 'Avery Chen',
      extensionNumber: '101',
      type: 'User',
      status: 'Enabled',
      contact: { firstName: 'Avery', lastName: 'Chen', email: 'avery.chen@harborpine.example' },
      account: { id: '850000001' },
    });
    const queue = await getJson(avery, `${ACCOUNT}/extension/850000201`);
    expect(queue).toMatchObject({ type: 'Department', name: 'Financial Advising Queue' });
    expect((await errorOf(avery.platform().get(`${ACCOUNT}/extension/123`))).body).toMatchObject({
      errorCode: 'CMN-102',
    });
  });

  it('answers the MessageThreads feature exactly like the product brief', async () => {
    const on = await getJson(avery, `${ACCOUNT}/extension/~/features`, { featureId: 'MessageThreads' });
    expect(on).toEqual({
      records: [
        {
          id: 'MessageThreads',
          available: true,
          params: [
            { name: 'callQueueSupported', value: 'true' },
            { name: 'siteSupported', value: 'true' },
          ],
        },
      ],
    });
    const casey = await signedIn(t, 'Casey');
    const off = await getJson(casey, `${ACCOUNT}/extension/~/features`, { featureId: 'MessageThreads' });
    expect(off).toEqual({
      records: [
        {
          id: 'MessageThreads',
          available: false,
          reason: {
            code: 'ServicePlanLimitation',
            message: 'The feature is unavailable for the current service plan',
          },
        },
      ],
    });
    const threads = await errorOf(casey.platform().get(`${ACCOUNT}/message-threads`));
    expect(threads).toMatchObject({ status: 403, body: { errors: [{ errorCode: 'CMN-109' }] } });
  });
});

describe('phone numbers', () => {
  it('lists the shared numbers the caller handles with SmsSender, plus their own number', async () => {
    const list = await getJson<{
      records: PhoneNumber[];
      paging: Record<string, number>;
      navigation: object;
    }>(avery, `${ACCOUNT}/extension/~/phone-number`, { perPage: 1000 });
    const byNumber = Object.fromEntries(list.records.map((r) => [r.phoneNumber, r]));
    expect(byNumber['+15559870100']).toMatchObject({
      usageType: 'DirectNumber',
      extension: { id: 850000201, type: 'Department', name: 'Financial Advising Queue' },
    });
    expect(byNumber['+15559870100']?.features).toContain('SmsSender');
    expect(byNumber['+15559870000']).toMatchObject({
      usageType: 'MainCompanyNumber',
      extension: { type: 'Site' },
    });
    expect(byNumber['+15559870101']).toMatchObject({ extension: { type: 'User' } });
    expect(byNumber['+15559870300']).toBeUndefined();
    expect(typeof list.records[0]?.id).toBe('number');
    expect(list.paging).toMatchObject({ page: 1, perPage: 1000, totalElements: list.records.length });
    expect(list.navigation).toHaveProperty('firstPage');

    const sam = await signedIn(t, 'Sam');
    const samNumbers = await getJson<{ records: PhoneNumber[] }>(sam, `${ACCOUNT}/extension/~/phone-number`);
    expect(samNumbers.records.find((r) => r.phoneNumber === '+15559870300')).toMatchObject({
      extension: { type: 'IvrMenu' },
    });

    const riley = await signedIn(t, 'Riley');
    const rileyNumbers = await getJson<{ records: PhoneNumber[] }>(
      riley,
      `${ACCOUNT}/extension/~/phone-number`,
    );
    expect(rileyNumbers.records.map((r) => r.phoneNumber)).toEqual(['+15559870105']);
  });

  it("refuses another user's numbers", async () => {
    expect((await errorOf(avery.platform().get(`${ACCOUNT}/extension/850000102/phone-number`))).status).toBe(
      403,
    );
  });
});

describe('SMS recipients', () => {
  it('lists the handlers of a resource (by resource or IVR id) with assignable and hasLicense', async () => {
    const queue = await getJson<{ smsRecipients: Record<string, unknown>[] }>(
      avery,
      `${ACCOUNT}/extension/850000201/sms-recipients`,
    );
    expect(queue.smsRecipients).toHaveLength(4);
    expect(queue.smsRecipients[0]).toEqual({
      id: '850000101',
      extensionNumber: '101',
      extensionType: 'User',
      name: 'Avery Chen',
      assignable: true,
      hasLicense: true,
    });
    const ivr = await getJson<{ smsRecipients: { name: string; assignable: boolean }[] }>(
      avery,
      `${ACCOUNT}/extension/850000301/sms-recipients`,
    );
    expect(ivr.smsRecipients.find((r) => r.name === 'Morgan Diaz')).toMatchObject({ assignable: false });
  });

  it('bulk-assigns: adds and removes recipients, validates the body', async () => {
    const url = `${ACCOUNT}/extension/850000200/sms-recipients/bulk-assign`;
    const res = await avery.platform().post(url, { addedExtensionIds: ['850000105'] });
    expect(res.status).toBe(204);
    const after = await getJson<{ smsRecipients: { id: string }[] }>(
      avery,
      `${ACCOUNT}/extension/850000200/sms-recipients`,
    );
    expect(after.smsRecipients.map((r) => r.id)).toContain('850000105');
    await avery.platform().post(url, { removedExtensionIds: ['850000105'] });
    const restored = await getJson<{ smsRecipients: { id: string }[] }>(
      avery,
      `${ACCOUNT}/extension/850000200/sms-recipients`,
    );
    expect(restored.smsRecipients.map((r) => r.id)).not.toContain('850000105');

    expect((await errorOf(avery.platform().post(url, {}))).body).toMatchObject({
      errors: [{ errorCode: 'CMN-101', parameterName: 'addedExtensionIds' }],
    });
    expect((await errorOf(avery.platform().post(url, { addedExtensionIds: ['42'] }))).body).toMatchObject({
      errors: [{ parameterName: 'addedExtensionIds' }],
    });
    expect(
      (
        await errorOf(
          avery.platform().post(`${ACCOUNT}/extension/999/sms-recipients/bulk-assign`, {
            addedExtensionIds: ['850000105'],
          }),
        )
      ).status,
    ).toBe(404);
  });
});

describe('call queues, sites, extension lists', () => {
  it('lists call queues, filtered by member', async () => {
    const all = await getJson<{ records: { id: string; name: string }[] }>(avery, `${ACCOUNT}/call-queues`);
    expect(all.records).toEqual([
      expect.objectContaining({ id: '850000201', name: 'Financial Advising Queue' }),
    ]);
    const riley = await getJson<{ records: unknown[] }>(avery, `${ACCOUNT}/call-queues`, {
      memberExtensionId: '850000105',
    });
    expect(riley.records).toEqual([]);
  });

  it('lists sub-sites and finds the main site among Site extensions', async () => {
    const sites = await getJson<{ records: { id: string; name: string }[] }>(avery, `${ACCOUNT}/sites`);
    expect(sites.records.map((s) => s.name)).toEqual(['Boston Branch']);
    const company = await getJson<{ records: { name: string; site: { id: string } }[] }>(
      avery,
      `${ACCOUNT}/extension`,
      { type: 'CompanyExtension' },
    );
    expect(company.records).toEqual([
      expect.objectContaining({
        name: 'Harbor & Pine Wealth',
        site: expect.objectContaining({ id: 'main-site' }),
      }),
    ]);
    const siteExts = await getJson<{ records: { type: string }[] }>(avery, `${ACCOUNT}/extension`, {
      type: 'Site',
    });
    expect(siteExts.records).toHaveLength(2);
    const users = await getJson<{ records: unknown[]; paging: { totalElements: number } }>(
      avery,
      `${ACCOUNT}/extension`,
      { type: 'User', perPage: 2 },
    );
    expect(users.records).toHaveLength(2);
    expect(users.paging.totalElements).toBe(6);
  });

  it('keeps callers inside their own account', async () => {
    expect((await errorOf(avery.platform().get('/restapi/v1.0/account/860000001/extension/~'))).status).toBe(
      403,
    );
    expect((await errorOf(avery.platform().get('/restapi/v1.0/account/1/extension/~'))).status).toBe(404);
  });
});
