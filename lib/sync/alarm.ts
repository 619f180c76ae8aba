// The alarm backstop: an ISync of both streams every few minutes even when push is silent, and the wake-up
// after sleep or network loss. Faster while push is down, slower while it works. Its listener is lib/sync's.
import { browser } from 'wxt/browser';
import { PERIOD_WITH_PUSH_MIN, PERIOD_WITHOUT_PUSH_MIN } from './cadence';

export const SYNC_ALARM = 'threaddesk-sync';

export function setSyncAlarmPeriod(pushConnected: boolean): void {
  const periodInMinutes = pushConnected ? PERIOD_WITH_PUSH_MIN : PERIOD_WITHOUT_PUSH_MIN;
  void browser.alarms.create(SYNC_ALARM, { periodInMinutes, delayInMinutes: periodInMinutes });
}

export function stopSyncAlarm(): void {
  void browser.alarms.clear(SYNC_ALARM);
}
