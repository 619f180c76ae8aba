// The Team view end to end with two agents in their own Chromium profiles: presence set for one advisor
// reaches both panels through the account presence filter within a second (latency printed), and a bulk
// hand-over moves a colleague's threads, seen by the other agent.
import { expect, test } from './fixtures.ts';

test('presence changes reach both agents within a second; bulk hand-over moves threads', async ({
  emulator,
  newProfile,
  signIn,
}) => {
  const [avery, jordan] = emulator.advisors();
  const taylor = emulator.user('Taylor');
  const [profileA, profileB] = await Promise.all([newProfile(), newProfile()]);
  const [panelA, panelB] = await Promise.all([signIn(avery!, profileA), signIn(jordan!, profileB)]);
  for (const panel of [panelA, panelB]) {
    await panel.getByRole('button', { name: 'Team' }).click();
    const row = panel.getByRole('row', { name: /Taylor/ });
    await expect(row.getByTestId('presence')).toHaveAttribute('data-presence', 'offline');
    await expect(panel.getByRole('row', { name: /Sam/ }).getByTestId('presence')).toHaveText(
      'Do not disturb',
    );
  }

  const started = Date.now();
  await emulator.control('presence', { extensionId: taylor.extensionId, userStatus: 'Available' });
  const arrived = await Promise.all(
    [panelA, panelB].map(async (panel) => {
      await expect(panel.getByRole('row', { name: /Taylor/ }).getByTestId('presence')).toHaveAttribute(
        'data-presence',
        'available',
        { timeout: 1000 },
      );
      return Date.now() - started;
    }),
  );
  console.info(`presence latency (ms, control call → both panels): ${JSON.stringify(arrived)}`);

  // Avery hands all of Jordan's open threads back to unassigned; Jordan's own Team view follows.
  const heldBy = (panel: typeof panelA) =>
    panel
      .getByRole('row', { name: /Jordan/ })
      .getByRole('cell')
      .nth(1);
  await expect(heldBy(panelA)).not.toHaveText('0');
  const held = Number(await heldBy(panelA).textContent());
  await panelA
    .getByRole('row', { name: /Jordan/ })
    .getByRole('button', { name: 'Hand over' })
    .click();
  const handover = panelA.getByTestId('handover');
  const handedAt = Date.now();
  await handover.getByRole('button', { name: `Hand over ${held} threads` }).click();
  await expect(handover.getByRole('status')).toHaveText(`${held} of ${held} done`, { timeout: 60_000 });
  console.info(`hand-over of ${held} threads in the panel: ${Date.now() - handedAt} ms`);
  await expect(handover.getByRole('listitem')).toHaveText(Array(held).fill(/handed over/));
  await expect(heldBy(panelA)).toHaveText('0');
  await expect(heldBy(panelB)).toHaveText('0');
});
