// The carrier behind the shared numbers: an outbound message goes Queued → Sent (~300 ms) → Delivered (~800 ms),
// or SendingFailed shortly after when the customer opted out of that number (automatic confirmations to an
// opted-out customer still go out). Real-time timers; stopped on close and on reset.
import type { MessageStatus } from './state.ts';

export interface CarrierDelays {
  sentMs: number;
  deliveredMs: number;
}

export const DEFAULT_CARRIER_DELAYS: CarrierDelays = { sentMs: 300, deliveredMs: 800 };

export interface CarrierDeps {
  /** Whether the message's customer opted out of its shared number (false for authorless confirmations). */
  blocked(accountId: string, messageId: string): boolean;
  setStatus(accountId: string, messageId: string, status: MessageStatus): void;
}

export class Carrier {
  private readonly timers = new Set<NodeJS.Timeout>();

  constructor(
    private readonly deps: CarrierDeps,
    private readonly delays: CarrierDelays = DEFAULT_CARRIER_DELAYS,
  ) {}

  dispatch(accountId: string, messageId: string, from: MessageStatus = 'Queued'): void {
    if (from === 'Sent') {
      this.later(this.delays.deliveredMs - this.delays.sentMs, () =>
        this.deps.setStatus(accountId, messageId, 'Delivered'),
      );
      return;
    }
    this.later(this.delays.sentMs, () => {
      if (this.deps.blocked(accountId, messageId)) {
        this.deps.setStatus(accountId, messageId, 'SendingFailed');
        return;
      }
      this.deps.setStatus(accountId, messageId, 'Sent');
      this.later(this.delays.deliveredMs - this.delays.sentMs, () =>
        this.deps.setStatus(accountId, messageId, 'Delivered'),
      );
    });
  }

  stop(): void {
    for (const timer of this.timers) clearTimeout(timer);
    this.timers.clear();
  }

  pending(): number {
    return this.timers.size;
  }

  private later(ms: number, run: () => void): void {
    const timer = setTimeout(
      () => {
        this.timers.delete(timer);
        try {
          run();
        } catch (error) {
          console.error('emulator carrier:', error);
        }
      },
      Math.max(0, ms),
    );
    this.timers.add(timer);
  }
}
