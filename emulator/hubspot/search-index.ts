// What HubSpot's CRM search sees. HubSpot documents that "it may take a few moments for newly created or updated
// CRM objects to appear in search results" (docs/emulator.md, "HubSpot"): search reads an index that each write
// reaches a little later, while reads by id, batch reads and associations see the write at once. Here every
// create or update reaches the index `lagMs` later on the emulator clock; until then search answers the object as
// it was before (or not at all when it is new). Memory only: after a restart the index has caught up.
import type { HsObject } from './state.ts';

/** HubSpot gives no figure; a few seconds is what integrators report and what clients must tolerate. */
export const DEFAULT_SEARCH_LAG_MS = 3_000;

interface Pending {
  at: number;
  snapshot: HsObject;
}

const copy = (o: HsObject): HsObject => ({ ...o, properties: { ...o.properties } });

export class SearchIndex {
  /** What search shows for an object with writes on their way (null: not in the index yet). */
  private readonly shown = new Map<string, HsObject | null>();
  private readonly pending = new Map<string, Pending[]>();

  constructor(
    private readonly now: () => number,
    public lagMs = DEFAULT_SEARCH_LAG_MS,
  ) {}

  /** Records a write: `before` is the object as it was (undefined when just created). */
  wrote(type: string, object: HsObject, before: HsObject | undefined): void {
    if (this.lagMs <= 0) return;
    const key = `${type}:${object.id}`;
    if (!this.shown.has(key)) this.shown.set(key, before ? copy(before) : null);
    this.pending.set(key, [
      ...(this.pending.get(key) ?? []),
      { at: this.now() + this.lagMs, snapshot: copy(object) },
    ]);
  }

  /** The objects as search sees them now. */
  view(type: string, objects: HsObject[]): HsObject[] {
    const now = this.now();
    const out: HsObject[] = [];
    for (const object of objects) {
      const key = `${type}:${object.id}`;
      const queue = this.pending.get(key);
      if (!queue) {
        out.push(object);
        continue;
      }
      const arrived = queue.filter((p) => p.at <= now);
      const waiting = queue.filter((p) => p.at > now);
      const latest = arrived.at(-1);
      if (!waiting.length) {
        this.pending.delete(key);
        this.shown.delete(key);
        out.push(object);
        continue;
      }
      if (latest) this.shown.set(key, latest.snapshot);
      this.pending.set(key, waiting);
      const seen = this.shown.get(key);
      if (seen) out.push(seen);
    }
    return out;
  }

  clear(): void {
    this.shown.clear();
    this.pending.clear();
  }
}
