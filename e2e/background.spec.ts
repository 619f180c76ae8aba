// Sign-in and the badge end to end: a real PKCE sign-in through the emulator's window, then the toolbar badge following
// inbound messages and another agent's assignment, pushed over the WebSocket.
import { SDK } from '@ringcentral/sdk';
import { expect, test } from './fixtures.ts';
import {
  badgeText,
  eventually,
  launchEmulator,
  launchProfile,
  signIn,
  type Emulator,
  type Profile,
} from './harness.ts';
import type { EmulatorCredentials } from '../test/support/emulator.ts';

// One story: the second test needs the first one's sign-in.
test.describe.configure({ mode: 'serial' });

let emulator: Emulator;
let profile: Profile;
let creds: EmulatorCredentials;

test.beforeAll(async () => {
  emulator = await launchEmulator();
  creds = emulator.credentials;
  profile = await launchProfile(emulator);
});
test.afterAll(async () => {
  await profile?.close();
  await emulator?.close();
});

test('signs in through the PKCE window and shows who is signed in', async () => {
  const [alice] = emulator.advisors();
  const options = await signIn(profile, alice!.username, alice!.password);
  await expect.poll(() => options.getByText(alice!.name).count(), { timeout: 15_000 }).toBeGreaterThan(0);
  const status = await profile.worker.evaluate(() => chrome.storage.local.get('authStatus'));
  expect(status.authStatus).toMatchObject({ state: 'signedIn', user: { extensionId: alice!.extensionId } });
  // The tokens never reach storage.local, which content scripts could read.
  const everything = JSON.stringify(await profile.worker.evaluate(() => chrome.storage.local.get(null)));
  expect(everything).not.toMatch(/access_token|refresh_token/);
});

test('the badge counts unassigned threads and follows inbound messages and assignments', async () => {
  const [alice, bob] = emulator.advisors();
  const queue = alice!.handles.find((r) => r.type === 'Department')!;
  const shared = queue.sharedNumbers[0]!;
  const start = Number(
    await eventually(
      () => badgeText(profile),
      (t) => /^\d+$/.test(t),
      { timeoutMs: 15_000 },
    ),
  );

  const customer = '+15550001999';
  const t0 = Date.now();
  const inbound = await emulator.control<{ thread: { id: string } }>('inbound', {
    from: customer,
    to: shared,
    text: 'Hello, can someone call me back?',
  });
  await eventually(
    () => badgeText(profile),
    (t) => Number(t) === start + 1,
  );
  console.info(`badge followed an inbound message in ${Date.now() - t0} ms`);

  // Another agent (Bob, with the official SDK) takes the thread: the badge drops back.
  const sdk = new SDK({
    server: emulator.url,
    clientId: creds.privateApp.clientId,
    clientSecret: creds.privateApp.clientSecret,
  });
  await sdk.platform().login({ jwt: bob!.jwt });
  await sdk.platform().post(`/restapi/v1.0/account/~/message-threads/${inbound.thread.id}/assign`, {
    assignee: { extensionId: bob!.extensionId },
  });
  await eventually(
    () => badgeText(profile),
    (t) => Number(t) === start,
  );
  const title = await profile.worker.evaluate(() => chrome.action.getTitle({}));
  expect(title).toMatch(/unassigned/i);
  await sdk.platform().logout();
});
