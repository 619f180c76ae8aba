// Events that wake a STOPPED service worker are handled (docs/architecture.md, "The composition root").
// The worker is stopped through the DevTools protocol (ServiceWorker.stopAllWorkers) and its running status
// is followed until Chrome starts it again for the event.
//
// What this covers and what it cannot: an alarm is real Chrome scheduling, so the spec lets the product's sync
// alarm wake the worker and asserts what the agent sees (a customer's text that arrived while the worker was
// down, with push gone with it, reaches the badge and a notification). A click on a notification cannot be
// synthesised in Chromium: neither the DevTools protocol nor Playwright can click one, and the web platform's
// own tests have no way either (web-platform-tests issue 51125). So the spec asserts the part Chromium can
// show — the woken worker raised the notification, and its click listener is there — and the click itself
// (dispatched right after the first turn, it opens the panel on the thread) is checked by
// lib/background/root.test.ts, which also fails if any listener is added after an await.
import type { CDPSession } from '@playwright/test';
import { expect, test } from './fixtures.ts';
import { badgeText, eventually, type Profile } from './harness.ts';
import { fictionalNumber } from './panel.ts';

type RunningStatus = 'stopped' | 'starting' | 'running' | 'stopping';

/** Follows the extension's service worker through the DevTools protocol, and stops it. */
async function workerControl(profile: Profile) {
  // A plain tab's session: the ServiceWorker domain sees every worker of the profile's storage partition.
  const tab = await profile.context.newPage();
  const cdp: CDPSession = await profile.context.newCDPSession(tab);
  const origin = `chrome-extension://${profile.extensionId}/`;
  let status: RunningStatus | undefined;
  const history: Array<{ status: RunningStatus; at: number }> = [];
  cdp.on('ServiceWorker.workerVersionUpdated', ({ versions }) => {
    for (const v of versions) {
      if (!v.scriptURL.startsWith(origin)) continue;
      status = v.runningStatus as RunningStatus;
      history.push({ status, at: Date.now() });
    }
  });
  await cdp.send('ServiceWorker.enable');
  const until = (wanted: RunningStatus, timeoutMs = 10_000) =>
    eventually(
      async () => status,
      (s) => s === wanted,
      { timeoutMs, intervalMs: 50 },
    );
  await until('running');
  return {
    history,
    async stop() {
      await cdp.send('ServiceWorker.stopAllWorkers');
      await until('stopped');
    },
    /** The worker once Chrome runs it again, and when its new instance began (Playwright keeps one handle
     *  for the extension's worker target across restarts). */
    async restarted() {
      await until('running', 90_000);
      const worker = profile.context.serviceWorkers().find((w) => w.url().startsWith(origin))!;
      return { worker, startedAt: await worker.evaluate(() => performance.timeOrigin) };
    },
    close: () => tab.close(),
  };
}

test('the sync alarm wakes a stopped worker: what arrived meanwhile reaches the badge and a notification', async ({
  emulator,
  profile,
  signIn,
}) => {
  const [avery] = emulator.advisors();
  const panel = await signIn(avery!);
  const shared = avery!.handles.find((r) => r.type === 'Department')!.sharedNumbers[0]!;
  const before = Number(
    await eventually(
      () => badgeText(profile),
      (t) => /^\d+$/.test(t),
      { timeoutMs: 15_000 },
    ),
  );
  // No extension page may wake the worker: the alarm must be what starts it.
  await panel.close();
  for (const page of profile.context.pages())
    if (page.url().startsWith('chrome-extension://')) await page.close();

  const control = await workerControl(profile);
  // The product's own sync alarm, due in a few seconds instead of minutes (an unpacked extension's alarms have
  // no 30 s floor); the woken worker schedules its period again.
  const due = await profile.worker.evaluate(() => {
    const when = Date.now() + 8_000;
    void chrome.alarms.create('threaddesk-sync', { when });
    return when;
  });
  await control.stop();
  const stoppedAt = Date.now();

  // A customer texts while the worker is stopped: its push socket is gone with it.
  const customer = fictionalNumber();
  const inbound = await emulator.control<{ thread: { id: string } }>('inbound', {
    from: customer,
    to: shared,
    text: 'Are you open on Saturday?',
  });
  // Still stopped: nothing but the alarm can start it.
  await new Promise((r) => setTimeout(r, 1_000));
  expect(control.history.filter((h) => h.at > stoppedAt && h.status !== 'stopped')).toEqual([]);

  const { worker, startedAt } = await control.restarted();
  // A new instance, started by the alarm: not before it was due (Chrome's clock and ours are one machine's).
  expect(startedAt).toBeGreaterThan(stoppedAt);
  expect(startedAt).toBeGreaterThanOrEqual(due - 1_000);

  await expect
    .poll(() => worker.evaluate(() => chrome.action.getBadgeText({})), { timeout: 30_000 })
    .toBe(String(before + 1));
  await expect
    .poll(async () => Object.keys(await worker.evaluate(() => chrome.notifications.getAll())), {
      timeout: 15_000,
    })
    .toContain(inbound.thread.id);
  // The listener a click on that notification needs, in the woken worker (see the comment at the top).
  expect(await worker.evaluate(() => chrome.notifications.onClicked.hasListeners())).toBe(true);
  // The alarm is back on its period for the next backstop.
  const alarm = await worker.evaluate(() => chrome.alarms.get('threaddesk-sync'));
  expect(alarm?.periodInMinutes).toBeGreaterThan(0);
  await control.close();
});
