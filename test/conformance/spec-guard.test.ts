import { expect, it } from 'vitest';
import { describeWithSpec } from './spec-guard.ts';

let suiteRan = false;
describeWithSpec(
  'a suite whose OpenAPI file is missing',
  () => {
    suiteRan = true;
    it('never registers', () => expect.unreachable());
  },
  '/nonexistent/rc-thread-messaging-subset.yml',
);

it('does not run the guarded suite when the file is missing', () => {
  expect(suiteRan).toBe(false);
});
