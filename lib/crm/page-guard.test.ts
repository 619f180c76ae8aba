import { describe, expect, it, vi } from 'vitest';
import { ignoreForgedStops } from './page-guard';

const TYPE = 'ext-id:crm:wxt:content-script-started';

describe('forged stop events', () => {
  it('never reach a document listener while the runtime is alive, and do once it is gone', () => {
    let alive = true;
    const controller = new AbortController();
    ignoreForgedStops(window, TYPE, () => alive, controller.signal);
    const wxt = vi.fn();
    document.addEventListener(TYPE, wxt);
    document.dispatchEvent(new CustomEvent(TYPE, { detail: { contentScriptName: 'crm', messageId: 'x' } }));
    expect(wxt).not.toHaveBeenCalled();
    alive = false;
    document.dispatchEvent(new CustomEvent(TYPE, { detail: { contentScriptName: 'crm', messageId: 'y' } }));
    expect(wxt).toHaveBeenCalledTimes(1);
    controller.abort();
    document.removeEventListener(TYPE, wxt);
  });
});
