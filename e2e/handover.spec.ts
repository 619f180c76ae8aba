// The hand-over between agents on one browser profile (docs/architecture.md, "Agents and their data"). Agent A
// works — takes a thread, names a customer, leaves a draft — then A's session ends WITHOUT a sign-out (the
// emulator ends it as a password change would, docs/emulator.md "Test-control API") while A sends a reply, which
// is held. B signs in on the same profile: nothing of A's is ever rendered in B's pages (every text a page shows
// is recorded from its first paint on), B cannot discard A's held reply, and when A signs back in A's reply, draft
// and name are back and the reply goes out once. A reply held longer than a few minutes is sent only once its
// agent confirms it in the panel.
import type { Page } from '@playwright/test';
import { expect, test } from './fixtures.ts';
import { eventually, type Profile } from './harness.ts';
import { emulatorState, fictionalNumber, openSignedInPanel, openThread, threadRow } from './panel.ts';

/** Records every text any extension page renders, from before its first paint (window.__seen). */
const RECORD_TEXT = () => {
  if (location.protocol !== 'chrome-extension:') return;
  const seen: string[] = [];
  (window as unknown as { __seen: string[] }).__seen = seen;
  const read = () => {
    const text = document.documentElement?.innerText ?? '';
    if (text && seen[seen.length - 1] !== text) seen.push(text);
    for (const el of document.querySelectorAll('input, textarea'))
      if ((el as HTMLInputElement).value) seen.push((el as HTMLInputElement).value);
  };
  new MutationObserver(read).observe(document, {
    subtree: true,
    childList: true,
    characterData: true,
    attributes: true,
  });
};

const seenBy = (page: Page) =>
  page.evaluate(() => ((window as unknown as { __seen?: string[] }).__seen ?? []).join('\n'));

/** A request of lib/messaging.ts sent from an extension page, as the panel sends it. */
function request(page: Page, type: string, data: unknown) {
  return page.evaluate(
    ([type, data]) =>
      chrome.runtime.sendMessage({ id: Date.now(), type, data, timestamp: Date.now() }) as Promise<{
        res?: unknown;
        err?: { message?: string };
      }>,
    [type, data] as const,
  );
}

interface HeldItem {
  localId: string;
  owner?: string;
  text: string;
  state: string;
}

const outboxOf = (profile: Profile) =>
  profile.worker.evaluate(
    () =>
      new Promise<HeldItem[]>((resolve, reject) => {
        const open = indexedDB.open('threaddesk');
        open.onerror = () => reject(open.error);
        open.onsuccess = () => {
          const all = open.result.transaction('outbox').objectStore('outbox').getAll();
          all.onsuccess = () => resolve(all.result as HeldItem[]);
          all.onerror = () => reject(all.error);
        };
      }),
  );

const authOf = (profile: Profile) =>
  profile.worker.evaluate(
    async () => (await chrome.storage.local.get('authStatus')).authStatus as { state?: string },
  );

test('A’s session ends without a sign-out; B on the same profile sees nothing of A’s; A finds it all again', async ({
  emulator,
  profile,
}) => {
  const avery = emulator.user('Avery');
  const sam = emulator.user('Sam');
  // A resource Avery handles and Sam does not: its threads are Avery's alone to see.
  const own = avery.handles.find((r) => r.sharedNumbers.length && !sam.handles.some((s) => s.id === r.id))!;
  const shared = own.sharedNumbers[0]!;
  const [first, second] = [fictionalNumber(), fictionalNumber()];
  const secret = {
    inbound: `Please call me about the Whitcombe trust (${Date.now()})`,
    other: `Second question on the Ormsby account (${Date.now()})`,
    name: 'Quentin Ashdown-Vale',
    draft: `Draft for Ormsby, not sent (${Date.now()})`,
    reply: `Held reply about Whitcombe (${Date.now()})`,
  };
  const t1 = (
    await emulator.control<{ thread: { id: string } }>('inbound', {
      from: first,
      to: shared,
      text: secret.inbound,
    })
  ).thread.id;
  const t2 = (
    await emulator.control<{ thread: { id: string } }>('inbound', {
      from: second,
      to: shared,
      text: secret.other,
    })
  ).thread.id;

  // A works: takes both threads, names the second customer, leaves a draft there.
  const panelA = await openSignedInPanel(profile, avery);
  await expect(threadRow(panelA, t2)).toBeVisible({ timeout: 15_000 });
  await openThread(panelA, t1, 'Unassigned');
  await panelA.getByRole('button', { name: 'Assign to me' }).click();
  await expect(panelA.getByTestId('composer-blocked')).toHaveCount(0);
  expect(await request(panelA, 'setContactName', { phone: second, name: secret.name })).not.toHaveProperty(
    'err',
  );
  await openThread(panelA, t2, 'Unassigned');
  await panelA.getByRole('button', { name: 'Assign to me' }).click();
  await panelA.getByRole('textbox', { name: 'Message' }).fill(secret.draft);
  await expect
    .poll(async () => JSON.stringify(await profile.worker.evaluate(() => chrome.storage.local.get('drafts'))))
    .toContain(secret.draft);

  // A's session ends on the server; A replies before the browser knows: the reply is held for A.
  await emulator.control('sessions/revoke', { extensionId: avery.extensionId });
  await openThread(panelA, t1, 'Mine');
  await panelA.getByRole('textbox', { name: 'Message' }).fill(secret.reply);
  await panelA.getByRole('button', { name: 'Send' }).click();
  await expect.poll(async () => (await authOf(profile)).state, { timeout: 20_000 }).toBe('signedOut');
  const [held] = await outboxOf(profile);
  expect(held).toMatchObject({
    text: secret.reply,
    owner: expect.stringMatching(new RegExp(`^${avery.extensionId}@`)),
  });
  expect((await emulatorState(emulator)).messages.some((m) => m.text === secret.reply)).toBe(false);
  for (const page of profile.context.pages())
    if (page.url().startsWith('chrome-extension://')) await page.close();

  // B signs in on the same profile. Every extension page from here on records all it ever renders.
  await profile.context.addInitScript(RECORD_TEXT);
  const panelB = await openSignedInPanel(profile, sam);
  await expect(panelB.getByRole('tab', { name: /^Unassigned/ })).toBeVisible();
  // Let B's first sync land, then look at everything B's pages showed.
  await eventually(
    () => panelB.getByTestId('thread-list').getByRole('option').count(),
    (n) => n > 0,
    { timeoutMs: 15_000 },
  );
  const shownToB = await seenBy(panelB);
  expect(shownToB, 'the recorder saw the panel paint').toContain('Unassigned');
  for (const [what, text] of Object.entries(secret)) expect(shownToB, what).not.toContain(text);
  const local = JSON.stringify(
    await profile.worker.evaluate(() => chrome.storage.local.get(['drafts', 'contactBook'])),
  );
  expect(local).not.toContain(secret.draft);
  expect(local).not.toContain(secret.name);

  // B cannot discard (or resend) A's held reply, even by asking the background directly.
  for (const type of ['discardSend', 'retrySend']) {
    const answer = await request(panelB, type, { localId: held!.localId });
    expect(answer.err?.message, type).toMatch(/another agent/);
  }
  expect((await outboxOf(profile)).map((i) => i.text)).toEqual([secret.reply]);
  expect((await emulatorState(emulator)).messages.some((m) => m.text === secret.reply)).toBe(false);

  // B signs out; A signs back in: the held reply goes out (it waited less than the confirm threshold, lib/outbox),
  // and A's draft and name are back.
  const options = await profile.open('options');
  await options.getByRole('button', { name: 'Sign out' }).click();
  await expect.poll(async () => (await authOf(profile)).state).toBe('signedOut');
  await options.close();
  await panelB.close();
  const panelA2 = await openSignedInPanel(profile, avery);
  await expect
    .poll(async () => (await emulatorState(emulator)).messages.filter((m) => m.text === secret.reply), {
      timeout: 20_000,
    })
    .toEqual([
      expect.objectContaining({
        threadId: t1,
        direction: 'Outbound',
        author: expect.objectContaining({ extensionId: avery.extensionId }),
      }),
    ]);
  await expect.poll(() => outboxOf(profile)).toEqual([]);
  await openThread(panelA2, t2, 'Mine');
  await expect(panelA2.getByRole('textbox', { name: 'Message' })).toHaveValue(secret.draft);
  await expect(panelA2.getByTestId('thread-view')).toContainText(secret.name);
});

test('a reply held longer than a few minutes goes out only when its agent says so', async ({
  emulator,
  profile,
}) => {
  const avery = emulator.user('Avery');
  const shared = avery.handles.find((r) => r.sharedNumbers.length)!.sharedNumbers[0]!;
  const reply = `Reply that waited (${Date.now()})`;
  const thread = (
    await emulator.control<{ thread: { id: string } }>('inbound', {
      from: fictionalNumber(),
      to: shared,
      text: 'Is my transfer done?',
    })
  ).thread.id;
  const panel = await openSignedInPanel(profile, avery);
  await openThread(panel, thread, 'Unassigned');
  await panel.getByRole('button', { name: 'Assign to me' }).click();
  // The thread is hers before her session ends: revoked any earlier, the assignment itself is refused.
  await expect(panel.getByTestId('composer-blocked')).toHaveCount(0);
  await emulator.control('sessions/revoke', { extensionId: avery.extensionId });
  await panel.getByRole('textbox', { name: 'Message' }).fill(reply);
  await panel.getByRole('button', { name: 'Send' }).click();
  await expect.poll(async () => (await authOf(profile)).state, { timeout: 20_000 }).toBe('signedOut');
  for (const page of profile.context.pages())
    if (page.url().startsWith('chrome-extension://')) await page.close();
  // Ten minutes pass before Avery is back. The browser's clock cannot be moved from a test, so the held item is
  // dated back instead: the rule compares when it was written with now (lib/outbox/machine.ts).
  await profile.worker.evaluate(
    (minutes) =>
      new Promise<void>((resolve, reject) => {
        const open = indexedDB.open('threaddesk');
        open.onerror = () => reject(open.error);
        open.onsuccess = () => {
          const tx = open.result.transaction('outbox', 'readwrite');
          const store = tx.objectStore('outbox');
          const all = store.getAll();
          all.onsuccess = () => {
            for (const item of all.result as { createdAt: number }[])
              store.put({ ...item, createdAt: item.createdAt - minutes * 60_000 });
          };
          tx.oncomplete = () => resolve();
          tx.onerror = () => reject(tx.error);
        };
      }),
    10,
  );

  const back = await openSignedInPanel(profile, avery);
  await openThread(back, thread, 'Mine');
  const held = back.locator('[data-testid="entry"][data-state="confirm"]');
  await expect(held).toContainText(reply);
  const ask = held.getByRole('group', { name: /^Held for 10 min while you were away/ });
  await expect(ask).toBeVisible();
  // Asked, not sent: nothing reaches RingCentral until Avery decides.
  await new Promise((r) => setTimeout(r, 2_000));
  expect((await emulatorState(emulator)).messages.some((m) => m.text === reply)).toBe(false);
  await ask.getByRole('button', { name: 'Send' }).click();
  await expect
    .poll(async () => (await emulatorState(emulator)).messages.filter((m) => m.text === reply).length, {
      timeout: 20_000,
    })
    .toBe(1);
  await expect(held).toHaveCount(0);
  await expect.poll(() => outboxOf(profile)).toEqual([]);
});
