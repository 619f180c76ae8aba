// The shared inbox end to end with two agents, each in their own Chromium profile signed in through the real
// PKCE window: a customer texts the queue, A takes and answers the thread, B sees it move within a second and
// cannot reply until taking over, A loses the composer, A resolves, and the customer's next text starts a new
// unassigned thread both see. Screenshots (light and dark) go to artifacts/screenshots/.
import type { Page } from '@playwright/test';
import { expect, test } from './fixtures.ts';
import { launchEmulator, launchProfile, type Emulator, type Profile, type SeededUser } from './harness.ts';
import {
  backToInbox,
  emulatorState,
  fictionalNumber,
  openSignedInPanel,
  openThread,
  screenshot,
  setTheme,
  showView,
  threadList,
  threadRow,
} from './panel.ts';

let emulator: Emulator;
let alice: SeededUser; // agent A
let bob: SeededUser; // agent B
let profileA: Profile;
let profileB: Profile;
let panelA: Page;
let panelB: Page;
let shared: string;
const customer = fictionalNumber();
let firstThread: string;
let secondThread: string;
const latency: Record<string, number> = {};

// One story told over several tests: each needs the one before.
test.describe.configure({ mode: 'serial' });

test.beforeAll(async () => {
  emulator = await launchEmulator();
  [alice, bob] = emulator.advisors() as [SeededUser, SeededUser];
  shared = alice.handles.find((r) => r.type === 'Department')!.sharedNumbers[0]!;
  [profileA, profileB] = await Promise.all([launchProfile(emulator), launchProfile(emulator)]);
  // Both agents sign in from 127.0.0.1 with the same app on the default limits: the Auth budget is per
  // (user, app), as RingCentral's is (docs/emulator.md "Rate limits").
  [panelA, panelB] = await Promise.all([
    openSignedInPanel(profileA, alice),
    openSignedInPanel(profileB, bob),
  ]);
});

test.afterAll(async () => {
  if (Object.keys(latency).length) console.info('latency (ms):', JSON.stringify(latency));
  await Promise.all([profileA?.close(), profileB?.close()]);
  await emulator?.close();
});

interface Condition {
  selector: string;
  /** Some matching element's text contains this. */
  text?: string;
  /** Whether such an element must be present (default) or absent. */
  present?: boolean;
}

/**
 * Starts watching the page with a MutationObserver and returns a function resolving to the wall-clock time
 * (same machine, same clock as the test) at which the condition first held: precise to a DOM change, not to
 * a poll interval. (Extension pages forbid eval, so the condition is data, not code.)
 */
async function watch(page: Page, condition: Condition): Promise<(timeout?: number) => Promise<number>> {
  const key = `__watch_${Math.random().toString(36).slice(2)}`;
  await page.evaluate(
    ({ key, condition }) => {
      const w = window as unknown as Record<string, number | undefined>;
      const holds = () => {
        const els = [...document.querySelectorAll(condition.selector)];
        const found = condition.text
          ? els.some((e) => e.textContent?.includes(condition.text!))
          : els.length > 0;
        return found === (condition.present ?? true);
      };
      const check = () => {
        if (w[key] === undefined && holds()) {
          w[key] = Date.now();
          observer.disconnect();
        }
      };
      const observer = new MutationObserver(check);
      observer.observe(document, { subtree: true, childList: true, attributes: true, characterData: true });
      check();
    },
    { key, condition },
  );
  return async (timeout = 10_000) => {
    let at: number | undefined;
    await poll(
      async () => (at = await page.evaluate((k) => (window as unknown as Record<string, number>)[k], key)),
      timeout,
    ).toEqual(expect.any(Number));
    return at!;
  };
}

/** expect.poll with room for push, sync and the carrier under CI load (its default is 1 s). */
const poll = <T>(read: () => Promise<T> | T, timeout = 10_000) =>
  expect.poll(read, { timeout, intervals: [50] });
/** Another agent's reply has no push to non-assignees: the viewed thread is re-synced every 10 s. */
const NO_PUSH_TIMEOUT = 20_000;

/** Waits until the profile's sync is idle and its last run is 5 s old (the scheduler's bucket has a run). */
async function waitForSettledSync(profile: Profile) {
  await poll(async () => {
    const { connectionStatus: c } = (await profile.worker.evaluate(() =>
      chrome.storage.local.get('connectionStatus'),
    )) as { connectionStatus?: { state?: string; lastSyncAt?: number } };
    return c?.state === 'idle' && Date.now() - (c.lastSyncAt ?? 0) >= 5_000;
  }, 15_000).toBe(true);
}

const rowSelector = (threadId: string) => `[data-testid="thread-list"] [data-thread-id="${threadId}"]`;
const entryWith = (page: Page, kind: string, text: string) =>
  page.locator(`[data-testid="entry"][data-kind="${kind}"]`).filter({ hasText: text });

/** The customer's row: its accessible name (all its text) holds the formatted number, any separators. */
function customerRow(page: Page, phone: string) {
  const national = phone.replace(/\D/g, '').slice(-10);
  const name = new RegExp(`(?:^|\\D)${national.split('').join('\\D*')}(?:\\D|$)`);
  return threadList(page).getByRole('option', { name });
}

test('a customer text appears as a new unassigned thread for both agents', async () => {
  await Promise.all([showView(panelA, 'Unassigned'), showView(panelB, 'Unassigned')]);
  const t0 = Date.now();
  const inbound = await emulator.control<{ thread: { id: string } }>('inbound', {
    from: customer,
    to: shared,
    text: 'Hi, I would like to talk about my retirement account.',
  });
  firstThread = inbound.thread.id;
  for (const [who, page] of [
    ['A', panelA],
    ['B', panelB],
  ] as const) {
    const row = customerRow(page, customer);
    await poll(() => row.count()).toBe(1);
    latency[`inbound→${who} unassigned row`] = Date.now() - t0;
    expect(await row.locator('[data-thread-id]').getAttribute('data-thread-id')).toBe(firstThread);
    await poll(() => row.locator('.row-meta').textContent()).toContain('Unassigned');
  }
});

test('A assigns the thread to herself; B sees it leave Unassigned within a second', async () => {
  await threadRow(panelA, firstThread).click();
  await panelA.locator(`[data-testid="thread-view"][data-thread-id="${firstThread}"]`).waitFor();
  const blocked = panelA.getByTestId('composer-blocked');
  await poll(() => blocked.getAttribute('data-reason')).toBe('unassigned');
  expect(await panelA.getByRole('textbox', { name: 'Message' }).isDisabled()).toBe(true);

  // Measure from a settled B: the sync scheduler allows 3 back-to-back runs and one more per 5 s, so right
  // after sign-in plus the inbound text B's next push-triggered run can wait up to 5 s (seen: ~3 s). That is
  // the product's request budget, not push latency; it is reported separately.
  await waitForSettledSync(profileB);
  const gone = await watch(panelB, { selector: rowSelector(firstThread), present: false });
  const mineA = await watch(panelA, { selector: '[data-testid="thread-assignee"]', text: 'Assigned to You' });
  const t0 = Date.now();
  await panelA.getByRole('button', { name: 'Assign to me' }).click();
  const aAt = await mineA();
  const bAt = await gone();
  latency['assign→A shows assigned'] = aAt - t0;
  latency['assign→B row leaves Unassigned'] = bAt - t0;
  console.info(
    `assignment: A's own view in ${aAt - t0} ms; B saw the row leave Unassigned in ${bAt - t0} ms`,
  );
  expect(bAt - t0).toBeLessThanOrEqual(2000);
  await poll(() => blocked.count()).toBe(0);

  // B: the thread is under All open, showing A as the assignee.
  await showView(panelB, 'All open');
  const rowB = threadRow(panelB, firstThread);
  await poll(() => rowB.locator('.row-meta').textContent()).toContain(alice.name);
  const truth = await emulatorState(emulator);
  expect(truth.threads.find((t) => t.id === firstThread)?.assignee?.extensionId).toBe(alice.extensionId);
});

test('A replies: the reply shows in her timeline and reaches the emulator', async () => {
  const text = `Hello! This is ${alice.name}, happy to help. (${Date.now()})`;
  const box = panelA.getByRole('textbox', { name: 'Message' });
  await box.fill(text);
  const t0 = Date.now();
  await panelA.getByRole('button', { name: 'Send' }).click();
  await poll(() => entryWith(panelA, 'message', text).count()).toBe(1);
  latency['send→A timeline message'] = Date.now() - t0;
  await poll(() => box.inputValue()).toBe('');
  await poll(() => entryWith(panelA, 'message', text).getByTestId('delivery-status').textContent()).toMatch(
    /^(Sent|Delivered)$/,
  );
  const truth = await emulatorState(emulator);
  expect(truth.messages.filter((m) => m.threadId === firstThread && m.text === text)).toEqual([
    expect.objectContaining({
      direction: 'Outbound',
      author: expect.objectContaining({ extensionId: alice.extensionId }),
    }),
  ]);
});

test('B cannot reply to A’s thread: the composer is blocked and offers Take over', async () => {
  await openThread(panelB, firstThread, 'All open');
  const blocked = panelB.getByTestId('composer-blocked');
  await poll(() => blocked.getAttribute('data-reason')).toBe('other');
  expect(await blocked.textContent()).toContain(alice.name);
  expect(await panelB.getByRole('textbox', { name: 'Message' }).isDisabled()).toBe(true);
  expect(await panelB.getByRole('button', { name: 'Send' }).isDisabled()).toBe(true);
  expect(await panelB.getByRole('button', { name: 'Take over' }).isVisible()).toBe(true);
  // A's reply reached B too.
  const t0 = Date.now();
  await poll(() => entryWith(panelB, 'message', 'happy to help').count(), NO_PUSH_TIMEOUT).toBe(1);
  latency['B opened A’s thread→A’s reply shown'] = Date.now() - t0;
});

test('B takes over and replies; A sees the reply and loses the composer', async () => {
  // A was not typing, so her composer says "Assigned to B" ('other'); 'tookOver' is for an interrupted draft.
  const lostA = await watch(panelA, { selector: '[data-testid="composer-blocked"]', text: bob.name });
  const t0 = Date.now();
  await panelB.getByRole('button', { name: 'Take over' }).click();
  await poll(() => panelB.getByTestId('composer-blocked').count()).toBe(0);
  latency['take over→B composer free'] = Date.now() - t0;
  const aAt = await lostA();
  latency['take over→A composer blocked'] = aAt - t0;
  expect(await panelA.getByTestId('composer-blocked').textContent()).toContain(bob.name);
  expect(await panelA.getByRole('textbox', { name: 'Message' }).isDisabled()).toBe(true);

  const text = `${bob.name} here, I’ve taken over your request. (${Date.now()})`;
  await panelB.getByRole('textbox', { name: 'Message' }).fill(text);
  const seenA = await watch(panelA, { selector: '[data-testid="entry"][data-kind="message"]', text });
  const t1 = Date.now();
  await panelB.getByRole('button', { name: 'Send' }).click();
  await poll(() => entryWith(panelB, 'message', text).count()).toBe(1);
  const aSaw = await seenA(NO_PUSH_TIMEOUT);
  latency['B send→A sees reply'] = aSaw - t1;
  const truth = await emulatorState(emulator);
  const thread = truth.threads.find((t) => t.id === firstThread);
  expect(thread?.assignee?.extensionId).toBe(bob.extensionId);
  expect(truth.messages.find((m) => m.text === text)).toMatchObject({
    threadId: firstThread,
    direction: 'Outbound',
    author: { extensionId: bob.extensionId },
  });
});

test('A resolves the thread after confirming', async () => {
  await panelA
    .getByRole('toolbar', { name: 'Thread actions' })
    .getByRole('button', { name: 'Resolve' })
    .click();
  const dialog = panelA.getByRole('dialog', { name: 'Resolve this thread?' });
  await dialog.getByRole('button', { name: 'Resolve' }).click();
  await poll(() => dialog.count()).toBe(0);
  for (const page of [panelA, panelB]) {
    await poll(() => page.getByTestId('thread-status').textContent()).toBe('Resolved');
    await poll(() => page.getByTestId('composer-blocked').getAttribute('data-reason')).toBe('resolved');
  }
  const truth = await emulatorState(emulator);
  expect(truth.threads.find((t) => t.id === firstThread)?.status).toBe('Resolved');
});

test('the customer’s next text starts a new unassigned thread that both agents see', async () => {
  await Promise.all([backToInbox(panelA), backToInbox(panelB)]);
  await Promise.all([showView(panelA, 'Unassigned'), showView(panelB, 'Unassigned')]);
  expect(await customerRow(panelA, customer).count()).toBe(0);

  const t0 = Date.now();
  const inbound = await emulator.control<{ thread: { id: string } }>('inbound', {
    from: customer,
    to: shared,
    text: 'One more question about my account, please.',
  });
  secondThread = inbound.thread.id;
  expect(secondThread).not.toBe(firstThread);
  const truth = await emulatorState(emulator);
  const threads = truth.threads.filter((t) => t.guestParty.phoneNumber === customer);
  expect(threads.map((t) => [t.id, t.status, t.assignee?.extensionId])).toEqual(
    expect.arrayContaining([
      [firstThread, 'Resolved', undefined],
      [secondThread, 'Open', undefined],
    ]),
  );
  expect(threads).toHaveLength(2);
  for (const [who, page] of [
    ['A', panelA],
    ['B', panelB],
  ] as const) {
    const row = customerRow(page, customer);
    await poll(() => row.count()).toBe(1);
    latency[`second inbound→${who} new unassigned row`] = Date.now() - t0;
    expect(await row.locator('[data-thread-id]').getAttribute('data-thread-id')).toBe(secondThread);
  }
});

test('screenshots of the inbox and a thread, light and dark', async () => {
  await panelA.setViewportSize({ width: 420, height: 760 });
  await panelA.evaluate(() => (document.activeElement as HTMLElement | null)?.blur());
  const files: string[] = [];
  for (const theme of ['light', 'dark'] as const) {
    await setTheme(profileA, panelA, theme);
    await backToInbox(panelA);
    await showView(panelA, 'All open');
    await threadRow(panelA, secondThread).waitFor();
    files.push(await screenshot(panelA, `inbox-${theme}`));
    await openThread(panelA, firstThread, 'Resolved');
    await entryWith(panelA, 'message', 'taken over').waitFor();
    files.push(await screenshot(panelA, `thread-${theme}`));
  }
  await setTheme(profileA, panelA, 'light');
  console.info(`screenshots: ${files.join(', ')}`);
});
