// WSG frames (docs/emulator.md "Push"): every frame is a JSON array, `[meta]` or `[meta, body]`.
import { randomUUID } from 'node:crypto';
import { z } from 'zod';

export interface Wsc {
  token: string;
  sequence: number;
}

export type FrameType = 'ClientRequest' | 'ServerNotification' | 'Error' | 'ConnectionDetails' | 'Heartbeat';

export interface ServerMeta {
  type: FrameType;
  messageId: string;
  status: number;
  headers: Record<string, string>;
  wsc?: Wsc;
}

export function encodeFrame(meta: ServerMeta, body?: unknown): string {
  return JSON.stringify(body === undefined ? [meta] : [meta, body]);
}

export function serverMeta(
  type: FrameType,
  options: { messageId?: string; status?: number; headers?: Record<string, string>; wsc?: Wsc } = {},
): ServerMeta {
  const requestId = randomUUID();
  const meta: ServerMeta = {
    type,
    messageId: options.messageId ?? requestId,
    status: options.status ?? 200,
    headers: { RCRequestId: requestId, ...options.headers },
  };
  if (options.wsc) meta.wsc = { ...options.wsc };
  return meta;
}

export function errorFrame(error: { errorCode: string; message: string }, messageId?: string): string {
  return encodeFrame(serverMeta('Error', { messageId, status: 400 }), { ...error });
}

const ClientRequestMeta = z.object({
  type: z.literal('ClientRequest'),
  messageId: z.string().min(1),
  method: z.string().min(1),
  path: z.string().min(1),
  headers: z.record(z.string(), z.unknown()).optional(),
  query: z.record(z.string(), z.unknown()).nullish(),
});

const HeartbeatMeta = z.object({ type: z.literal('Heartbeat'), messageId: z.string().min(1) });

export type ClientRequestMeta = z.infer<typeof ClientRequestMeta>;

export type ClientFrame =
  | { kind: 'request'; meta: ClientRequestMeta; body: unknown }
  | { kind: 'heartbeat'; messageId: string }
  /** A ClientRequest whose meta is unusable but which named a messageId the answer can carry. */
  | { kind: 'bad-request'; messageId: string; reason: string }
  | { kind: 'malformed'; reason: string; messageId?: string };

/** Parses one text frame from a client without ever throwing. */
export function parseClientFrame(text: string): ClientFrame {
  let parsed: unknown;
  try {
    parsed = JSON.parse(text);
  } catch {
    return { kind: 'malformed', reason: 'not JSON' };
  }
  if (!Array.isArray(parsed) || parsed.length < 1 || parsed.length > 2) {
    return { kind: 'malformed', reason: 'not a [meta] or [meta, body] array' };
  }
  const [rawMeta, body] = parsed as [unknown, unknown];
  const messageId = z.object({ messageId: z.string().min(1) }).safeParse(rawMeta);
  const id = messageId.success ? messageId.data.messageId : undefined;
  const type = z.object({ type: z.string() }).safeParse(rawMeta);
  if (!type.success) return { kind: 'malformed', reason: 'meta has no type', messageId: id };

  if (type.data.type === 'Heartbeat') {
    const heartbeat = HeartbeatMeta.safeParse(rawMeta);
    return heartbeat.success
      ? { kind: 'heartbeat', messageId: heartbeat.data.messageId }
      : { kind: 'malformed', reason: 'Heartbeat without messageId' };
  }
  if (type.data.type === 'ClientRequest') {
    const meta = ClientRequestMeta.safeParse(rawMeta);
    if (meta.success) return { kind: 'request', meta: meta.data, body };
    return id
      ? { kind: 'bad-request', messageId: id, reason: 'ClientRequest needs method and path' }
      : { kind: 'malformed', reason: 'ClientRequest without messageId' };
  }
  return { kind: 'malformed', reason: `unsupported frame type ${type.data.type}`, messageId: id };
}
