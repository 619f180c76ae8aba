// The alarm backstop: an ISync of both streams every few minutes even when push is silent, and the wake-up
// after sleep or network loss. Faster while push is down, slower while it works.
import { browser } from 'wxt/browser';
import { PERIOD_WITH_PUSH_MIN, PERIOD_WITHOUT_PUSH_MIN } from './cadence';

export const SYNC_ALARM = 'threaddesk-sync';

let listener: ((alarm: { name: string }) => void) | undefined;

export function startSyncAlarm(onAlarm: () => void, pushConnected = false): void {
  stopSyncAlarm();
  listener = (alarm) => {
    if (alarm.name === SYNC_ALARM) onAlarm();
  };
  browser.alarms.onAlarm.addListener(listener);
  setSyncAlarmPeriod(pushConnected);
}

export function setSyncAlarmPeriod(pushConnected: boolean): void {
  const periodInMinutes = pushConnected ? PERIOD_WITH_PUSH_MIN : PERIOD_WITHOUT_PUSH_MIN;
  void browser.alarms.create(SYNC_ALARM, { periodInMinutes, delayInMinutes: periodInMinutes });
}

export function stopSyncAlarm(): void {
  if (listener) browser.alarms.onAlarm.removeListener(listener);
  listener = undefined;
  void browser.alarms.clear(SYNC_ALARM);
}
