// GET /__emulator/events: Server-Sent Events of every ThreadEvent ("thread-event") and every change the
// simulator cares about ("message", "thread", "note", "optOut", "reset"), each as JSON in `data:`.
import type { EventEmitter } from 'node:events';
import type { IncomingMessage, ServerResponse } from 'node:http';
import type { FeedEvent } from '../core.ts';
import type { ThreadEvent } from '../push/types.ts';

const KEEPALIVE_MS = 15_000;

export function streamEvents(
  events: EventEmitter,
  req: IncomingMessage,
  res: ServerResponse,
  onClose: (close: () => void) => () => void,
): void {
  res.writeHead(200, {
    'Content-Type': 'text/event-stream; charset=utf-8',
    'Cache-Control': 'no-store',
    Connection: 'keep-alive',
    'X-Accel-Buffering': 'no',
  });
  res.write(': connected\n\n');
  const send = (type: string, data: unknown) =>
    res.write(`event: ${type}\ndata: ${JSON.stringify(data)}\n\n`);
  const onThreadEvent = (event: ThreadEvent) => send('thread-event', event);
  const onFeed = (event: FeedEvent) => send(event.type, event);
  events.on('thread-event', onThreadEvent);
  events.on('feed', onFeed);
  const keepalive = setInterval(() => res.write(': keepalive\n\n'), KEEPALIVE_MS);
  keepalive.unref();
  const close = () => {
    clearInterval(keepalive);
    events.off('thread-event', onThreadEvent);
    events.off('feed', onFeed);
    res.end();
  };
  const unregister = onClose(close);
  req.on('close', () => {
    unregister();
    close();
  });
}
