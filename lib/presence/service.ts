// Presence of the handlers of the agent's resources, kept in the `presence` item: one REST snapshot of the
// account's presence (Heavy group, paged) when push (re)connects or the handlers change, then the account
// presence push filter. Refreshes are single-flight and at most one per MIN_REFRESH_MS, so a flapping socket
// cannot spend the Heavy budget.
import type { RcClient } from '../rc/client';
import { applyPresenceEvent, applyPresenceSnapshot, type PresenceMap } from './status';

export const ACCOUNT_PRESENCE_PATH = '/restapi/v1.0/account/~/presence';
const PER_PAGE = 1000;
/** Accounts beyond this many pages of extensions keep what the pages read so far; events fill in the rest. */
const MAX_PAGES = 5;
export const MIN_REFRESH_MS = 30_000;

interface PresencePage {
  records?: unknown[];
  paging?: { page?: number; totalPages?: number };
}

export interface PresenceItem {
  getValue(): Promise<PresenceMap>;
  setValue(value: PresenceMap): Promise<void>;
}

export interface PresenceServiceOptions {
  rc: Pick<RcClient, 'request'>;
  item: PresenceItem;
  /** Extension ids of every handler of the agent's resources. */
  handlers(): Promise<string[]>;
  now?: () => number;
}

export class PresenceService {
  private running: Promise<void> | undefined;
  private again = false;
  private lastRefreshAt = -Infinity;
  private timer: ReturnType<typeof setTimeout> | undefined;
  private writes: Promise<unknown> = Promise.resolve();
  private stopped = false;
  private readonly now: () => number;

  constructor(private readonly opts: PresenceServiceOptions) {
    this.now = opts.now ?? Date.now;
  }

  /** Asks for a REST snapshot; calls inside MIN_REFRESH_MS of the last one are coalesced into one later. */
  refresh(): void {
    if (this.stopped) return;
    if (this.running) {
      this.again = true;
      return;
    }
    const wait = this.lastRefreshAt + MIN_REFRESH_MS - this.now();
    if (wait > 0) {
      this.timer ??= setTimeout(() => {
        this.timer = undefined;
        this.refresh();
      }, wait);
      return;
    }
    this.lastRefreshAt = this.now();
    this.running = this.snapshot()
      .catch((e: unknown) => console.warn('ThreadDesk: presence refresh failed', e))
      .finally(() => {
        this.running = undefined;
        if (this.again) {
          this.again = false;
          this.refresh();
        }
      });
  }

  /** Waits for a running refresh (tests). */
  async settled(): Promise<void> {
    await this.running;
    await this.writes;
  }

  /** A body from the presence push filter. */
  onEvent(body: unknown): Promise<void> {
    return this.update(async (map) => {
      const handlers = new Set(await this.opts.handlers());
      return applyPresenceEvent(map, body, handlers, this.now());
    });
  }

  async stop(): Promise<void> {
    this.stopped = true;
    clearTimeout(this.timer);
    await this.running;
    await this.writes;
    await this.opts.item.setValue({});
  }

  private async snapshot(): Promise<void> {
    const startedAt = this.now();
    const handlers = new Set(await this.opts.handlers());
    if (handlers.size === 0) {
      // Nothing asked (capabilities not read yet): the refresh their arrival triggers must not wait.
      this.lastRefreshAt = -Infinity;
      await this.update(() => ({}));
      return;
    }
    const records: unknown[] = [];
    for (let page = 1; page <= MAX_PAGES; page++) {
      const answer = await this.opts.rc.request<PresencePage>('GET', ACCOUNT_PRESENCE_PATH, {
        query: { page, perPage: PER_PAGE },
        group: 'Heavy',
      });
      records.push(...(Array.isArray(answer?.records) ? answer.records : []));
      if (!answer?.paging?.totalPages || page >= answer.paging.totalPages) break;
    }
    if (this.stopped) return;
    await this.update((map) => applyPresenceSnapshot(map, records, handlers, startedAt, this.now()));
  }

  /** Serialised read-modify-write of the item. */
  private update(change: (map: PresenceMap) => Promise<PresenceMap | undefined> | PresenceMap | undefined) {
    const write = this.writes.then(async () => {
      if (this.stopped) return;
      const next = await change(await this.opts.item.getValue());
      if (next) await this.opts.item.setValue(next);
    });
    this.writes = write.catch((e: unknown) => console.warn('ThreadDesk: presence write failed', e));
    return this.writes.then(() => undefined);
  }
}
