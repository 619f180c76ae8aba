// HTTP bindings of the 15 Message Threads operations (docs/emulator.md "Message threads"): parse, call the rule-checked operation,
// answer. All are throttling group Medium and answer thread-style errors (`{errors:[…]}`).
import type { Core } from '../core.ts';
import { notFound } from '../http/errors.ts';
import { readJson } from '../http/body.ts';
import { json, mustCaller, noContent, type AppRouter, type Reply, type RequestCtx } from '../http/route.ts';
import type { HttpMethod } from '../http/router.ts';
import { parseWith, queryObject } from '../http/validate.ts';
import { featureNotAvailable } from '../profile.ts';
import { threadScope, visibleThread } from './access.ts';
import { listMessages, listNotes, listThreads } from './list.ts';
import { deleteMessages, sendMessage } from './message-ops.ts';
import { readSendRequest } from './mms.ts';
import { createNote, deleteNotes, updateNote } from './note-ops.ts';
import {
  ARRAY_PARAMS,
  AssignBody,
  ContentQuery,
  IdsBody,
  ListMessagesQuery,
  ListNotesQuery,
  ListThreadsQuery,
  NoteCreateBody,
  NoteUpdateBody,
  SyncEntriesQuery,
  SyncThreadsQuery,
} from './schemas.ts';
import { syncEntries, syncThreads } from './sync.ts';
import { assignThread, deleteThread, getThread, resolveThread } from './thread-ops.ts';

const BASE = '/restapi/v1.0/account/:accountId/message-threads';

export function addThreadRoutes(router: AppRouter, core: Core): void {
  const add = (method: HttpMethod, path: string, handler: (ctx: RequestCtx) => Promise<Reply> | Reply) =>
    router.add(method, `${BASE}${path}`, { kind: 'api', group: 'Medium', style: 'thread', handler });
  const scopeOf = (ctx: RequestCtx) => threadScope(core, mustCaller(ctx), ctx.params.accountId ?? '~');
  const query = (ctx: RequestCtx) => queryObject(ctx.url, ARRAY_PARAMS);
  const syncEnv = () => {
    const state = core.world().state;
    return { secret: state.secret, epoch: state.epoch, now: core.clock.now() };
  };
  const jsonBody = async (ctx: RequestCtx) => readJson(ctx.req);

  add('GET', '/sync', (ctx) => {
    const scope = scopeOf(ctx);
    return json(200, syncThreads(syncEnv(), scope, parseWith(SyncThreadsQuery, query(ctx))));
  });
  add('GET', '/entries/sync', (ctx) => {
    const scope = scopeOf(ctx);
    return json(200, syncEntries(syncEnv(), scope, parseWith(SyncEntriesQuery, query(ctx))));
  });

  add('GET', '/messages', (ctx) => {
    const scope = scopeOf(ctx);
    return json(200, listMessages(scope, parseWith(ListMessagesQuery, query(ctx)), core.clock.now()));
  });
  add('POST', '/messages', async (ctx) => {
    const scope = scopeOf(ctx);
    const { body, attachments } = await readSendRequest(ctx.req);
    if (attachments.length > 0 && core.profile === 'production') throw featureNotAvailable();
    return json(201, sendMessage(core, scope, body, attachments));
  });
  add('DELETE', '/messages', async (ctx) => {
    const scope = scopeOf(ctx);
    if (core.profile === 'production') {
      ctx.req.resume();
      throw featureNotAvailable();
    }
    deleteMessages(core, scope, parseWith(IdsBody, await jsonBody(ctx)).ids);
    return noContent();
  });
  add('GET', '/messages/:messageId/content/:attachmentId', (ctx) => readContent(core, ctx));

  add('GET', '/notes', (ctx) => {
    const scope = scopeOf(ctx);
    return json(200, listNotes(scope, parseWith(ListNotesQuery, query(ctx))));
  });
  add('POST', '/notes', async (ctx) => {
    const scope = scopeOf(ctx);
    const body = parseWith(NoteCreateBody, await jsonBody(ctx));
    return json(201, createNote(core, scope, body.threadId, body.text));
  });
  add('DELETE', '/notes', async (ctx) => {
    const scope = scopeOf(ctx);
    deleteNotes(core, scope, parseWith(IdsBody, await jsonBody(ctx)).ids);
    return noContent();
  });
  add('PATCH', '/notes/:noteId', async (ctx) => {
    const scope = scopeOf(ctx);
    const body = parseWith(NoteUpdateBody, await jsonBody(ctx));
    return json(200, updateNote(core, scope, ctx.params.noteId ?? '', body.text));
  });

  add('GET', '', (ctx) => {
    const scope = scopeOf(ctx);
    return json(200, listThreads(scope, parseWith(ListThreadsQuery, query(ctx))));
  });
  add('GET', '/:threadId', (ctx) => json(200, getThread(scopeOf(ctx), ctx.params.threadId ?? '')));
  add('DELETE', '/:threadId', (ctx) => {
    deleteThread(core, scopeOf(ctx), ctx.params.threadId ?? '');
    return noContent();
  });
  add('POST', '/:threadId/resolve', (ctx) =>
    json(200, resolveThread(core, scopeOf(ctx), ctx.params.threadId ?? '')),
  );
  add('POST', '/:threadId/assign', async (ctx) => {
    const scope = scopeOf(ctx);
    const body = parseWith(AssignBody, await jsonBody(ctx));
    return json(
      200,
      assignThread(core, scope, ctx.params.threadId ?? '', body.assignee?.extensionId ?? null),
    );
  });
}

/** mthReadMessageContent: the attachment's bytes, inline or as a download. */
function readContent(core: Core, ctx: RequestCtx): Reply {
  const scope = threadScope(core, mustCaller(ctx), ctx.params.accountId ?? '~');
  const q = parseWith(ContentQuery, queryObject(ctx.url));
  const message = scope.store.messages.get(ctx.params.messageId ?? '');
  if (!message || message.availability === 'Deleted') throw notFound('messageId');
  visibleThread(scope, message.threadId);
  const attachment = message.attachments?.find((a) => a.id === ctx.params.attachmentId);
  const bytes = attachment && core.media.get(attachment.id);
  if (!attachment || !bytes) throw notFound('attachmentId');
  const filename = q.contentDispositionFilename ?? attachment.filename ?? `${attachment.id}`;
  const disposition = q.contentDisposition === 'Attachment' ? 'attachment' : 'inline';
  return {
    status: 200,
    bytes,
    headers: {
      'Content-Type': attachment.contentType,
      'Content-Disposition': contentDisposition(disposition, filename),
    },
  };
}

/**
 * A Content-Disposition any filename survives (RFC 6266): a quoted ASCII fallback, plus the UTF-8 name in
 * RFC 5987's `filename*` when the name is not plain ASCII (docs/emulator.md "Attachments").
 */
function contentDisposition(disposition: 'inline' | 'attachment', filename: string): string {
  const fallback = filename.replace(/[^\x20-\x7e]|["\\]/g, '_');
  if (fallback === filename) return `${disposition}; filename="${filename}"`;
  const encoded = encodeURIComponent(filename).replace(
    /['()*]/g,
    (c) => `%${c.charCodeAt(0).toString(16).toUpperCase()}`,
  );
  return `${disposition}; filename="${fallback}"; filename*=UTF-8''${encoded}`;
}
