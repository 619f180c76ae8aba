// What a socket is due for on each gateway tick: timeouts on the emulator clock (docs/emulator.md "Push": WSG-902 after
// 30 idle minutes, WSG-903 after 24 hours), pings and pong deadlines in real time (a peer's network is real).
import { WSG_LIMITS } from './wsg-limits.ts';

export type LinkAction = 'idle-timeout' | 'absolute-timeout' | 'drop' | 'ping' | 'none';

export interface LinkTimes {
  lastActivity: number;
  connectedAt: number;
  lastPingAt: number;
  pongDeadline: number | undefined;
}

export function linkAction(
  link: LinkTimes,
  now: number,
  realNow: number,
  pingIntervalMs: number,
): LinkAction {
  if (now - link.lastActivity > WSG_LIMITS.idleTimeout * 1000) return 'idle-timeout';
  if (now - link.connectedAt > WSG_LIMITS.absoluteTimeout * 1000) return 'absolute-timeout';
  if (link.pongDeadline !== undefined && realNow > link.pongDeadline) return 'drop';
  if (realNow - link.lastPingAt >= pingIntervalMs) return 'ping';
  return 'none';
}
