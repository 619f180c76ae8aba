// The outbox in the background: one Outbox for the worker, and the alarm that wakes it again (backoff sleeps
// die with the worker), listened for in the worker's first turn.
import { browser } from 'wxt/browser';
import { Outbox, type OutboxDeps } from './outbox';

export { Outbox, type SendInput } from './outbox';

export const OUTBOX_ALARM = 'outbox-kick';

export function setupOutbox(deps: OutboxDeps): Outbox {
  const outbox = new Outbox(deps);
  browser.alarms.onAlarm.addListener((alarm) => {
    if (alarm.name === OUTBOX_ALARM) void outbox.kick();
  });
  void browser.alarms.create(OUTBOX_ALARM, { periodInMinutes: 1 });
  return outbox;
}
