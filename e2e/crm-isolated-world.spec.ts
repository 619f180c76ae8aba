// What our own content script's context can read, asked from inside it: the isolated world Chromium runs
// the CRM content script in (found over CDP by the extension's name), on a signed-in profile with threads.
// A compromised renderer of a CRM page holds everything that world can read. Tokens and the synced thread
// store live in the extension origin's IndexedDB, and storage.session and (since the background asks for it)
// storage.local are kept to trusted contexts, so none of them is reachable there; the script learns whether
// the agent turned its CRM off by asking the background (docs/architecture.md, "What a CRM page's renderer
// can read").
import type { CDPSession, Worker } from '@playwright/test';
import { chipNodes, chipState } from './chips.ts';
import { expect, test } from './fixtures.ts';

interface ContextCreated {
  context: { id: number; name: string; auxData?: { type?: string; isDefault?: boolean } };
}

/** Evaluates `expression` (awaited, returned by value) in the page's ThreadDesk isolated world. */
async function inContentScript<T>(cdp: CDPSession, contextId: number, expression: string): Promise<T> {
  const { result, exceptionDetails } = (await cdp.send('Runtime.evaluate', {
    contextId,
    expression,
    awaitPromise: true,
    returnByValue: true,
  })) as { result: { value: T }; exceptionDetails?: { exception?: { description?: string } } };
  if (exceptionDetails) throw new Error(exceptionDetails.exception?.description ?? 'evaluation failed');
  return result.value;
}

test('the CRM content script cannot read tokens, the thread store or extension storage', async ({
  emulator,
  profile,
  signIn,
}) => {
  const [avery] = emulator.advisors();
  await (await signIn(avery!)).close();
  const page = await profile.context.newPage();
  const cdp = await page.context().newCDPSession(page);
  const worlds: ContextCreated['context'][] = [];
  cdp.on('Runtime.executionContextCreated', (e: ContextCreated) => worlds.push(e.context));
  await cdp.send('Runtime.enable');
  await page.goto(`${emulator.url}/crm/demo.html`);
  // Chips mean the content script ran and talked to a signed-in background.
  await expect.poll(() => chipState(page, '+15550100101'), { timeout: 15_000 }).toBeTruthy();
  const world = worlds.find((c) => c.auxData?.type === 'isolated' && c.name === 'ThreadDesk');
  expect(world, 'the content script world').toBeDefined();
  const id = world!.id;

  // It is our world: the extension's APIs are there.
  expect(await inContentScript<string>(cdp, id, 'chrome.runtime.id')).toBe(profile.extensionId);
  // storage.session (presence, server clock…) is refused to content scripts.
  const session = await inContentScript<string>(
    cdp,
    id,
    'chrome.storage.session.get(null).then(() => "read", (e) => "refused: " + e.message)',
  );
  expect(session).toMatch(/^refused/);
  // IndexedDB here is the page's origin, not the extension's: no thread store, no CRM tokens.
  const databases = await inContentScript<string[]>(
    cdp,
    id,
    'indexedDB.databases().then((d) => d.map((x) => x.name))',
  );
  expect(databases).not.toContain('threaddesk');
  expect(databases).not.toContain('threaddesk-crm');
  // storage.local (contact names, drafts, the agent's name and resources, CRM record ids) is refused too: the
  // background set its access level when it started.
  const local = await inContentScript<string>(
    cdp,
    id,
    'chrome.storage.local.get(null).then(() => "read", (e) => "refused: " + e.message)',
  );
  expect(local).toMatch(/^refused/);
  await page.close();
});

/** Writes the CRM settings the way the options page does (the demo CRM, an emulator build's own, has no
 *  switch there; the known CRMs' switches write this same item). */
async function setDisabled(worker: Worker, ids: string[]) {
  await worker.evaluate(
    (disabled) =>
      chrome.storage.local.set({ crmSettings: { disabledAdapters: disabled, customOrigins: [] } }),
    ids,
  );
}

test('switching a CRM off stops the content script live and on the next load, switching it on brings chips back', async ({
  emulator,
  profile,
  signIn,
}) => {
  const [avery] = emulator.advisors();
  await (await signIn(avery!)).close();
  const page = await profile.context.newPage();
  await page.goto(`${emulator.url}/crm/demo.html`);
  const appeared = Date.now();
  await expect.poll(() => chipState(page, '+15550100101'), { timeout: 15_000 }).toBeTruthy();
  const firstChipMs = Date.now() - appeared;

  // Live: the background tells the tab, the script asks again and stops, taking its chips with it.
  await setDisabled(profile.worker, ['demo']);
  await expect.poll(() => chipNodes(page).then((n) => n.length), { timeout: 10_000 }).toBe(0);

  // Next load: the script asks first and never starts. Waited well past the time chips took to appear above.
  await page.reload();
  await page.waitForTimeout(Math.max(3_000, 3 * firstChipMs));
  expect(await chipNodes(page)).toEqual([]);

  // On again: the next load has chips, so the wait above was long enough to see them.
  await setDisabled(profile.worker, []);
  await page.reload();
  await expect.poll(() => chipState(page, '+15550100101'), { timeout: 15_000 }).toBeTruthy();
  await page.close();
});
