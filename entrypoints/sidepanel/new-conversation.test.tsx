import { cleanup, fireEvent, screen, waitFor } from '@testing-library/preact';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { fakeBrowser } from 'wxt/testing';
import * as items from '@/lib/storage';
import { installI18n, ME } from '@/lib/ui/ui.test-helpers';
import { thread } from '../../test/support/threads';
import { renderPanel } from './panel.test-helpers';

beforeEach(() => {
  fakeBrowser.reset();
  installI18n();
});
afterEach(cleanup);

describe('new conversation', () => {
  it('asks which shared number when I handle several, then sends without a thread id', async () => {
    const { send, db, changes, services } = await renderPanel();
    fireEvent.click(await screen.findByRole('button', { name: 'New conversation' }));
    fireEvent.input(screen.getByRole('textbox', { name: 'Customer number' }), {
      target: { value: '650 555 2222' },
    });
    fireEvent.click(screen.getByRole('button', { name: 'Continue' }));
    expect((await screen.findByRole('alert')).textContent).toContain('Choose which shared number');
    fireEvent.change(screen.getByRole('combobox', { name: 'Send from' }), {
      target: { value: '+16505550199' },
    });
    fireEvent.click(screen.getByRole('button', { name: 'Continue' }));
    const box = (await screen.findByRole('textbox', { name: 'Message' })) as HTMLTextAreaElement;
    expect(box.disabled).toBe(false);
    fireEvent.input(box, { target: { value: 'Hello from the main site' } });
    fireEvent.click(screen.getByRole('button', { name: 'Send' }));
    await waitFor(() =>
      expect(send).toHaveBeenCalledWith('send', {
        from: '+16505550199',
        to: '+16505552222',
        text: 'Hello from the main site',
      }),
    );
    // The thread the send created shows up: the panel moves to it.
    await db.put(
      'threads',
      thread('new1', { guest: '+16505552222', ownerParty: { phoneNumber: '+16505550199' }, assignee: ME }),
    );
    changes.emit({ kind: 'threads', threadIds: ['new1'] });
    await waitFor(() => expect(services.route.value).toEqual({ name: 'thread', threadId: 'new1' }));
  });

  it('opens the existing Open thread when a CRM chip asks for a number', async () => {
    const { services } = await renderPanel({ seed: { threads: [thread('t7', { guest: '+16505557777' })] } });
    await screen.findByRole('tab', { name: /^Unassigned/ });
    await items.panelFocus.setValue({ phone: '+16505557777', nonce: 'n1' });
    await waitFor(() => expect(services.route.value).toEqual({ name: 'thread', threadId: 't7' }));
    expect(await screen.findByRole('button', { name: 'Assign to me' })).toBeTruthy();
    await waitFor(async () => expect(await items.panelFocus.getValue()).toBeNull());
  });

  it('starts a composer for a number with no Open thread from a chip', async () => {
    const { services } = await renderPanel();
    await screen.findByRole('tab', { name: /^Unassigned/ });
    await items.panelFocus.setValue({ phone: '+16505558888', sharedNumber: '+16505550100', nonce: 'n2' });
    await waitFor(() =>
      expect(services.route.value).toMatchObject({
        name: 'new',
        phone: '+16505558888',
        sharedNumber: '+16505550100',
      }),
    );
    expect(await screen.findByRole('textbox', { name: 'Message' })).toBeTruthy();
  });
});
