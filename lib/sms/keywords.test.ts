import { expect, test } from 'vitest';
import { isOptedOut, keywordOf } from './keywords';

test('carrier keywords count only alone, in any case', () => {
  for (const word of ['STOP', 'stopall', ' Unsubscribe ', 'CANCEL', 'end', 'QUIT', 'revoke', 'OptOut']) {
    expect(keywordOf(word)).toBe('stop');
  }
  expect(keywordOf('start')).toBe('start');
  expect(keywordOf('UNSTOP')).toBe('start');
  expect(keywordOf('Help')).toBe('help');
  expect(keywordOf('please stop texting')).toBeUndefined();
  expect(keywordOf(undefined)).toBeUndefined();
});

test('opted out after a STOP-family keyword not followed by START', () => {
  expect(isOptedOut(['hi', 'STOP'])).toBe(true);
  expect(isOptedOut(['STOP', 'start'])).toBe(false);
  expect(isOptedOut(['STOP', 'start', 'quit'])).toBe(true);
  expect(isOptedOut(['help', 'thanks'])).toBe(false);
});
