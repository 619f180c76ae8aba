// The test-control API under /__emulator/ (loopback peers only, never rate-limited): credentials, customer
// texts, the clock, faults, reset, the state and a live event stream.
import { z } from 'zod';
import { SECOND } from '../clock.ts';
import type { Core } from '../core.ts';
import { FaultPatch, type FaultState } from '../faults.ts';
import { readJson } from '../http/body.ts';
import { json, type AppRouter, type Reply, type RequestCtx } from '../http/route.ts';
import type { HttpMethod } from '../http/router.ts';
import { parseWith } from '../http/validate.ts';
import { E164 } from '../threads/schemas.ts';
import { receiveInbound } from '../threads/message-ops.ts';
import { notifyGrantChange, setRecipients } from '../account/grants.ts';
import { findResource, findUser, isHandler } from '../directory.ts';
import { notFound } from '../http/errors.ts';
import { credentialsView } from './credentials.ts';
import { streamEvents } from './events.ts';
import { stateView } from './state-view.ts';

export interface ControlDeps {
  core: Core;
  faults(): FaultState;
  patchFaults(patch: FaultPatch): FaultState;
  rateLimitsEnabled(): boolean;
  reset(): void;
  /** Runs the lazy 72 h expiry now; returns how many threads it resolved. */
  expire(): number;
  /** What official CRM clients need to connect to the CRM emulators. */
  crmCredentials(): unknown;
  /** Ends every live session of the extension (docs/emulator.md "Test-control API"); returns how many. */
  endSessions(extensionId: string): number;
  /** Registers an open event stream so closing the server ends it; returns the unregister function. */
  trackStream(close: () => void): () => void;
}

const InboundBody = z.object({
  from: E164,
  to: E164,
  text: z.string().max(1000).optional(),
  attachments: z
    .array(
      z.object({
        // A MIME type and nothing else: it becomes the Content-Type the attachment is served with.
        contentType: z.string().regex(/^[\w.+-]+\/[\w.+-]+$/, 'not a MIME type'),
        filename: z.string().max(255).optional(),
        base64: z.string(),
      }),
    )
    .max(10)
    .optional(),
});

const MembershipBody = z.object({
  resourceId: z.string().min(1),
  extensionId: z.string().min(1),
  member: z.boolean(),
});

const SessionsBody = z.object({ extensionId: z.string().min(1) });

const ClockBody = z.object({
  advanceSeconds: z
    .number()
    .min(0)
    .max(366 * 24 * 3600),
});

export function addControlRoutes(router: AppRouter, deps: ControlDeps): void {
  const { core } = deps;
  const add = (method: HttpMethod, path: string, handler: (ctx: RequestCtx) => Reply | Promise<Reply>) =>
    router.add(method, `/__emulator/${path}`, { kind: 'control', style: 'legacy', handler });

  add('GET', 'credentials', () =>
    json(200, { ...credentialsView(core.world().state), crm: deps.crmCredentials() }),
  );

  add('POST', 'inbound', async (ctx) => {
    const body = parseWith(InboundBody, await readJson(ctx.req, 16 * 1024 * 1024));
    deps.expire();
    const result = receiveInbound(core, {
      from: body.from,
      to: body.to,
      ...(body.text !== undefined ? { text: body.text } : {}),
      attachments: (body.attachments ?? []).map((a) => ({
        contentType: a.contentType,
        ...(a.filename ? { filename: a.filename } : {}),
        bytes: new Uint8Array(Buffer.from(a.base64, 'base64')),
      })),
    });
    return json(201, result);
  });

  // Adds an agent to (or removes one from) a resource's SMS recipients, as an admin would in RingCentral's
  // admin portal, and pushes the grant event to that agent.
  add('POST', 'membership', async (ctx) => {
    const body = parseWith(MembershipBody, await readJson(ctx.req));
    const account = core.world().accounts.find((a) => findUser(a, body.extensionId));
    const resource = account && findResource(account, body.resourceId);
    if (!account || !resource) throw notFound(account ? 'resourceId' : 'extensionId');
    const changed = isHandler(resource, body.extensionId) !== body.member;
    setRecipients(resource, body.member ? [body.extensionId] : [], body.member ? [] : [body.extensionId]);
    core.markDirty();
    if (changed) notifyGrantChange(core, account, [body.extensionId]);
    return json(200, {
      resourceId: resource.id,
      extensionId: body.extensionId,
      member: body.member,
      changed,
    });
  });

  // The user's sessions end without a sign-out, as after a password change or an admin's session timeout: every
  // access and refresh token of theirs dies at once, so the next call answers 401 and the refresh invalid_grant.
  add('POST', 'sessions/revoke', async (ctx) => {
    const body = parseWith(SessionsBody, await readJson(ctx.req));
    const account = core.world().accounts.find((a) => findUser(a, body.extensionId));
    if (!account) throw notFound('extensionId');
    return json(200, { extensionId: body.extensionId, revoked: deps.endSessions(body.extensionId) });
  });

  add('GET', 'clock', () => json(200, clockView(core)));
  add('POST', 'clock', async (ctx) => {
    const body = parseWith(ClockBody, await readJson(ctx.req));
    core.clock.advance(body.advanceSeconds * SECOND);
    core.markDirty();
    const expired = deps.expire();
    return json(200, { ...clockView(core), expiredThreads: expired });
  });

  add('GET', 'faults', () => json(200, { ...deps.faults(), rateLimits: deps.rateLimitsEnabled() }));
  add('POST', 'faults', async (ctx) => {
    const patch = parseWith(FaultPatch, (await readJson(ctx.req)) ?? {});
    const faults = deps.patchFaults(patch);
    return json(200, { ...faults, rateLimits: deps.rateLimitsEnabled() });
  });

  add('POST', 'reset', () => {
    deps.reset();
    return json(200, { reset: true, ...clockView(core) });
  });

  add('GET', 'state', () => {
    deps.expire();
    return json(200, stateView(core.world(), core.baseUrl()));
  });

  add('GET', 'events', (ctx) => {
    streamEvents(core.events, ctx.req, ctx.res, deps.trackStream);
    return { handled: true };
  });
}

function clockView(core: Core) {
  return { now: new Date(core.clock.now()).toISOString(), offsetMs: core.clock.offsetMs() };
}
