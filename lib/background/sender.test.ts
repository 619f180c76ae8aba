import { describe, expect, it } from 'vitest';
import { protocolFailureOf } from '../messaging';
import { checkSender, originOf } from './sender';

/** The code a check refuses with ('none' when it does not). */
function refusal(check: () => unknown): string {
  try {
    check();
  } catch (e) {
    return protocolFailureOf(e).code;
  }
  return 'none';
}

const self = { extensionId: 'abc', extensionOrigin: 'chrome-extension://abc' };

describe('checkSender', () => {
  it('tells our pages from content scripts by the URL the browser set', () => {
    expect(checkSender('assign', { id: 'abc', url: 'chrome-extension://abc/sidepanel.html' }, self)).toBe(
      'page',
    );
    expect(checkSender('openThread', { id: 'abc', url: 'https://crm.example/x', tab: { id: 1 } }, self)).toBe(
      'content',
    );
    expect(
      refusal(() => checkSender('assign', { id: 'abc', url: 'https://crm.example/x', tab: { id: 1 } }, self)),
    ).toBe('forbidden');
  });

  it('another extension’s page is not ours, even with the same scheme', () => {
    expect(
      refusal(() => checkSender('assign', { id: 'abc', url: 'chrome-extension://evil/page.html' }, self)),
    ).toBe('forbidden');
    expect(
      refusal(() => checkSender('getStatus', { id: 'evil', url: 'chrome-extension://abc/x.html' }, self)),
    ).toBe('forbidden');
  });

  it('compares scheme and host, not URL.origin (which is "null" for extension schemes in some engines)', () => {
    expect(originOf('chrome-extension://abc/sidepanel.html')).toBe('chrome-extension://abc');
    expect(originOf('moz-extension://1234-5678/options.html')).toBe('moz-extension://1234-5678');
    expect(originOf('about:blank')).toBeUndefined();
    expect(refusal(() => checkSender('getStatus', { id: 'abc', url: 'about:blank' }, self))).toBe(
      'forbidden',
    );
  });
});
