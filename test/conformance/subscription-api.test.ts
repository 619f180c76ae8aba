// The subscription operations as RingCentral's WebSocket gateway carries them (ClientRequest frames), checked
// against the spec's subscription operations — success and error answers, rate limit included.
import { afterAll, beforeAll, expect, it } from 'vitest';
import { WsgTestClient, type Frame } from '../../emulator/push/wsg-test-client.ts';
import { checkExchange, describeFinding, type Finding } from './check-exchange.ts';
import { startConformanceRun, type ConformanceRun } from './conformance-run.ts';
import { expectedFindings } from './known-mismatches.ts';
import type { Exchange } from './recorder.ts';
import { twoHandlersOfOneNumber } from './sdk-session.ts';
import { describeWithSpec } from './spec-guard.ts';
import { SUBSCRIPTION_OPERATIONS } from './operations.ts';

const SUBSCRIPTION = '/restapi/v1.0/subscription';
const FILTERS = [
  '/restapi/v1.0/account/~/message-threads/sync',
  '/restapi/v1.0/account/~/message-threads/entries/sync',
];
const CREATE = { eventFilters: FILTERS, deliveryMode: { transportType: 'WebSocket' } };

describeWithSpec('conformance: subscriptions over the WebSocket gateway', (spec) => {
  let run: ConformanceRun;
  const exchanges: Exchange[] = [];
  const deliberatelyInvalid = new Set<Exchange>();

  function asExchange(method: string, path: string, body: unknown, answer: Frame): Exchange {
    const headers = new Headers(answer.meta.headers as Record<string, string> | undefined);
    return {
      method,
      url: new URL(path, 'http://wsg.invalid'),
      ...(body === undefined ? {} : { requestContentType: 'application/json', requestBody: body }),
      status: Number(answer.meta.status),
      responseContentType: 'application/json',
      responseBody: answer.body,
      responseHeaders: headers,
    };
  }

  beforeAll(async () => {
    run = await startConformanceRun();
    const { first } = twoHandlersOfOneNumber(run.emu.credentials);
    const sdk = await run.signIn(first);
    const wsToken = (await (await sdk.platform().post('/restapi/oauth/wstoken')).json()) as {
      uri: string;
      ws_access_token: string;
    };
    const client = new WsgTestClient(
      `${wsToken.uri}?access_token=${encodeURIComponent(wsToken.ws_access_token)}`,
    );
    await client.waitFor((f) => f.meta.type === 'ConnectionDetails');
    const send = async (method: string, path: string, body?: unknown, invalid = false) => {
      const exchange = asExchange(method, path, body, await client.request(method, path, body));
      exchanges.push(exchange);
      if (invalid) deliberatelyInvalid.add(exchange);
      return exchange;
    };

    const created = await send('POST', SUBSCRIPTION, CREATE);
    const id = String((created.responseBody as { id: string }).id);
    await send('GET', SUBSCRIPTION);
    await send('GET', `${SUBSCRIPTION}/${id}`);
    await send('PUT', `${SUBSCRIPTION}/${id}`, { eventFilters: [FILTERS[1]] });
    await send('POST', `${SUBSCRIPTION}/${id}/renew`);
    await send('DELETE', `${SUBSCRIPTION}/${id}`);

    await send('GET', `${SUBSCRIPTION}/${id}`);
    await send('PUT', `${SUBSCRIPTION}/${id}`, { eventFilters: FILTERS });
    await send('POST', `${SUBSCRIPTION}/${id}/renew`);
    await send('DELETE', `${SUBSCRIPTION}/${id}`);
    await send('POST', SUBSCRIPTION, {
      ...CREATE,
      eventFilters: ['/restapi/v1.0/account/~/extension/~/presence'],
    });
    await send('POST', SUBSCRIPTION, {
      ...CREATE,
      eventFilters: ['/restapi/v1.0/account/1/message-threads/sync'],
    });
    await send('POST', SUBSCRIPTION, { deliveryMode: CREATE.deliveryMode }, true);
    // Create is in the Medium group (40 a minute): the 41st in a minute is refused.
    for (let i = 0; i < 40; i += 1) {
      const answer = await send('POST', SUBSCRIPTION, CREATE);
      if (answer.status === 429) break;
    }
    client.close();
  });

  afterAll(async () => {
    await run?.close();
  });

  const findings = (): Finding[] =>
    exchanges.flatMap((exchange) =>
      checkExchange(spec(), exchange).filter(
        (f) => !(f.side === 'request' && deliberatelyInvalid.has(exchange)),
      ),
    );

  it('exercises all six subscription operations', () => {
    const seen = new Set(
      exchanges.map((e) => spec().findOperation({ method: e.method, path: e.url.pathname })?.operationId),
    );
    expect(SUBSCRIPTION_OPERATIONS.filter((id) => !seen.has(id))).toEqual([]);
  });

  it('gets success and error answers (400, 403, 404, 429) from them', () => {
    const statuses = new Set(exchanges.map((e) => e.status));
    for (const status of [200, 204, 400, 403, 404, 429])
      expect(statuses, `status ${status}`).toContain(status);
    const limited = exchanges.find((e) => e.status === 429);
    expect(Number(limited?.responseHeaders.get('retry-after'))).toBeGreaterThan(0);
  });

  it('conforms to the spec, except for the mismatches recorded in known-mismatches.ts', () => {
    const { unexpected, fixed } = expectedFindings(findings(), SUBSCRIPTION_OPERATIONS);
    expect(unexpected.map(describeFinding), 'new mismatches').toEqual([]);
    expect(fixed, 'known mismatches no longer seen: remove them from known-mismatches.ts').toEqual([]);
  });
});
