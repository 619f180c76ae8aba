// One client socket attached to a session: answers Heartbeats and subscription ClientRequests, tracks activity.
import { randomUUID } from 'node:crypto';
import { WebSocket, type RawData } from 'ws';
import { debugLog } from './debug-log.ts';
import { encodeFrame, errorFrame, parseClientFrame, serverMeta } from './frames.ts';
import { RC_ERRORS, rcErrorBody } from './rc-errors.ts';
import type { WsgSession } from './session.ts';
import { handleSubscriptionRequest } from './subscription-api.ts';
import type { GatewayDeps } from './types.ts';
import { WSG_ERRORS } from './wsg-limits.ts';

export class WsgLink {
  /** Emulator time of the last frame from the client (idle timeout) and of the connection (absolute timeout). */
  lastActivity: number;
  readonly connectedAt: number;
  /** Real time, for RFC 6455 pings. */
  lastPingAt = Date.now();
  pongDeadline: number | undefined;
  closing = false;

  constructor(
    readonly ws: WebSocket,
    readonly session: WsgSession,
    private readonly deps: GatewayDeps,
    private readonly baseUrl: string,
  ) {
    this.connectedAt = deps.now();
    this.lastActivity = this.connectedAt;
    ws.on('message', (data, isBinary) => this.onMessage(data, isBinary));
    ws.on('pong', () => {
      this.pongDeadline = undefined;
    });
  }

  isOpen(): boolean {
    return this.ws.readyState === WebSocket.OPEN && !this.closing;
  }

  send(frame: string, onSent?: () => void): void {
    if (!this.isOpen()) return;
    this.ws.send(frame, (error) => {
      if (error) debugLog('send failed', error.message);
      else onSent?.();
    });
  }

  /** Sends an Error frame, then closes with a close frame (timeouts, bad handshakes). */
  closeWithError(error: { errorCode: string; message: string }, code = 1000): void {
    if (this.closing) return;
    this.send(errorFrame(error));
    this.closing = true;
    this.ws.close(code, error.errorCode);
  }

  ping(now: number, pongTimeoutMs: number): void {
    if (!this.isOpen()) return;
    this.lastPingAt = now;
    this.pongDeadline ??= now + pongTimeoutMs;
    this.ws.ping();
  }

  private onMessage(data: RawData, isBinary: boolean): void {
    this.lastActivity = this.deps.now();
    if (isBinary) {
      debugLog('binary frame ignored');
      this.send(errorFrame(WSG_ERRORS.malformedMessage));
      return;
    }
    const frame = parseClientFrame(rawToString(data));
    if (frame.kind === 'heartbeat') {
      this.send(encodeFrame(serverMeta('Heartbeat', { messageId: frame.messageId })));
    } else if (frame.kind === 'request') {
      const response = handleSubscriptionRequest(this.session, frame.meta, frame.body, {
        now: this.deps.now(),
        baseUrl: this.baseUrl,
        newId: randomUUID,
        checkRateLimit: this.deps.checkRateLimit?.bind(this.deps),
        switchedOff: this.deps.faults().disabledFilters ?? [],
      });
      const meta = serverMeta('ClientRequest', {
        messageId: frame.meta.messageId,
        status: response.status,
        headers: { 'Content-Type': 'application/json', ...response.headers },
      });
      this.send(encodeFrame(meta, response.body));
    } else if (frame.kind === 'bad-request') {
      debugLog('bad ClientRequest', frame.reason);
      const meta = serverMeta('ClientRequest', { messageId: frame.messageId, status: 400 });
      this.send(encodeFrame(meta, rcErrorBody(RC_ERRORS.invalidParameter('path'))));
    } else {
      debugLog('malformed frame', frame.reason);
      this.send(errorFrame(WSG_ERRORS.malformedMessage, frame.messageId));
    }
  }
}

function rawToString(data: RawData): string {
  if (Array.isArray(data)) return Buffer.concat(data).toString('utf8');
  if (data instanceof ArrayBuffer) return Buffer.from(data).toString('utf8');
  return data.toString('utf8');
}
