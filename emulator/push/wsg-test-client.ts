// A bare WSG client for gateway tests: records every frame so tests can wait for the ones they expect.
import { WebSocket } from 'ws';

export interface Frame {
  meta: Record<string, unknown> & { type?: string; messageId?: string; status?: number };
  body: unknown;
}

export class WsgTestClient {
  readonly frames: Frame[] = [];
  pings = 0;
  private waiters: Array<() => void> = [];
  closeCode: number | undefined;
  readonly closed: Promise<number>;

  constructor(
    url: string,
    options: { autoPong?: boolean } = {},
    readonly ws = new WebSocket(url, { autoPong: options.autoPong ?? true }),
  ) {
    ws.on('message', (data) => {
      const [meta, body] = JSON.parse(String(data)) as [Frame['meta'], unknown];
      this.frames.push({ meta, body });
      this.notify();
    });
    ws.on('ping', () => {
      this.pings += 1;
      this.notify();
    });
    ws.on('error', () => undefined);
    this.closed = new Promise((resolve) =>
      ws.on('close', (code) => {
        this.closeCode = code;
        this.notify();
        resolve(code);
      }),
    );
  }

  send(meta: Record<string, unknown>, body?: unknown): void {
    this.ws.send(JSON.stringify(body === undefined ? [meta] : [meta, body]));
  }

  sendRaw(text: string | Buffer): void {
    this.ws.send(text);
  }

  /** Sends a ClientRequest and resolves with the answer carrying the same messageId. */
  async request(method: string, path: string, body?: unknown): Promise<Frame> {
    const messageId = `req-${Math.random().toString(36).slice(2)}`;
    this.send({ type: 'ClientRequest', messageId, method, path }, body);
    return this.waitFor((frame) => frame.meta.messageId === messageId);
  }

  async waitFor(match: (frame: Frame) => boolean, timeoutMs = 5000): Promise<Frame> {
    await this.until(() => this.frames.some(match), timeoutMs, 'frame');
    return this.frames.find(match) as Frame;
  }

  async until(condition: () => boolean, timeoutMs = 5000, what = 'condition'): Promise<void> {
    const deadline = Date.now() + timeoutMs;
    while (!condition()) {
      if (Date.now() > deadline) throw new Error(`timed out waiting for ${what}`);
      await new Promise<void>((resolve) => {
        const timer = setTimeout(resolve, 50);
        this.waiters.push(() => {
          clearTimeout(timer);
          resolve();
        });
      });
    }
  }

  close(): void {
    this.ws.terminate();
  }

  private notify(): void {
    const waiters = this.waiters;
    this.waiters = [];
    for (const wake of waiters) wake();
  }
}
