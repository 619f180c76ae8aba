// Accessibility in the real browser: axe-core (node_modules/axe-core) on the signed-in side panel with
// threads, with a thread open, the Team view with a hand-over open and the inbox with response-time marks, and
// on the options page, light and dark. Serious and critical violations fail;
// the rest are printed.
import { readFile } from 'node:fs/promises';
import { createRequire } from 'node:module';
import type { Page } from '@playwright/test';
import { expect, test } from './fixtures.ts';
import { extensionPage, launchEmulator, launchProfile, type Emulator, type Profile } from './harness.ts';
import { fictionalNumber, openSignedInPanel, openThread, setTheme, showView, threadRow } from './panel.ts';

interface AxeViolation {
  id: string;
  impact?: 'minor' | 'moderate' | 'serious' | 'critical' | null;
  help: string;
  nodes: { target: unknown[]; failureSummary?: string }[];
}

let emulator: Emulator;
let profile: Profile;
let panel: Page;
let axeSource: string;
let threadId: string;

test.beforeAll(async () => {
  axeSource = await readFile(createRequire(import.meta.url).resolve('axe-core/axe.min.js'), 'utf8');
  emulator = await launchEmulator();
  profile = await launchProfile(emulator);
  const [alice] = emulator.advisors();
  panel = await openSignedInPanel(profile, alice!);
  const shared = alice!.handles.find((r) => r.type === 'Department')!.sharedNumbers[0]!;
  const inbound = await emulator.control<{ thread: { id: string } }>('inbound', {
    from: fictionalNumber(),
    to: shared,
    text: 'Hello, could an advisor call me about my savings plan?',
  });
  threadId = inbound.thread.id;
});

test.afterAll(async () => {
  await profile?.close();
  await emulator?.close();
});

/**
 * Runs axe in the page. Extension pages forbid inline scripts, so axe is evaluated through the DevTools
 * protocol (page.evaluate), which the page's CSP does not govern.
 */
async function audit(page: Page, label: string): Promise<AxeViolation[]> {
  const loaded = await page.evaluate(() => 'axe' in window);
  if (!loaded) await page.evaluate(axeSource);
  const violations = await page.evaluate(async () => {
    const axe = (window as unknown as { axe: { run(ctx: Document, opts: unknown): Promise<unknown> } }).axe;
    const result = (await axe.run(document, { resultTypes: ['violations'] })) as {
      violations: AxeViolation[];
    };
    return result.violations.map((v) => ({
      id: v.id,
      impact: v.impact,
      help: v.help,
      nodes: v.nodes.map((n) => ({ target: n.target, failureSummary: n.failureSummary })),
    }));
  });
  const describe = (v: AxeViolation) =>
    `  [${v.impact}] ${v.id}: ${v.help}\n` +
    v.nodes.map((n) => `      ${JSON.stringify(n.target)} ${n.failureSummary ?? ''}`.trimEnd()).join('\n');
  const minor = violations.filter((v) => v.impact !== 'serious' && v.impact !== 'critical');
  if (minor.length) console.info(`axe (${label}), not failing:\n${minor.map(describe).join('\n')}`);
  const blocking = violations.filter((v) => v.impact === 'serious' || v.impact === 'critical');
  if (blocking.length) console.error(`axe (${label}), failing:\n${blocking.map(describe).join('\n')}`);
  else console.info(`axe (${label}): no serious or critical violations`);
  return blocking;
}

for (const theme of ['light', 'dark'] as const) {
  test(`side panel inbox with threads (${theme})`, async () => {
    await setTheme(profile, panel, theme);
    await showView(panel, 'Unassigned');
    await threadRow(panel, threadId).waitFor({ timeout: 10_000 });
    expect(await audit(panel, `inbox, ${theme}`)).toEqual([]);
  });

  test(`side panel with a thread open (${theme})`, async () => {
    await setTheme(profile, panel, theme);
    await openThread(panel, threadId, 'Unassigned');
    await panel.locator('[data-testid="entry"][data-kind="message"]').first().waitFor({ timeout: 10_000 });
    await panel.getByTestId('composer-blocked').waitFor();
    expect(await audit(panel, `thread, ${theme}`)).toEqual([]);
    await panel.getByRole('button', { name: 'Back to inbox' }).click();
  });

  test(`side panel Team view with a hand-over, and target marks (${theme})`, async () => {
    await setTheme(profile, panel, theme);
    await panel.getByTestId('open-team').click();
    const jordan = panel.getByRole('row', { name: /Jordan/ });
    await jordan.getByTestId('presence').waitFor({ timeout: 10_000 });
    await jordan.getByRole('button', { name: 'Hand over' }).click();
    await panel.getByTestId('handover').waitFor();
    expect(await audit(panel, `team, ${theme}`)).toEqual([]);
    await panel.locator('.team .back').click();
    // A one-minute first-reply target marks the seed's waiting threads overdue (colours checked in this theme).
    const queue = emulator.advisors()[0]!.handles.find((r) => r.type === 'Department')!;
    await profile.worker.evaluate((targets) => chrome.storage.local.set({ responseTargets: targets }), {
      [queue.id]: { firstReplyMinutes: 1 },
    });
    await showView(panel, 'Unassigned');
    await panel.locator('[data-target]').first().waitFor({ timeout: 10_000 });
    expect(await audit(panel, `inbox with target marks, ${theme}`)).toEqual([]);
    await profile.worker.evaluate(() => chrome.storage.local.remove('responseTargets'));
  });

  test(`options page (${theme})`, async () => {
    const options = await extensionPage(profile, 'options');
    await setTheme(profile, options, theme);
    await options.getByTestId('options-theme').waitFor();
    expect(await audit(options, `options, ${theme}`)).toEqual([]);
    await options.close();
  });
}
