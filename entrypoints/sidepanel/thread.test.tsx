import { agentKey } from '@/lib/auth/agent';
import { cleanup, fireEvent, screen, waitFor, within } from '@testing-library/preact';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { fakeBrowser } from 'wxt/testing';
import * as items from '@/lib/storage';
import type { StoredEntry } from '@/lib/sync/db';
import { ALEX, installI18n, ME } from '@/lib/ui/ui.test-helpers';
import { at, storedMessage, summary, thread } from '../../test/support/threads';
import { renderPanel, type PanelSetup } from './panel.test-helpers';

beforeEach(() => {
  fakeBrowser.reset();
  installI18n();
});
afterEach(cleanup);

const JANE = '+16505551001';

async function openThread(setup: PanelSetup, name = '(650) 555-1001') {
  const panel = await renderPanel(setup);
  fireEvent.click(await screen.findByRole('tab', { name: /^All open/ }));
  const starts = new RegExp(`^${name.replace(/[()]/g, '\\$&')}`);
  fireEvent.click(await screen.findByRole('option', { name: starts }));
  await screen.findByTestId('thread-view');
  return panel;
}

const mine = (over = {}) => ({
  threads: [thread('t1', { guest: JANE, assignee: ME, ...over })],
  entries: [storedMessage('e1', 't1', 1, { text: 'Hi, is my order ready?' })] as StoredEntry[],
  summaries: [summary('t1', { lastInboundAt: at(1), lastEntryAt: at(1) })],
});

const messageBox = () => screen.getByRole('textbox', { name: 'Message' }) as HTMLTextAreaElement;

describe('composer rules', () => {
  it('offers "Assign to me" first on an unassigned thread and keeps the textbox disabled', async () => {
    const { send } = await openThread({ seed: mine({ assignee: undefined }) });
    expect(messageBox().disabled).toBe(true);
    fireEvent.click(screen.getByRole('button', { name: 'Assign to me' }));
    await waitFor(() => expect(send).toHaveBeenCalledWith('assign', { threadId: 't1', extensionId: 'me' }));
  });

  it('offers "Take over" on a thread assigned to someone else', async () => {
    const { send } = await openThread({ seed: mine({ assignee: ALEX }) });
    expect(screen.getByTestId('composer-blocked').textContent).toContain('Assigned to Alex Rivera');
    expect(messageBox().disabled).toBe(true);
    fireEvent.click(screen.getByRole('button', { name: 'Take over' }));
    await waitFor(() => expect(send).toHaveBeenCalledWith('assign', { threadId: 't1', extensionId: 'me' }));
  });

  it('lets the assignee send with Enter, while Shift+Enter only breaks the line', async () => {
    const { send } = await openThread({ seed: mine() });
    const box = messageBox();
    expect(box.disabled).toBe(false);
    fireEvent.input(box, { target: { value: 'Yes, it is ready' } });
    fireEvent.keyDown(box, { key: 'Enter', shiftKey: true });
    expect(send).not.toHaveBeenCalledWith('send', expect.anything());
    fireEvent.keyDown(box, { key: 'Enter' });
    await waitFor(() =>
      expect(send).toHaveBeenCalledWith('send', {
        threadId: 't1',
        from: '+16505550100',
        to: JANE,
        text: 'Yes, it is ready',
      }),
    );
    await waitFor(() => expect(messageBox().value).toBe(''));
  });

  it('counts segments and points at the character that forces UCS-2', async () => {
    await openThread({ seed: mine() });
    fireEvent.input(messageBox(), { target: { value: 'a'.repeat(20) } });
    expect(screen.getByTestId('segment-counter').textContent).toContain('1 segment · 140 left');
    fireEvent.input(messageBox(), { target: { value: `${'a'.repeat(161)}` } });
    expect(screen.getByTestId('segment-counter').textContent).toContain('2 segments · 145 left');
    fireEvent.input(messageBox(), { target: { value: 'Thanks 🙏' } });
    expect(screen.getByTestId('ucs2-char').textContent).toContain('🙏');
    fireEvent.input(messageBox(), { target: { value: 'x'.repeat(1001) } });
    expect(screen.getByTestId('segment-counter').textContent).toContain('1001 of 1000');
    expect((screen.getByRole('button', { name: 'Send' }) as HTMLButtonElement).disabled).toBe(true);
  });

  it('inserts a template with the customer’s and my names merged', async () => {
    await openThread({ seed: mine(), contactNames: { [JANE]: 'Jane Doe' } }, 'Jane Doe');
    fireEvent.change(screen.getByRole('combobox', { name: 'Insert template' }), {
      target: { value: 'greeting' },
    });
    expect(messageBox().value).toBe('Hi Jane, this is Dana Agent. How can I help?');
  });

  it('shows a page hint with its site, keeps it out of {firstName}, and lets me keep it', async () => {
    const contacts = { [JANE]: { hints: { 'https://crm.example.com': { name: 'Jane Page', at: 1 } } } };
    const panel = await openThread({ seed: mine(), contacts }, 'Jane Page (from crm.example.com)');
    expect(screen.getByTestId('thread-customer').textContent).toBe('Jane Page (from crm.example.com)');
    fireEvent.change(screen.getByRole('combobox', { name: 'Insert template' }), {
      target: { value: 'greeting' },
    });
    expect(messageBox().value).toBe('Hi, this is Dana Agent. How can I help?');
    fireEvent.click(screen.getByRole('button', { name: 'Keep “Jane Page” as the name' }));
    await waitFor(() =>
      expect(panel.send).toHaveBeenCalledWith('setContactName', { phone: JANE, name: 'Jane Page' }),
    );
  });

  it('keeps drafts per thread across panel closes', async () => {
    const first = await openThread({ seed: mine() });
    fireEvent.input(messageBox(), { target: { value: 'half-written reply' } });
    await waitFor(async () => expect((await items.drafts.getValue()).t1).toBe('half-written reply'), {
      timeout: 2000,
    });
    first.unmount();
    await openThread({ seed: mine() });
    expect(messageBox().value).toBe('half-written reply');
  });

  it('is disabled with the reason on a resolved thread and offers to start a new one', async () => {
    const panel = await renderPanel({
      seed: mine({ status: 'Resolved', statusReason: 'Manual', assignee: undefined }),
      handlers: { loadResolved: () => ({ more: false, loaded: 0 }) },
    });
    fireEvent.click(await screen.findByRole('tab', { name: /^Resolved/ }));
    fireEvent.click(await screen.findByRole('option', { name: /^\(650\) 555-1001/ }));
    expect((await screen.findByTestId('composer-blocked')).textContent).toContain(
      "Resolved threads can't be reopened — a new message starts a new thread",
    );
    expect(messageBox().disabled).toBe(true);
    fireEvent.click(screen.getByRole('button', { name: 'Start a new conversation' }));
    await screen.findByTestId('new-conversation');
    expect(panel.services.route.value).toEqual({ name: 'new', phone: JANE, sharedNumber: '+16505550100' });
  });

  it('is disabled when the customer opted out', async () => {
    const seed = mine();
    seed.summaries = [summary('t1', { optedOut: true })];
    await openThread({ seed });
    expect(screen.getByTestId('composer-blocked').getAttribute('data-reason')).toBe('optedOut');
    expect(messageBox().disabled).toBe(true);
  });
});

describe('review before send', () => {
  it('shows a new inbound message on the first press and sends on the second', async () => {
    const { db, changes, send } = await openThread({ seed: mine() });
    fireEvent.input(messageBox(), { target: { value: 'On its way' } });
    const inbound: StoredEntry = storedMessage('e2', 't1', 5, { text: 'Actually, cancel it' });
    await db.put('entries', inbound);
    await db.put('summaries', summary('t1', { lastInboundAt: at(5), lastEntryAt: at(5) }));
    changes.emit({ kind: 'entries', threadIds: ['t1'] });
    await screen.findByText('Actually, cancel it');
    fireEvent.click(screen.getByRole('button', { name: 'Send' }));
    expect((await screen.findByTestId('composer-review')).textContent).toContain(
      'New message from the customer — review before sending',
    );
    expect(send).not.toHaveBeenCalledWith('send', expect.anything());
    fireEvent.click(screen.getByRole('button', { name: 'Send' }));
    await waitFor(() =>
      expect(send).toHaveBeenCalledWith('send', expect.objectContaining({ text: 'On its way' })),
    );
  });

  it('disables itself and keeps the draft when someone takes the thread over', async () => {
    const { db, changes, send } = await openThread({ seed: mine() });
    fireEvent.input(messageBox(), { target: { value: 'Let me check' } });
    await db.put('threads', thread('t1', { guest: JANE, assignee: ALEX, lastModifiedTime: at(6) }));
    changes.emit({ kind: 'threads', threadIds: ['t1'] });
    await waitFor(() => expect(messageBox().disabled).toBe(true));
    expect(screen.getByTestId('composer-blocked').textContent).toContain('Alex Rivera took over this thread');
    expect(messageBox().value).toBe('Let me check');
    expect(screen.getByRole('button', { name: 'Take over' })).toBeTruthy();
    expect(send).not.toHaveBeenCalledWith('send', expect.anything());
  });
});

describe('timeline', () => {
  it('merges messages, notes and system events with delivery states and author names', async () => {
    const seed = mine();
    seed.entries = [
      {
        recordType: 'ThreadCreatedHint',
        id: 'h0',
        threadId: 't1',
        lastModifiedTime: at(0),
        time: at(0),
      },
      storedMessage('e1', 't1', 1, { text: 'Hello, see https://ex.com/x and javascript:alert(1)' }),
      {
        recordType: 'ThreadAssignedHint',
        id: 'h1',
        threadId: 't1',
        lastModifiedTime: at(2),
        time: at(2),
        initiator: ALEX,
        assignee: ME,
      },
      storedMessage('e2', 't1', 3, {
        direction: 'Outbound',
        messageStatus: 'Delivered',
        author: ME,
        text: 'Hi!',
      }),
      storedMessage('e3', 't1', 4, {
        direction: 'Outbound',
        messageStatus: 'DeliveryFailed',
        author: ALEX,
        text: 'x',
      }),
      {
        recordType: 'AliveNote',
        id: 'n1',
        threadId: 't1',
        availability: 'Alive',
        creationTime: at(5),
        lastModifiedTime: at(5),
        text: 'VIP customer',
        author: ME,
        time: at(5),
      },
    ];
    seed.threads = [thread('t1', { guest: JANE, assignee: ME })];
    const { send } = await openThread({
      seed: {
        ...seed,
        outbox: [
          {
            localId: 'l1',
            owner: agentKey(ME.extensionId, 'https://rc.test'),
            threadId: 't1',
            from: '+16505550100',
            to: JANE,
            text: 'Did not go',
            createdAt: Date.parse(at(6)),
            state: 'failed',
            attempts: 3,
            error: { code: 'server', message: 'Server error 503', permanent: false },
          },
        ],
      },
    });
    const entries = await screen.findAllByTestId('entry');
    expect(entries.map((e) => e.getAttribute('data-kind'))).toEqual([
      'event',
      'message',
      'event',
      'message',
      'message',
      'note',
      'pending',
    ]);
    expect(entries[2]!.textContent).toContain('Alex Rivera assigned the thread to You');
    expect(within(entries[3]!).getByTestId('delivery-status').textContent).toBe('Delivered');
    expect(within(entries[4]!).getByTestId('delivery-status').textContent).toContain('Not delivered');
    expect(entries[4]!.textContent).toContain('Alex Rivera');
    const link = within(entries[1]!).getByRole('link');
    expect(link.getAttribute('href')).toBe('https://ex.com/x');
    expect(link.getAttribute('rel')).toBe('noopener noreferrer');
    expect(link.getAttribute('target')).toBe('_blank');
    expect(entries[6]!.textContent).toContain('Not sent: Server error 503');
    fireEvent.click(within(entries[6]!).getByRole('button', { name: 'Retry' }));
    await waitFor(() => expect(send).toHaveBeenCalledWith('retrySend', { localId: 'l1' }));
    // My own note can be edited and deleted.
    expect(within(entries[5]!).getByRole('button', { name: 'Edit note' })).toBeTruthy();
    // Viewing the thread marks it read up to the newest entry.
    await waitFor(() => expect(send).toHaveBeenCalledWith('markRead', { threadId: 't1', time: at(5) }));
  });

  it('asks before sending a reply held while the agent was away: Send, Edit or Discard', async () => {
    const held = {
      localId: 'h1',
      owner: agentKey(ME.extensionId, 'https://rc.test'),
      threadId: 't1',
      from: '+16505550100',
      to: JANE,
      text: 'Your order ships Monday',
      createdAt: Date.parse(at(6)),
      state: 'failed' as const,
      attempts: 0,
      error: { code: 'confirmHeld', message: 'Held while you were away — send it now?', permanent: false },
      attachments: [{ name: 'invoice.pdf', type: 'application/pdf', data: new Blob(['%PDF']) }],
    };
    // The wait is counted on this machine's clock, which wrote createdAt, whatever RingCentral's clock says.
    await items.serverClock.setValue({ offsetMs: 10 * 60_000 });
    const { send } = await openThread({ seed: { ...mine(), outbox: [held] }, now: 60 });
    const entry = (await screen.findAllByTestId('entry')).find((e) => e.dataset.state === 'confirm')!;
    expect(entry.textContent).toContain('Your order ships Monday');
    // What would go out is shown whole before the agent confirms it.
    expect(entry.textContent).toContain('📎 invoice.pdf');
    const ask = within(entry).getByRole('group', {
      name: 'Held for 54 min while you were away — send it now?',
    });
    // Not sent by itself, and not shown as a failure.
    expect(within(entry).queryByRole('alert')).toBeNull();
    expect(send).not.toHaveBeenCalledWith('retrySend', expect.anything());
    fireEvent.click(within(ask).getByRole('button', { name: 'Send' }));
    await waitFor(() => expect(send).toHaveBeenCalledWith('retrySend', { localId: 'h1' }));
    fireEvent.click(within(ask).getByRole('button', { name: 'Discard' }));
    await waitFor(() => expect(send).toHaveBeenCalledWith('discardSend', { localId: 'h1' }));
    send.mockClear();
    fireEvent.click(within(ask).getByRole('button', { name: 'Edit' }));
    await waitFor(() => expect(send).toHaveBeenCalledWith('discardSend', { localId: 'h1' }));
    await waitFor(() => expect(messageBox().value).toBe('Your order ships Monday'));
  });

  it('says when RingCentral resolved a thread by itself', async () => {
    const seed = mine({ status: 'Resolved', statusReason: 'ThreadExpired', assignee: undefined });
    seed.entries.push({
      recordType: 'ThreadResolvedHint',
      id: 'h9',
      threadId: 't1',
      lastModifiedTime: at(9),
      time: at(9),
    });
    await renderPanel({ seed, handlers: { loadResolved: () => ({ more: false, loaded: 0 }) } });
    fireEvent.click(await screen.findByRole('tab', { name: /^Resolved/ }));
    fireEvent.click(await screen.findByRole('option', { name: /^\(650\) 555-1001/ }));
    expect(await screen.findByText('Resolved automatically after a time without activity')).toBeTruthy();
  });

  it('fetches MMS images through the background and shows the returned data URL', async () => {
    const seed = mine();
    seed.entries = [
      storedMessage('e1', 't1', 1, {
        text: undefined,
        attachments: [
          {
            id: 'a1',
            contentType: 'image/png',
            filename: 'photo.png',
            contentUri: 'https://media.example/a1',
            size: 10,
          },
        ],
      }),
    ];
    const { send } = await openThread({
      seed,
      handlers: {
        fetchAttachment: () => ({ dataUrl: 'data:image/png;base64,AAAA', contentType: 'image/png' }),
      },
    });
    const img = (await screen.findByRole('img', { name: 'photo.png' })) as HTMLImageElement;
    expect(img.getAttribute('src')).toBe('data:image/png;base64,AAAA');
    expect(send).toHaveBeenCalledWith('fetchAttachment', { uri: 'https://media.example/a1' });
  });
});

describe('thread actions', () => {
  it('resolves only after a confirmation that says it cannot be reopened', async () => {
    const { send } = await openThread({ seed: mine() });
    fireEvent.click(screen.getByRole('button', { name: 'Resolve' }));
    const dialog = await screen.findByRole('dialog', { name: 'Resolve this thread?' });
    expect(dialog.textContent).toContain("can't be reopened");
    expect(send).not.toHaveBeenCalledWith('resolve', expect.anything());
    fireEvent.click(within(dialog).getByRole('button', { name: 'Resolve' }));
    await waitFor(() => expect(send).toHaveBeenCalledWith('resolve', { threadId: 't1' }));
  });

  it('reassigns to any assignable handler of the thread’s resource', async () => {
    const { send } = await openThread({ seed: mine() });
    const select = screen.getByRole('combobox', { name: 'Assignee' });
    expect(
      within(select)
        .getAllByRole('option')
        .map((o) => o.textContent),
    ).toEqual(['Unassigned', 'Dana Agent', 'Alex Rivera']);
    fireEvent.change(select, { target: { value: 'alex' } });
    await waitFor(() => expect(send).toHaveBeenCalledWith('assign', { threadId: 't1', extensionId: 'alex' }));
    fireEvent.change(select, { target: { value: '' } });
    await waitFor(() => expect(send).toHaveBeenCalledWith('assign', { threadId: 't1', extensionId: null }));
  });

  it('adds a note', async () => {
    const { send } = await openThread({ seed: mine() });
    fireEvent.click(screen.getByRole('button', { name: 'Add note' }));
    fireEvent.input(screen.getByRole('textbox', { name: 'Note' }), { target: { value: 'Called back' } });
    fireEvent.click(screen.getByRole('button', { name: 'Save note' }));
    await waitFor(() =>
      expect(send).toHaveBeenCalledWith('addNote', { threadId: 't1', text: 'Called back' }),
    );
  });
});
