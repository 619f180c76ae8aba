// A WSG session: what survives a dropped socket for recoveryTimeout (docs/emulator.md "Push") — the wsc token, the one
// subscription, and the last recoveryBufferSize notifications with the sequence numbers they were sent under.
import type { WebSocket } from 'ws';
import type { Identity } from './event-filters.ts';
import type { Wsc } from './frames.ts';
import type { DisabledFilter } from './subscription-body.ts';
import type { ThreadEventFilter } from './types.ts';
import { mintWscToken } from './wsc-token.ts';

export interface WsgSubscription {
  id: string;
  filters: ReadonlySet<ThreadEventFilter>;
  /** The filters as returned to the client, `~` expanded, in request order. */
  eventFilters: readonly string[];
  /** Accepted but not delivered (DisabledFilterInfo). */
  disabledFilters: readonly DisabledFilter[];
  creationTime: number;
}

interface BufferedFrame {
  sequence: number;
  frame: string;
}

export class WsgSession {
  readonly token = mintWscToken();
  subscription: WsgSubscription | undefined;
  socket: WebSocket | undefined;
  /** Emulator time the last socket went away; undefined while one is attached. */
  disconnectedAt: number | undefined;
  /** True between a successful recovery and its replay: live frames wait so they stay in order. */
  holdingForReplay = false;
  private sequence = 0;
  private deliveredSequence = 0;
  private readonly buffer: BufferedFrame[] = [];

  constructor(
    readonly identity: Identity,
    private readonly bufferSize: number,
  ) {}

  nextWsc(): Wsc {
    this.sequence += 1;
    return { token: this.token, sequence: this.sequence };
  }

  remember(sequence: number, frame: string): void {
    this.buffer.push({ sequence, frame });
    if (this.buffer.length > this.bufferSize) this.buffer.splice(0, this.buffer.length - this.bufferSize);
  }

  markDelivered(sequence: number): void {
    this.deliveredSequence = Math.max(this.deliveredSequence, sequence);
  }

  /** Buffered frames not yet handed to a socket, oldest first. */
  undelivered(): BufferedFrame[] {
    return this.buffer.filter((entry) => entry.sequence > this.deliveredSequence);
  }
}

export class SessionRegistry {
  private readonly byToken = new Map<string, WsgSession>();

  constructor(private readonly bufferSize: number) {}

  create(identity: Identity): WsgSession {
    const session = new WsgSession(identity, this.bufferSize);
    this.byToken.set(session.token, session);
    return session;
  }

  get(token: string): WsgSession | undefined {
    return this.byToken.get(token);
  }

  delete(session: WsgSession): void {
    this.byToken.delete(session.token);
  }

  all(): IterableIterator<WsgSession> {
    return this.byToken.values();
  }

  size(): number {
    return this.byToken.size;
  }

  /** Forgets sessions whose socket has been gone longer than the recovery timeout. */
  expire(now: number, recoveryTimeoutMs: number): void {
    for (const session of this.byToken.values()) {
      if (session.disconnectedAt !== undefined && now - session.disconnectedAt > recoveryTimeoutMs) {
        this.byToken.delete(session.token);
      }
    }
  }
}
