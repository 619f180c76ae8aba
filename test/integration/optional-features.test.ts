// Message delete and MMS send are offered only where the server accepts them: against the emulator's
// production profile (which answers both as RingCentral answers an unavailable feature) a refusal turns the
// operation off for that server, persisted; against the default profile both work and nothing is recorded.
import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { fakeBrowser } from 'wxt/testing';
import { isOffered, tryOptional } from '../../lib/capabilities/features';
import { deleteMessages, listMessages, sendMessage } from '../../lib/rc/api';
import { createRcClient, type RcClient } from '../../lib/rc/client';
import { createMemoryTokenStore } from '../../lib/rc/token-store';
import { serverFeatures, serverSettings } from '../../lib/storage';
import { startTestEmulator, type SeededUser, type TestEmulator } from '../support/emulator.ts';

const servers: TestEmulator[] = [];
let production: TestEmulator;
let full: TestEmulator;

beforeAll(async () => {
  production = await startTestEmulator({ profile: 'production' });
  full = await startTestEmulator();
  servers.push(production, full);
});
afterAll(async () => {
  for (const s of servers) await s.close();
});
beforeEach(() => fakeBrowser.reset());

async function agent(t: TestEmulator): Promise<{ client: RcClient; user: SeededUser; shared: string }> {
  const user = t.user('Avery');
  const client = createRcClient({
    server: t.url,
    clientId: t.credentials.privateApp.clientId,
    clientSecret: t.credentials.privateApp.clientSecret,
    store: createMemoryTokenStore(),
  });
  await client.login({ jwt: user.jwt });
  await serverSettings.setValue({ server: t.url, clientId: t.credentials.publicClientId });
  const shared = user.handles.find((h) => h.type === 'Department')!.sharedNumbers[0]!;
  return { client, user, shared };
}

const png = () => ({
  name: 'dot.png',
  type: 'image/png',
  data: new Blob([new Uint8Array([137, 80, 78, 71])]),
});

describe('features production may not have', { timeout: 60_000 }, () => {
  it('production profile: a refused delete turns message delete off for that server, in words', async () => {
    const { client, shared } = await agent(production);
    await production.control('inbound', { from: '+15550177001', to: shared, text: 'please delete me' });
    const [message] = (await listMessages(client, { perPage: 1 })).records;
    const err = await tryOptional('messageDelete', () => deleteMessages(client, [message!.id])).then(
      () => undefined,
      (e: unknown) => e as Error,
    );
    expect(err?.message).toMatch(/does not offer deleting messages/);
    expect(isOffered(await serverFeatures.getValue(), production.url, 'messageDelete')).toBe(false);
    // RingCentral's code and words are kept apart, as they came.
    expect((await serverFeatures.getValue())?.[production.url]?.messageDelete).toEqual({
      at: expect.any(Number),
      code: 'CMN-109',
      message: 'Feature not available.',
    });
    expect(isOffered(await serverFeatures.getValue(), production.url, 'mmsSend')).toBe(true);
    // Another server is not affected.
    expect(isOffered(await serverFeatures.getValue(), full.url, 'messageDelete')).toBe(true);
  });

  it('production profile: MMS send is refused and turned off; text still sends', async () => {
    const { client, shared } = await agent(production);
    const to = '+15550177002';
    const mms = await tryOptional('mmsSend', () =>
      sendMessage(client, { from: shared, to, text: 'photo' }, [png()]),
    ).then(
      () => undefined,
      (e: unknown) => e as Error,
    );
    expect(mms?.message).toMatch(/does not accept attachments/);
    expect(isOffered(await serverFeatures.getValue(), production.url, 'mmsSend')).toBe(false);
    const text = await sendMessage(client, { from: shared, to, text: 'text only' });
    expect(text.text).toBe('text only');
  });

  it('default profile: both work and nothing is turned off', async () => {
    const { client, shared } = await agent(full);
    const sent = await tryOptional('mmsSend', () =>
      sendMessage(client, { from: shared, to: '+15550177003', text: 'photo' }, [png()]),
    );
    expect(sent.attachments).toHaveLength(1);
    await tryOptional('messageDelete', () => deleteMessages(client, [sent.id]));
    expect(await serverFeatures.getValue()).toBeNull();
  });
});
