// CRM pages end to end: chips on the demo CRM pages for the right numbers (and none for decoys), a click opens
// that customer's thread in the side panel, and chip state follows assignment and resolution by other agents.
import { createServer } from 'node:http';
import type { AddressInfo } from 'node:net';
import { SDK } from '@ringcentral/sdk';
import { chipNodes, chipState, chipsFor, clickChip, pressOnChip } from './chips.ts';
import type { EmulatorCredentials } from '../test/support/emulator.ts';
import { expect, test } from './fixtures.ts';
import { openThread } from './panel.ts';
import {
  eventually,
  extensionPage,
  launchEmulator,
  launchProfile,
  signIn,
  type Emulator,
  type Profile,
} from './harness.ts';

interface EmulatorThread {
  id: string;
  status: string;
  guestParty: { phoneNumber: string };
  assignee?: { extensionId: string };
}

let emulator: Emulator;
let profile: Profile;
let creds: EmulatorCredentials;
let other: SDK;

/** What the background has asked the side panel to show since the last call (the panel consumes it at once). */
async function recordFocus(): Promise<() => Promise<unknown[]>> {
  await profile.worker.evaluate(() => {
    const g = globalThis as { __focusLog?: unknown[]; __focusWatch?: boolean };
    g.__focusLog = [];
    if (g.__focusWatch) return;
    g.__focusWatch = true;
    chrome.storage.onChanged.addListener((changes) => {
      if (changes.panelFocus?.newValue) g.__focusLog!.push(changes.panelFocus.newValue);
    });
  });
  return () => profile.worker.evaluate(() => (globalThis as { __focusLog?: unknown[] }).__focusLog ?? []);
}

async function threadOf(customer: string): Promise<EmulatorThread> {
  const state = await emulator.control<{ accounts: { threads: EmulatorThread[] }[] }>('state');
  const found = state.accounts[0]!.threads.find(
    (t) => t.guestParty.phoneNumber === customer && t.status === 'Open',
  );
  if (!found) throw new Error(`no open thread for ${customer}`);
  return found;
}

test.beforeAll(async () => {
  emulator = await launchEmulator();
  creds = emulator.credentials;
  profile = await launchProfile(emulator);
  const [avery, jordan] = emulator.advisors();
  await (await signIn(profile, avery!.username, avery!.password)).close();
  await eventually(
    () => profile.worker.evaluate(() => chrome.storage.local.get('authStatus')),
    (s) => (s.authStatus as { state?: string } | undefined)?.state === 'signedIn',
    { timeoutMs: 20_000 },
  );
  other = new SDK({
    server: emulator.url,
    clientId: creds.privateApp.clientId,
    clientSecret: creds.privateApp.clientSecret,
  });
  await other.platform().login({ jwt: jordan!.jwt });
});
test.afterAll(async () => {
  await other?.platform().logout();
  await profile?.close();
  await emulator?.close();
});

test('the demo CRM gets chips for customers, none for decoys, and they follow other agents', async () => {
  const page = await profile.context.newPage();
  await page.goto(`${emulator.url}/crm/demo.html`);
  const customer = '+15550100101';
  await eventually(
    () => chipState(page, customer),
    (s) => s?.startsWith('unassigned') ?? false,
    { timeoutMs: 15_000 },
  );
  // "ORD-5550100199" is an order number, not a phone: no chip for it.
  expect(await chipsFor(page, '+15550100199')).toEqual([]);
  // A phone whose digits repeat the order number in its row ("555-010-0102" beside ORD-5550100102) is chipped.
  await eventually(
    async () => (await chipsFor(page, '+15550100102')).length,
    (n) => n > 0,
  );
  // The editable draft (a textarea) is never scanned.
  expect(await page.locator('textarea threaddesk-chip').count()).toBe(0);

  const thread = await threadOf(customer);
  const jordan = emulator.advisors()[1]!;
  await other.platform().post(`/restapi/v1.0/account/~/message-threads/${thread.id}/assign`, {
    assignee: { extensionId: jordan.extensionId },
  });
  await eventually(
    () => chipState(page, customer),
    (s) => s?.startsWith(`assigned to ${jordan.name}`) ?? false,
  );

  await other.platform().post(`/restapi/v1.0/account/~/message-threads/${thread.id}/resolve`);
  await eventually(
    () => chipState(page, customer),
    (s) => s?.startsWith('no thread yet') ?? false,
  );
  await page.close();
});

test('clicking a chip opens the side panel on that customer thread', async () => {
  const page = await profile.context.newPage();
  await page.goto(`${emulator.url}/crm/demo.html`);
  const customer = '+15550100103';
  const thread = await threadOf(customer);
  await eventually(
    () => chipState(page, customer),
    (s) => s?.startsWith('unassigned') ?? false,
    { timeoutMs: 15_000 },
  );
  const focusLog = await recordFocus();
  const [node] = await chipsFor(page, customer);
  await clickChip(page, node!);
  const focus = await eventually(focusLog, (log) => log.length > 0);
  expect(focus[0]).toMatchObject({ threadId: thread.id });
  const panels = await eventually(
    () =>
      profile.worker.evaluate(async () =>
        (await chrome.runtime.getContexts({ contextTypes: ['SIDE_PANEL' as never] })).map(
          (c) => c.documentUrl,
        ),
      ),
    (urls) => urls.some((u) => u?.includes('/sidepanel.html')),
  );
  expect(panels.some((u) => u?.endsWith(`${profile.extensionId}/sidepanel.html`))).toBe(true);
  await page.close();
});

const FIXTURES: Record<string, string[]> = {
  'salesforce-lightning.html': ['+14155552671', '+12125550198'],
  'hubspot-contacts.html': ['+14155552671', '+12125550198'],
  'zoho-list.html': ['+14155552671', '+16465550134'],
  'pipedrive-person.html': ['+14155552671', '+12125550198', '+442079460958'],
  'dynamics-form.html': ['+14155552671', '+12125550198'],
  'rerender.html': ['+14155552671', '+12125550198'],
};

for (const [fixture, phones] of Object.entries(FIXTURES)) {
  test(`chips appear on the ${fixture} fixture`, async () => {
    const page = await profile.context.newPage();
    const errors: string[] = [];
    page.on('pageerror', (e) => errors.push(e.message));
    await page.goto(`${emulator.url}/crm/${fixture}`);
    for (const phone of phones) {
      await eventually(
        async () => (await chipsFor(page, phone)).length,
        (n) => n > 0,
        { timeoutMs: 15_000 },
      );
    }
    expect((await chipsFor(page, phones[0]!))[0]!.name).toMatch(/^Open SMS thread with/);
    expect(errors).toEqual([]);
    await page.close();
  });
}

// A hostile page: the page's own scripts (page.evaluate and init scripts run in the page's main world).
test('the page cannot read chip state, press a chip, or stop us', async () => {
  const page = await profile.context.newPage();
  // Installed before the content script runs: record every window message and every chip added to the DOM.
  await page.addInitScript(() => {
    const w = window as unknown as { __messages: string[]; __chipsAdded: number };
    w.__messages = [];
    w.__chipsAdded = 0;
    addEventListener('message', (e) => w.__messages.push(JSON.stringify(e.data)));
    new MutationObserver((records) => {
      for (const r of records)
        for (const n of r.addedNodes) if (n.nodeName === 'THREADDESK-CHIP') w.__chipsAdded++;
    }).observe(document, { childList: true, subtree: true });
  });
  await page.goto(`${emulator.url}/crm/demo.html`);
  const customer = '+15550100104';
  await eventually(
    () => chipState(page, customer),
    (s) => s !== undefined && s !== 'checking',
    { timeoutMs: 15_000 },
  );
  const jordan = emulator.advisors()[1]!;

  // 1. Nothing to read: bare hosts, closed roots, no state or names anywhere in the page's DOM.
  const seen = await page.evaluate(() => {
    const hosts = [...document.querySelectorAll('threaddesk-chip')];
    return {
      count: hosts.length,
      attributes: [...new Set(hosts.flatMap((h) => h.getAttributeNames()))],
      openRoots: hosts.filter((h) => h.shadowRoot !== null).length,
      inner: hosts.map((h) => h.innerHTML + h.textContent).join(''),
      html: document.documentElement.outerHTML,
      messages: (window as unknown as { __messages: string[] }).__messages,
    };
  });
  expect(seen.count).toBeGreaterThan(2);
  expect(seen.attributes).toEqual(['style']);
  expect(seen.openRoots).toBe(0);
  expect(seen.inner).toBe('');
  expect(seen.html).not.toMatch(/Open SMS thread|unassigned|assigned to|data-td-/);
  expect(seen.html).not.toContain(jordan.name);
  expect(seen.messages.filter((m) => m.includes('wxt') || m.includes(profile.extensionId))).toEqual([]);
  // …while screen readers get a name: every chip host is in the accessibility tree. Hosts and named nodes are
  // read together until they agree, since chips below the first screen arrive in later slices of the scan.
  await eventually(
    async () => ({
      hosts: await page.evaluate(() => document.querySelectorAll('threaddesk-chip').length),
      named: (await chipNodes(page)).length,
    }),
    ({ hosts, named }) => hosts === named && hosts >= seen.count,
  );

  // 2. Script-made clicks and keys open nothing; real ones do.
  const focusLog = await recordFocus();
  await page.evaluate(() => {
    for (const host of document.querySelectorAll<HTMLElement>('threaddesk-chip')) {
      host.click();
      host.dispatchEvent(new MouseEvent('click', { bubbles: true, composed: true }));
      host.focus();
      for (const key of ['Enter', ' ']) {
        const init = { key, bubbles: true, composed: true };
        host.dispatchEvent(new KeyboardEvent('keydown', init));
        document.activeElement?.dispatchEvent(new KeyboardEvent('keydown', init));
      }
    }
  });
  await new Promise((resolve) => setTimeout(resolve, 1_500));
  expect(await focusLog()).toEqual([]);
  const [node] = await chipsFor(page, customer);
  await pressOnChip(page, node!, 'Enter');
  await eventually(focusLog, (log) => log.length === 1);

  // 3. The page cannot stop us or make us rescan: forged WXT "newer script started" and location events.
  const added = await page.evaluate(() => (window as unknown as { __chipsAdded: number }).__chipsAdded);
  await page.evaluate((id) => {
    for (let i = 0; i < 300; i++) {
      for (const name of ['crm', 'crm.content', 'content']) {
        const type = `${id}:${name}:wxt:content-script-started`;
        const detail = { contentScriptName: name, messageId: `forged-${i}` };
        document.dispatchEvent(new CustomEvent(type, { detail }));
        window.dispatchEvent(new CustomEvent(type, { detail }));
        window.postMessage({ type, ...detail }, '*');
        window.dispatchEvent(new Event(`${id}:${name}:wxt:locationchange`));
      }
    }
  }, profile.extensionId);
  await new Promise((resolve) => setTimeout(resolve, 1_500));
  // No session restarted (that would have removed and re-added every chip)…
  expect(await page.evaluate(() => (window as unknown as { __chipsAdded: number }).__chipsAdded)).toBe(added);
  // …and we still run: a number the page adds now gets a chip.
  await page.evaluate(() => {
    const p = document.createElement('p');
    p.textContent = 'Call (415) 555-2671';
    document.getElementById('app')!.appendChild(p);
  });
  await eventually(
    async () => (await chipsFor(page, '+14155552671')).length,
    (n) => n > 0,
    { timeoutMs: 10_000 },
  );
  await page.close();
});

test('chips follow read state: reading the thread in the side panel clears the unread mark', async () => {
  const page = await profile.context.newPage();
  await page.goto(`${emulator.url}/crm/demo.html`);
  const customer = '+15550100107';
  const [avery] = emulator.advisors();
  const shared = avery!.handles.find((r) => r.type === 'Department')!.sharedNumbers[0]!;
  const inbound = await emulator.control<{ thread: { id: string } }>('inbound', {
    from: customer,
    to: shared,
    text: 'Is my appointment still on?',
  });
  await eventually(
    () => chipState(page, customer),
    (s) => s?.endsWith(', unread') ?? false,
    { timeoutMs: 15_000 },
  );
  const panel = await extensionPage(profile, 'sidepanel');
  await openThread(panel, inbound.thread.id, 'All open');
  const t0 = Date.now();
  const state = await eventually(
    () => chipState(page, customer),
    (s) => s !== undefined && !s.endsWith(', unread'),
    { timeoutMs: 5_000, intervalMs: 25 },
  );
  console.log(`read in the panel → chip without unread: ${Date.now() - t0} ms (${state})`);
  await panel.close();
  await page.close();
});

test('a custom site added in the options page gets chips; removed, it gets none', async () => {
  // A CRM-like page on a loopback origin no manifest entry matches.
  const server = createServer((_req, res) => {
    res.writeHead(200, { 'content-type': 'text/html' });
    res.end('<!doctype html><main><table><tr><td>Ana Ruiz</td><td>(415) 555-2671</td></tr></table></main>');
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const site = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
  try {
    const options = await extensionPage(profile, 'options');
    await options.getByLabel('Site address').fill(site);
    await options.getByRole('button', { name: 'Add site' }).click();
    await eventually(
      () => profile.worker.evaluate(() => chrome.scripting.getRegisteredContentScripts()),
      (scripts) => scripts.some((s) => s.matches?.includes('http://127.0.0.1/*')),
    );
    const page = await profile.context.newPage();
    await page.goto(`${site}/contacts`);
    await eventually(
      async () => (await chipsFor(page, '+14155552671')).length,
      (n) => n === 1,
      { timeoutMs: 15_000 },
    );
    await page.close();

    await options.getByRole('button', { name: `Remove ${site}` }).click();
    await eventually(
      () => profile.worker.evaluate(() => chrome.scripting.getRegisteredContentScripts()),
      (scripts) => scripts.length === 0,
    );
    const after = await profile.context.newPage();
    await after.goto(`${site}/contacts`);
    await new Promise((resolve) => setTimeout(resolve, 2_000));
    expect(await chipsFor(after, '+14155552671')).toEqual([]);
    expect(await after.locator('threaddesk-chip').count()).toBe(0);
    await after.close();
    await options.close();
  } finally {
    server.close();
  }
});
