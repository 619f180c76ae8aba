import { beforeEach, describe, expect, it } from 'vitest';
import { fakeBrowser } from 'wxt/testing';
import { onMessage, ProtocolError, protocolFailureOf, sendMessage } from './messaging';

describe('errors across contexts', () => {
  beforeEach(() => fakeBrowser.reset());

  /** The failure a page sees after the background's handler for syncNow threw `thrown`. */
  async function failureOf(thrown: unknown) {
    // Async, as every handler of the background is (lib/background/handlers.ts).
    const remove = onMessage('syncNow', async () => {
      await Promise.resolve();
      throw thrown;
    });
    const e = await sendMessage('syncNow', {}).then(
      () => undefined,
      (err: unknown) => err,
    );
    remove();
    // Rebuilt from what was serialised: an Error, no longer a ProtocolError.
    expect(e).toBeInstanceOf(Error);
    expect(e).not.toBeInstanceOf(ProtocolError);
    return protocolFailureOf(e);
  }

  it('a ProtocolError keeps its code, words and wait through the messaging library', async () => {
    const failure = await failureOf(
      new ProtocolError('rateLimited', 'Try again in 7 s.', { retryAfterMs: 7000 }),
    );
    expect(failure).toEqual({ code: 'rateLimited', message: 'Try again in 7 s.', retryAfterMs: 7000 });
    expect(await failureOf(new ProtocolError('notAssignee', 'Assign it to yourself.'))).toEqual({
      code: 'notAssignee',
      message: 'Assign it to yourself.',
    });
  });

  it('any other error is unknown with its words; words that look like a code are not one', async () => {
    expect(await failureOf(new TypeError('boom'))).toEqual({ code: 'unknown', message: 'boom' });
    expect(await failureOf(new Error('[forbidden] no'))).toEqual({
      code: 'unknown',
      message: '[forbidden] no',
    });
  });

  it('checks what arrives: an unknown code or a bad wait is tolerated, not trusted', () => {
    const newer = { name: 'ProtocolError', code: 'quotaExceeded', message: 'Later.', retryAfterMs: -5 };
    expect(protocolFailureOf(newer)).toEqual({ code: 'unknown', message: 'Later.' });
    expect(protocolFailureOf({ name: 'ProtocolError', code: 'forbidden' })).toEqual({
      code: 'unknown',
      message: '[object Object]',
    });
    expect(protocolFailureOf('offline')).toEqual({ code: 'unknown', message: 'offline' });
  });
});
