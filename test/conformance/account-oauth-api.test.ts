// The account endpoints around Message Threads and the OAuth endpoints (PKCE code, JWT, refresh, revoke,
// wstoken), driven through @ringcentral/sdk and checked against RingCentral's OpenAPI subset.
import { afterAll, beforeAll, expect, it } from 'vitest';
import { describeFinding } from './check-exchange.ts';
import { startConformanceRun, type ConformanceRun } from './conformance-run.ts';
import { expectedFindings } from './known-mismatches.ts';
import { recordingFetch } from './recorder.ts';
import { createSdk, twoHandlersOfOneNumber } from './sdk-session.ts';
import { describeWithSpec } from './spec-guard.ts';
import { ACCOUNT_OAUTH_OPERATIONS } from './operations.ts';

const ACCOUNT = '/restapi/v1.0/account/~';
const REDIRECT_URI = 'http://127.0.0.1/oauth-callback';

describeWithSpec('conformance: account and OAuth endpoints', (spec) => {
  let run: ConformanceRun;

  /** The PKCE authorization-code flow a browser extension uses; the sign-in form itself is not API. */
  async function signInWithPkce(username: string, password: string): Promise<void> {
    const recorded = recordingFetch(run.exchanges);
    const sdk = createSdk(run.emu.url, { clientId: run.emu.credentials.publicClientId }, recorded);
    const platform = sdk.platform();
    const loginUrl = new URL(platform.loginUrl({ usePKCE: true, redirectUri: REDIRECT_URI, state: 'st-42' }));
    await recorded(loginUrl, { redirect: 'manual' });
    await recorded(`${run.emu.url}/restapi/oauth/authorize`, {
      method: 'POST',
      redirect: 'manual',
      headers: { 'content-type': 'application/x-www-form-urlencoded' },
      body: new URLSearchParams(
        [...loginUrl.searchParams].filter(([name, value]) => value !== '' && name !== 'ui_options'),
      ),
    });
    const form = new URLSearchParams(loginUrl.searchParams);
    form.set('username', username);
    form.set('password', password);
    const submitted = await fetch(`${run.emu.url}/restapi/oauth/authorize`, {
      method: 'POST',
      body: form,
      redirect: 'manual',
    });
    const location = new URL(submitted.headers.get('location') ?? '');
    expect(location.searchParams.get('state')).toBe('st-42');
    await platform.login({ code: location.searchParams.get('code') ?? '', redirect_uri: REDIRECT_URI });
    await platform.refresh();
    await platform.logout();
    await run.attempt(() =>
      platform.login({ code: location.searchParams.get('code') ?? '', redirect_uri: REDIRECT_URI }),
    );
  }

  beforeAll(async () => {
    run = await startConformanceRun();
    const { first, second } = twoHandlersOfOneNumber(run.emu.credentials);
    const resource = first.handles[0];
    const sdk = await run.signIn(first);
    const p = sdk.platform();

    await p.get(`${ACCOUNT}/extension/~`);
    if (resource) await p.get(`${ACCOUNT}/extension/${resource.id}`);
    await p.get(`${ACCOUNT}/extension/~/features`, { featureId: ['MessageThreads'] });
    await p.get(`${ACCOUNT}/extension/~/phone-number`, {
      usageType: ['DirectNumber', 'MainCompanyNumber'],
      perPage: 50,
    });
    for (const handled of first.handles) await p.get(`${ACCOUNT}/extension/${handled.id}/sms-recipients`);
    await p.get(`${ACCOUNT}/call-queues`, { perPage: 10, memberExtensionId: first.extensionId });
    await p.get(`${ACCOUNT}/sites`);
    if (resource) {
      await p.post(`${ACCOUNT}/extension/${resource.id}/sms-recipients/bulk-assign`, {
        removedExtensionIds: [second.extensionId],
      });
      await p.post(`${ACCOUNT}/extension/${resource.id}/sms-recipients/bulk-assign`, {
        addedExtensionIds: [second.extensionId],
      });
    }
    await p.post('/restapi/oauth/wstoken');
    await p.refresh();

    // Errors.
    await run.attempt(() => p.get(`${ACCOUNT}/extension/999999999`));
    await run.attempt(() => p.get(`${ACCOUNT}/extension/${second.extensionId}/features`));
    await run.attempt(() => p.get(`${ACCOUNT}/extension/${second.extensionId}/phone-number`));
    await run.attempt(() => p.get(`${ACCOUNT}/extension/999999999/sms-recipients`));
    await run.invalidRequest(() => p.get(`${ACCOUNT}/call-queues`, { perPage: 'many' }));
    if (resource) {
      await run.invalidRequest(() =>
        p.post(`${ACCOUNT}/extension/${resource.id}/sms-recipients/bulk-assign`, {}),
      );
    }
    const stranger = run.anonymousSdk();
    await run.attempt(() => stranger.platform().login({ jwt: 'not.a.jwt' }));
    await run.emu.control('faults', { burst429: { count: 1, retryAfterSeconds: 3 } });
    await run.attempt(() => p.get(`${ACCOUNT}/sites`));

    // Another agent signs in through the browser flow: sign-in form, code, refresh, logout and a replayed code
    // are that user's five Auth requests of the minute (wstoken was exercised above).
    await signInWithPkce(second.username, second.password);
    await p.logout();
  });

  afterAll(async () => {
    await run?.close();
  });

  it('exercises the seven account and five OAuth operations', () => {
    const seen = run.operationsSeen(spec());
    expect(ACCOUNT_OAUTH_OPERATIONS.filter((id) => !seen.has(id))).toEqual([]);
  });

  it('gets success and error answers from them', () => {
    const statuses = new Set(run.exchanges.map((e) => e.status));
    for (const status of [200, 204, 400, 403, 404, 429])
      expect(statuses, `status ${status}`).toContain(status);
  });

  it('conforms to the spec, except for the mismatches recorded in known-mismatches.ts', () => {
    const actual = run.findings(spec()).filter((f) => ACCOUNT_OAUTH_OPERATIONS.includes(f.operationId));
    const { unexpected, fixed } = expectedFindings(actual, ACCOUNT_OAUTH_OPERATIONS);
    expect(unexpected.map(describeFinding), 'new mismatches').toEqual([]);
    expect(fixed, 'known mismatches no longer seen: remove them from known-mismatches.ts').toEqual([]);
  });
});
