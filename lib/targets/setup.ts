// The background's targets module: keeps RingCentral's clock (lib/targets/server-clock.ts) from the answers of
// the signed-in client, and after every store change, clock change, target change and at the next instant a
// thread turns at risk or overdue (an alarm, so a stopped worker wakes for it) refreshes the badge and tells
// the agent once about each thread that became overdue (lib/notifications/overdue.ts). The alarm listener and
// the storage watchers are added in the worker's first turn (docs/architecture.md, Composition root).
import { browser } from 'wxt/browser';
import type { Badge } from '../badge';
import type { Notifications } from '../notifications';
import { decideOverdue } from '../notifications/overdue';
import type { RcClient } from '../rc/client';
import {
  capabilities,
  contactBook,
  notificationSettings,
  overdueNotices,
  responseTargets,
  serverClock,
  type ServerClock,
} from '../storage';
import type { Store } from '../sync/db';
import { readSnapshot, type StoreSnapshot } from '../sync/read';
import { coalesce } from '../util/coalesce';
import { nextOffset, observeServerClock, offsetOf, serverNow } from './server-clock';
import { nextTargetChange, targetsOf, validTargets } from './targets';

export const TARGETS_ALARM = 'threaddesk-targets';

/** The alarm fires a moment after the change, so the check sees the new state despite rounding. */
const AFTER_CHANGE_MS = 1_000;

export interface Targets {
  /** Follows this client's answers for RingCentral's clock, and checks at once. */
  start(client: Pick<RcClient, 'sdk'>): void;
  /** Stops following the clock and forgets it and what was told (the session ended). */
  stop(): Promise<void>;
  /** Checks the threads (from `snapshot` when the caller read one) for overdue news and the next change. */
  check(snapshot?: StoreSnapshot): Promise<void>;
}

const logged = (e: unknown) => console.error('ThreadDesk: targets check failed', e);

export function setupTargets(deps: {
  db(): Promise<Store>;
  badge: Pick<Badge, 'refresh'>;
  notifications: Pick<Notifications, 'show'>;
  /** The signed-in agent's extension id. */
  me(): Promise<string | undefined>;
  /** This machine's clock (tests). */
  localNow?: () => number;
}): Targets {
  const localNow = deps.localNow ?? Date.now;
  let unobserve: (() => void) | undefined;
  let given: StoreSnapshot | undefined;
  let clockWrites: Promise<unknown> = Promise.resolve();

  const schedule = (at: number | undefined, clock: ServerClock | null) =>
    at === undefined
      ? browser.alarms.clear(TARGETS_ALARM)
      : browser.alarms.create(TARGETS_ALARM, { when: at - offsetOf(clock) + AFTER_CHANGE_MS });

  const run = coalesce(async () => {
    const snapshot = given ?? (await readSnapshot(await deps.db()));
    given = undefined;
    const me = await deps.me();
    const [caps, raw, clock, settings, names, memory] = await Promise.all([
      capabilities.getValue(),
      responseTargets.getValue(),
      serverClock.getValue(),
      notificationSettings.getValue(),
      contactBook.getValue(),
      overdueNotices.getValue(),
    ]);
    const targets = validTargets(raw);
    if (!me || targets.size === 0) {
      await schedule(undefined, clock);
      return;
    }
    const now = serverNow(clock, localNow());
    const resources = caps?.resources ?? [];
    const standing = targetsOf(snapshot.threads, snapshot.summaries, resources, targets, now);
    const decided = decideOverdue({
      threads: snapshot.threads,
      targets: standing,
      resources,
      me,
      settings,
      names,
      memory,
      now,
    });
    // Recorded before shown: a notice lost to a crash is better than one repeated.
    if (JSON.stringify(decided.memory) !== JSON.stringify(memory))
      await overdueNotices.setValue(decided.memory);
    await deps.notifications.show(decided.notices);
    await schedule(nextTargetChange(standing.values(), now), clock);
  });

  const check = (snapshot?: StoreSnapshot) => {
    given = snapshot;
    return run();
  };
  const recheck = () => void check().catch(logged);

  browser.alarms.onAlarm.addListener((alarm) => {
    if (alarm.name !== TARGETS_ALARM) return;
    void deps.badge.refresh().catch(logged);
    recheck();
  });
  // The badge follows these two itself.
  responseTargets.watch(recheck);
  serverClock.watch(recheck);

  const onSample = (sample: number) => {
    clockWrites = clockWrites
      .then(async () => {
        const held = await serverClock.getValue();
        const offsetMs = nextOffset(held?.offsetMs, sample);
        if (offsetMs !== held?.offsetMs) await serverClock.setValue({ offsetMs });
      })
      .catch((e: unknown) => console.warn('ThreadDesk: server clock write failed', e));
  };

  return {
    start(client) {
      unobserve?.();
      unobserve = observeServerClock(client, onSample, localNow);
      recheck();
    },
    async stop() {
      unobserve?.();
      unobserve = undefined;
      await clockWrites;
      await Promise.all([
        browser.alarms.clear(TARGETS_ALARM),
        overdueNotices.removeValue(),
        serverClock.removeValue(),
      ]);
    },
    check,
  };
}
