import { signal } from '@preact/signals';
import { describe, expect, it, vi } from 'vitest';
import { ProtocolError } from '../messaging';
import type { MessageThread } from '../rc/schemas';
import { createComposerModel, MAX_ATTACHMENT_BYTES } from './composer-model';
import { ALEX, fakeSend, ME } from './ui.test-helpers';
import { at, thread } from '../../test/support/threads';

function setup(t: MessageThread | undefined = thread('t1', { guest: '+16505551001', assignee: ME })) {
  const threadSignal = signal(t);
  const lastInboundAt = signal<string | undefined>(at(1));
  const send = fakeSend();
  const saveDraft = vi.fn(async () => undefined);
  const model = createComposerModel({
    draftKey: 't1',
    thread: threadSignal,
    from: '+16505550100',
    to: '+16505551001',
    me: signal('me'),
    agentName: signal('Dana Agent'),
    customerName: signal(undefined),
    optedOut: signal(false),
    lastInboundAt,
    initialDraft: '',
    saveDraft,
    send,
    draftDelay: 0,
  });
  return { model, threadSignal, lastInboundAt, send, saveDraft };
}

const file = (name: string, type: string, size: number) => new File([new Uint8Array(size)], name, { type });

describe('composer model', () => {
  it('accepts images and PDFs up to 1.5 MB in total and refuses the rest with the file named', async () => {
    const { model } = setup();
    await model.addFiles([file('a.png', 'image/png', 1000), file('b.pdf', 'application/pdf', 2000)]);
    expect(model.attachments.value.map((a) => a.name)).toEqual(['a.png', 'b.pdf']);
    expect(model.attachments.value[0]!.dataUrl).toMatch(/^data:image\/png;base64,/);
    await model.addFiles([file('big.jpg', 'image/jpeg', MAX_ATTACHMENT_BYTES)]);
    expect(model.error.value).toEqual({ kind: 'fileSize', name: 'big.jpg' });
    await model.addFiles([file('run.exe', 'application/x-msdownload', 10)]);
    expect(model.error.value).toEqual({ kind: 'fileType', name: 'run.exe' });
    expect(model.attachments.value).toHaveLength(2);
  });

  it('sends attachments as data URLs with the text', async () => {
    const { model, send } = setup();
    await model.addFiles([file('a.png', 'image/png', 3)]);
    model.setText('See photo');
    expect(await model.submit()).toBe('sent');
    expect(send).toHaveBeenCalledWith('send', {
      threadId: 't1',
      from: '+16505550100',
      to: '+16505551001',
      text: 'See photo',
      attachments: [{ name: 'a.png', type: 'image/png', dataUrl: expect.stringMatching(/^data:image\/png/) }],
    });
    expect(model.attachments.value).toEqual([]);
  });

  it('disables while someone else holds the thread, then asks for review once it is mine again', async () => {
    const { model, threadSignal, send } = setup();
    model.setText('Hi');
    threadSignal.value = thread('t1', { guest: '+16505551001', assignee: ALEX });
    expect(model.blocked.value).toEqual({ reason: 'tookOver', name: 'Alex Rivera' });
    threadSignal.value = thread('t1', { guest: '+16505551001', assignee: { ...ME, name: 'Dana A.' } });
    expect(model.blocked.value).toBeNull();
    expect(await model.submit()).toBe('review');
    expect(model.review.value).toEqual({ kind: 'assigneeChanged', name: 'Alex Rivera' });
    expect(send).not.toHaveBeenCalled();
    expect(await model.submit()).toBe('sent');
    expect(send).toHaveBeenCalledTimes(1);
  });

  it('keeps the text and shows the background’s message when sending fails', async () => {
    const { model, send } = setup();
    send.mockRejectedValueOnce(new ProtocolError('notAssignee', 'The thread is assigned to someone else.'));
    model.setText('Hello');
    expect(await model.submit()).toBe('failed');
    expect(model.error.value).toEqual({ kind: 'send', message: 'The thread is assigned to someone else.' });
    expect(model.text.value).toBe('Hello');
  });

  it('saves the draft after typing and clears it after sending', async () => {
    const { model, saveDraft } = setup();
    model.setText('Draft');
    await model.flush();
    expect(saveDraft).toHaveBeenLastCalledWith('t1', 'Draft');
    await model.submit();
    expect(saveDraft).toHaveBeenLastCalledWith('t1', '');
  });
});
