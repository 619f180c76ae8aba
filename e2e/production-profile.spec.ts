// One pass against the emulator's production profile, which answers message delete and MMS send the way
// RingCentral answers a feature that is not available: the built extension offers both, learns from the
// refusal, says so, and stops offering them for that server. Text replies still go out.
import { expect, test } from './fixtures.ts';
import { launchEmulator, launchProfile, type Emulator, type Profile } from './harness.ts';
import { emulatorState, fictionalNumber, openSignedInPanel, openThread } from './panel.ts';

let emulator: Emulator;
let profile: Profile;

test.afterAll(async () => {
  await profile?.close();
  await emulator?.close();
});

test('production profile: delete and attachments are refused once, then no longer offered', async () => {
  emulator = await launchEmulator({ profile: 'production' });
  profile = await launchProfile(emulator);
  const avery = emulator.advisors()[0]!;
  const shared = avery.handles.find((r) => r.type === 'Department')!.sharedNumbers[0]!;
  const panel = await openSignedInPanel(profile, avery);
  const customer = fictionalNumber();
  await emulator.control('inbound', { from: customer, to: shared, text: 'Hello from production' });
  let threadId = '';
  await expect
    .poll(async () => {
      threadId =
        (await emulatorState(emulator)).threads.find((t) => t.guestParty?.phoneNumber === customer)?.id ?? '';
      return threadId;
    })
    .not.toBe('');
  await expect(panel.locator(`[data-thread-id="${threadId}"]`).first()).toBeVisible();
  await openThread(panel, threadId, 'Unassigned');
  await panel.getByRole('button', { name: 'Assign to me' }).click();
  await expect(panel.getByRole('textbox', { name: 'Message' })).toBeEnabled();

  // Delete: offered, refused by the server, then gone with the reason shown.
  await panel
    .getByRole('button', { name: /^Delete message/ })
    .first()
    .click();
  await panel.getByRole('dialog').getByRole('button', { name: 'Delete' }).click();
  await expect(panel.getByText('does not offer deleting messages', { exact: false })).toBeVisible();
  await expect(panel.getByRole('button', { name: /^Delete message/ })).toHaveCount(0);
  expect((await emulatorState(emulator)).messages.some((m) => m.text === 'Hello from production')).toBe(true);

  // MMS: the reply with a picture fails with the server's reason; the composer then offers text only.
  await panel.locator('input[type="file"]').setInputFiles({
    name: 'dot.png',
    mimeType: 'image/png',
    buffer: Buffer.from('89504e470d0a1a0a', 'hex'),
  });
  await panel.getByRole('textbox', { name: 'Message' }).fill('Here is a photo');
  await panel.getByTestId('send').click();
  await expect(panel.getByText('does not accept attachments', { exact: false })).toBeVisible();
  await expect(panel.getByTestId('mms-unavailable')).toBeVisible();
  await expect(panel.getByRole('button', { name: 'Attach file' })).toHaveCount(0);

  // Text still sends.
  await panel.getByRole('textbox', { name: 'Message' }).fill('Text only then');
  await panel.getByTestId('send').click();
  await expect
    .poll(async () => (await emulatorState(emulator)).messages.some((m) => m.text === 'Text only then'))
    .toBe(true);
});
