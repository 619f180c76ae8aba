// What the signed-in agent may do (lib/capabilities): read in full on sign-in and on request, checked cheaply
// by an alarm whose listener is added in the worker's first turn.
import { browser } from 'wxt/browser';
import {
  CAPABILITIES_ALARM,
  CAPABILITIES_PERIOD_MINUTES,
  checkCapabilities,
  refreshCapabilities,
} from '../capabilities/refresh';
import type { RcClient } from '../rc/client';

export interface CapabilitiesRefresh {
  /** Reads them all when someone is signed in; failures are logged, the old capabilities stay. */
  refresh(): Promise<void>;
}

export function setupCapabilities(deps: {
  signedIn(): Promise<boolean>;
  getClient(): Promise<RcClient>;
}): CapabilitiesRefresh {
  const update = async (read: (client: RcClient) => Promise<unknown>) => {
    if (!(await deps.signedIn())) return;
    await read(await deps.getClient()).then(
      () => undefined,
      (e: unknown) => console.warn('ThreadDesk capabilities refresh failed', e),
    );
  };
  browser.alarms.onAlarm.addListener((alarm) => {
    // The periodic one is the cheap check (lib/capabilities/refresh.ts); sign-in and "check again" read all.
    if (alarm.name === CAPABILITIES_ALARM) void update(checkCapabilities);
  });
  void browser.alarms.create(CAPABILITIES_ALARM, { periodInMinutes: CAPABILITIES_PERIOD_MINUTES });
  return { refresh: () => update(refreshCapabilities) };
}
