// What our own content script's context can read, asked from inside it: the isolated world Chromium runs
// the CRM content script in (found over CDP by the extension's name), on a signed-in profile with threads.
// A compromised renderer of a CRM page holds everything that world can read. Tokens and the synced thread
// store live in the extension origin's IndexedDB and storage.session is kept to trusted contexts, so none
// of them is reachable there. storage.local is (Chromium's default for it): what it still holds is listed
// in docs/architecture.md ("What a CRM page's renderer can read").
import type { CDPSession } from '@playwright/test';
import { chipState } from './chips.ts';
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

test('the CRM content script cannot read tokens, the thread store or session storage', async ({
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
  // Nothing in storage.local looks like a credential or a synced thread.
  const local = await inContentScript<string>(cdp, id, 'chrome.storage.local.get(null).then(JSON.stringify)');
  expect(local).not.toMatch(/access_token|refresh_token|"token"|accessToken|refreshToken/i);
  expect(local).not.toMatch(/Is my appointment|guestParty|message-threads/);
  await page.close();
});
