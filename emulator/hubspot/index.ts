// The HubSpot emulator at /hubspot on the emulator's server (the official client's `basePath`): private-app
// access tokens, account details, contacts and communications (create, read, update, batch read, search),
// associations v4, the per-app 10-second burst limit and daily limit with X-HubSpot-RateLimit-* headers, the
// search API's per-second limit, and HubSpot's error body {status, message, correlationId, category}.
import { randomUUID } from 'node:crypto';
import type { IncomingMessage, ServerResponse } from 'node:http';
import path from 'node:path';
import { z } from 'zod';
import type { Clock } from '../clock.ts';
import {
  applyCrmCors,
  CrmError,
  CrmRouter,
  readJsonBody,
  writeReply,
  type CrmReply,
  type CrmRequest,
} from '../crm-kit/http.ts';
import { JsonPersister } from '../persist.ts';
import { checkProperties, DEFAULT_PROPERTIES } from './properties.ts';
import { checkSearchLimits, search, SearchBody } from './search.ts';
import { DEFAULT_SEARCH_LAG_MS, SearchIndex } from './search-index.ts';
import { HubSpotState, seedHubSpot, type HsObject, type ObjectType } from './state.ts';

export const HUBSPOT_PREFIX = '/hubspot';

/** Private apps on Free and Starter: 100 requests per rolling 10 seconds, 250,000 a day; search: 5 a second. */
export const BURST_LIMIT = 100;
export const BURST_WINDOW_MS = 10_000;
export const DAILY_LIMIT = 250_000;
export const SEARCH_PER_SECOND = 5;

const EXPOSE =
  'X-HubSpot-RateLimit-Daily, X-HubSpot-RateLimit-Daily-Remaining, X-HubSpot-RateLimit-Interval-Milliseconds, X-HubSpot-RateLimit-Max, X-HubSpot-RateLimit-Remaining, X-HubSpot-Correlation-Id, Retry-After';

/** Object type ids and association types HubSpot defines between communications and contacts. */
const TYPE_IDS: Record<ObjectType, string> = { contacts: '0-1', communications: '0-18' };
const ASSOCIATION_TYPES: Record<string, number> = {
  'communications>contacts': 81,
  'contacts>communications': 82,
};

function objectType(raw: string | undefined): ObjectType {
  const name = (raw ?? '').toLowerCase();
  if (['contacts', 'contact', '0-1'].includes(name)) return 'contacts';
  if (['communications', 'communication', '0-18'].includes(name)) return 'communications';
  throw new CrmError(400, 'VALIDATION_ERROR', `Unable to infer object type from: ${raw ?? ''}`);
}

const AssociationInput = z.object({
  to: z.object({ id: z.union([z.string(), z.number()]) }),
  types: z
    .array(
      z.object({
        associationCategory: z.enum(['HUBSPOT_DEFINED', 'USER_DEFINED', 'INTEGRATOR_DEFINED']),
        associationTypeId: z.number().int(),
      }),
    )
    .min(1),
});
const CreateBody = z.object({
  properties: z.record(z.string(), z.unknown()),
  associations: z.array(AssociationInput).optional(),
});
const UpdateBody = z.object({ properties: z.record(z.string(), z.unknown()) });
const BatchReadBody = z.object({
  inputs: z.array(z.object({ id: z.union([z.string(), z.number()]) })).max(100),
  properties: z.array(z.string()).optional(),
});
const AssociationSpec = z
  .array(
    z.object({
      associationCategory: z.enum(['HUBSPOT_DEFINED', 'USER_DEFINED', 'INTEGRATOR_DEFINED']),
      associationTypeId: z.number().int(),
    }),
  )
  .min(1);

function parse<S extends z.ZodType>(schema: S, body: unknown): z.infer<S> {
  const result = schema.safeParse(body);
  if (result.success) return result.data;
  const issue = result.error.issues[0];
  throw new CrmError(
    400,
    'VALIDATION_ERROR',
    `Invalid input JSON on line 1: ${issue?.path.join('.') ?? ''} ${issue?.message ?? ''}`.trim(),
  );
}

export interface HubSpotOptions {
  clock: Clock;
  dataDir?: string;
  reset?: boolean;
  /** How long a write takes to reach CRM search, on the emulator clock (search-index.ts); default 3 s. */
  searchLagMs?: number;
  baseUrl(): string;
}

export class HubSpotEmulator {
  private state: HubSpotState;
  private readonly persister: JsonPersister<HubSpotState>;
  private readonly router = new CrmRouter();
  /** Request times per token (10-second window) and search times per portal (1-second window); memory only. */
  private readonly burst = new Map<string, number[]>();
  private searches: number[] = [];
  private readonly index: SearchIndex;

  constructor(private readonly options: HubSpotOptions) {
    this.index = new SearchIndex(() => options.clock.now(), options.searchLagMs ?? DEFAULT_SEARCH_LAG_MS);
    const loaded = options.reset
      ? undefined
      : JsonPersister.load(options.dataDir, 'hubspot.json', HubSpotState);
    this.state = loaded ?? seedHubSpot(options.clock.now());
    this.persister = new JsonPersister(
      options.dataDir && path.join(options.dataDir, 'hubspot.json'),
      () => this.state,
    );
    if (!loaded) this.persister.markDirty();
    this.addRoutes();
  }

  baseUrl(): string {
    return `${this.options.baseUrl()}${HUBSPOT_PREFIX}`;
  }

  flush(): void {
    this.persister.flush();
  }

  reset(): void {
    const apps = this.state.privateApps;
    this.state = seedHubSpot(this.options.clock.now());
    this.state.privateApps = apps;
    this.burst.clear();
    this.searches = [];
    this.index.clear();
    this.persister.markDirty();
  }

  /** Sets how long writes take to reach search (the control API's `crm/hubspot/search-lag`). */
  setSearchLag(ms: number): void {
    this.index.lagMs = ms;
  }

  credentials() {
    return {
      baseUrl: this.baseUrl(),
      portalId: this.state.portalId,
      privateAppToken: this.state.privateApps[0]?.token ?? '',
      scopes: this.state.privateApps[0]?.scopes ?? [],
      limits: { burstPer10s: BURST_LIMIT, daily: DAILY_LIMIT, searchPerSecond: SEARCH_PER_SECOND },
      searchLagMs: this.index.lagMs,
    };
  }

  contacts(): HsObject[] {
    return Object.values(this.state.objects.contacts);
  }
  communications(): HsObject[] {
    return Object.values(this.state.objects.communications);
  }
  associationsOf(type: ObjectType, id: string) {
    return this.state.associations.filter((a) => a.fromType === type && a.fromId === id);
  }

  async handle(req: IncomingMessage, res: ServerResponse, url: URL): Promise<void> {
    const correlationId = randomUUID();
    let headers: Record<string, string> = { 'X-HubSpot-Correlation-Id': correlationId };
    try {
      if (applyCrmCors(req, res, EXPOSE)) return;
      const rest = url.pathname.slice(HUBSPOT_PREFIX.length) || '/';
      const found = this.router.match(req.method ?? 'GET', rest);
      if (!('route' in found)) {
        req.resume();
        throw new CrmError(
          found.methodMismatch ? 405 : 404,
          found.methodMismatch ? 'METHOD_NOT_ALLOWED' : 'OBJECT_NOT_FOUND',
          found.methodMismatch ? `Method ${req.method ?? ''} is not allowed here.` : `No route for ${rest}.`,
        );
      }
      const token = this.authenticate(req.headers.authorization);
      const isSearch = rest.endsWith('/search');
      headers = { ...headers, ...this.throttle(token, isSearch) };
      const reply = await found.route({
        req,
        url,
        params: found.params,
        ip: req.socket.remoteAddress ?? '',
        path: rest,
      });
      writeReply(res, reply, headers);
    } catch (error) {
      if (!(error instanceof CrmError))
        console.error('hubspot emulator: unhandled error for', req.method, req.url, error);
      let known = error instanceof CrmError ? error : new CrmError(500, 'INTERNAL_ERROR', 'internal error');
      if (known.code === 'JSON_PARSER_ERROR')
        known = new CrmError(400, 'VALIDATION_ERROR', `Invalid input JSON: ${known.message}`);
      const body = {
        status: 'error',
        message: known.message,
        correlationId,
        ...(known.code === 'RATE_LIMIT' ? { errorType: 'RATE_LIMIT' } : { category: known.code }),
        ...known.extra,
      };
      writeReply(res, { status: known.status, json: body }, { ...headers, ...known.headers });
    }
  }

  private authenticate(header: string | undefined): string {
    const value = /^Bearer\s+(.+)$/i.exec(header ?? '')?.[1]?.trim();
    if (!value) {
      throw new CrmError(
        401,
        'INVALID_AUTHENTICATION',
        'Authentication credentials not found. This API supports OAuth 2.0 authentication and you can find more details at https://developers.hubspot.com/docs/methods/auth/oauth-overview',
      );
    }
    if (!this.state.privateApps.some((app) => app.token === value)) {
      throw new CrmError(
        401,
        'INVALID_AUTHENTICATION',
        'The OAuth token used to make this call expired or is not valid.',
        { subCategory: 'INVALID_TOKEN' },
      );
    }
    return value;
  }

  /** The rate limits (docs/emulator.md, "HubSpot rate limits"): search answers carry no rate-limit headers. */
  private throttle(token: string, isSearch: boolean): Record<string, string> {
    const now = this.options.clock.now();
    const day = new Date(now).toISOString().slice(0, 10);
    if (this.state.daily.day !== day) this.state.daily = { day, used: 0 };
    if (this.state.daily.used >= DAILY_LIMIT) {
      throw new CrmError(429, 'RATE_LIMIT', 'You have reached your daily limit.', {
        policyName: 'DAILY',
        groupName: 'private-app',
      });
    }
    const times = (this.burst.get(token) ?? []).filter((t) => now - t < BURST_WINDOW_MS);
    this.burst.set(token, times);
    const headers = (remaining: number) => ({
      'X-HubSpot-RateLimit-Daily': String(DAILY_LIMIT),
      'X-HubSpot-RateLimit-Daily-Remaining': String(Math.max(0, DAILY_LIMIT - this.state.daily.used)),
      'X-HubSpot-RateLimit-Interval-Milliseconds': String(BURST_WINDOW_MS),
      'X-HubSpot-RateLimit-Max': String(BURST_LIMIT),
      'X-HubSpot-RateLimit-Remaining': String(Math.max(0, remaining)),
    });
    if (times.length >= BURST_LIMIT) {
      throw new CrmError(
        429,
        'RATE_LIMIT',
        'You have reached your ten_secondly_rolling limit.',
        { policyName: 'TEN_SECONDLY_ROLLING', groupName: `privateapp:${this.state.portalId}` },
        headers(0),
      );
    }
    if (isSearch) {
      this.searches = this.searches.filter((t) => now - t < 1000);
      if (this.searches.length >= SEARCH_PER_SECOND) {
        throw new CrmError(429, 'RATE_LIMIT', 'You have reached your secondly limit.', {
          policyName: 'SECONDLY',
          groupName: 'search',
        });
      }
      this.searches.push(now);
    }
    times.push(now);
    this.state.daily.used += 1;
    this.persister.markDirty();
    return isSearch ? {} : headers(BURST_LIMIT - times.length);
  }

  private find(type: ObjectType, id: string | undefined): HsObject {
    const object = this.state.objects[type][id ?? ''];
    if (!object || object.archived) {
      throw new CrmError(404, 'OBJECT_NOT_FOUND', 'Object not found.  objectId are usually numeric.', {
        context: { id: [id ?? ''] },
      });
    }
    return object;
  }

  private view(type: ObjectType, object: HsObject, requested?: string[]) {
    const names = new Set([...DEFAULT_PROPERTIES[type], ...(requested ?? [])]);
    const properties: Record<string, string | null> = {};
    for (const name of names)
      if (name in object.properties || requested?.includes(name))
        properties[name] = object.properties[name] ?? null;
    return {
      id: object.id,
      properties,
      createdAt: object.createdAt,
      updatedAt: object.updatedAt,
      archived: object.archived,
    };
  }

  private associate(
    fromType: ObjectType,
    fromId: string,
    toType: ObjectType,
    toId: string,
    typeId: number,
    category: string,
  ): void {
    this.find(fromType, fromId);
    this.find(toType, toId);
    const expected = ASSOCIATION_TYPES[`${fromType}>${toType}`];
    if (category === 'HUBSPOT_DEFINED' && typeId !== expected) {
      throw new CrmError(
        400,
        'VALIDATION_ERROR',
        `${typeId} is not a valid association type between ${fromType} and ${toType}.`,
      );
    }
    const pairs: [ObjectType, string, ObjectType, string, number][] = [
      [fromType, fromId, toType, toId, typeId],
      [toType, toId, fromType, fromId, ASSOCIATION_TYPES[`${toType}>${fromType}`] ?? typeId],
    ];
    for (const [ft, fi, tt, ti, tid] of pairs) {
      if (
        !this.state.associations.some(
          (a) => a.fromType === ft && a.fromId === fi && a.toType === tt && a.toId === ti && a.typeId === tid,
        )
      ) {
        this.state.associations.push({
          fromType: ft,
          fromId: fi,
          toType: tt,
          toId: ti,
          typeId: tid,
          category,
        });
      }
    }
  }

  private addRoutes(): void {
    const r = this.router;
    const now = () => new Date(this.options.clock.now()).toISOString();
    const stampProps = (type: ObjectType) =>
      type === 'contacts' ? ['createdate', 'lastmodifieddate'] : ['hs_createdate', 'hs_lastmodifieddate'];

    r.add('GET', '/account-info/v3/details', () => ({
      status: 200,
      json: {
        portalId: this.state.portalId,
        accountType: 'STANDARD',
        timeZone: 'US/Eastern',
        companyCurrency: 'USD',
        additionalCurrencies: [],
        utcOffset: '-05:00',
        utcOffsetMilliseconds: -18_000_000,
        uiDomain: 'app.hubspot.com',
        dataHostingLocation: 'na1',
      },
    }));

    r.add('POST', '/crm/v3/objects/:type/search', async ({ req, params }) => {
      const type = objectType(params.type);
      const body = parse(SearchBody, (await readJsonBody(req)) ?? {});
      checkSearchLimits(body);
      const { total, page, after } = search(
        this.index.view(type, Object.values(this.state.objects[type])),
        body,
      );
      return {
        status: 200,
        json: {
          total,
          results: page.map((o) => this.view(type, o, body.properties)),
          ...(after ? { paging: { next: { after } } } : {}),
        },
      };
    });

    r.add('POST', '/crm/v3/objects/:type/batch/read', async ({ req, params, url }) => {
      const type = objectType(params.type);
      if (url.searchParams.get('archived') === 'true')
        throw new CrmError(400, 'VALIDATION_ERROR', 'archived reads are not supported here');
      const body = parse(BatchReadBody, await readJsonBody(req));
      const startedAt = now();
      const results = [];
      const missing: string[] = [];
      for (const { id } of body.inputs) {
        const object = this.state.objects[type][String(id)];
        if (object && !object.archived) results.push(this.view(type, object, body.properties));
        else missing.push(String(id));
      }
      const errors = missing.length
        ? [
            {
              status: 'error',
              category: 'OBJECT_NOT_FOUND',
              message: 'Could not get some objects, they may be deleted or not exist.',
              context: { ids: missing },
            },
          ]
        : [];
      return {
        status: missing.length ? 207 : 200,
        json: {
          status: 'COMPLETE',
          results,
          ...(errors.length ? { numErrors: errors.length, errors } : {}),
          startedAt,
          completedAt: now(),
        },
      };
    });

    r.add('POST', '/crm/v3/objects/:type', async ({ req, params }): Promise<CrmReply> => {
      const type = objectType(params.type);
      const body = parse(CreateBody, await readJsonBody(req));
      const properties = checkProperties(type, body.properties);
      for (const a of body.associations ?? []) {
        const target = String(a.to.id);
        const toType: ObjectType = type === 'communications' ? 'contacts' : 'communications';
        this.find(toType, target);
        for (const t of a.types) {
          if (
            t.associationCategory === 'HUBSPOT_DEFINED' &&
            ASSOCIATION_TYPES[`${type}>${toType}`] !== t.associationTypeId
          ) {
            throw new CrmError(
              400,
              'VALIDATION_ERROR',
              `${t.associationTypeId} is not a valid association type for ${type}.`,
            );
          }
        }
      }
      if (type === 'communications' && !properties.hs_timestamp) properties.hs_timestamp = now();
      this.state.counter += 1;
      const id = String(this.state.counter);
      const stamp = now();
      const [created, modified] = stampProps(type);
      const object: HsObject = {
        id,
        properties: {
          ...properties,
          hs_object_id: id,
          [created as string]: stamp,
          [modified as string]: stamp,
        },
        createdAt: stamp,
        updatedAt: stamp,
        archived: false,
      };
      this.state.objects[type][id] = object;
      this.index.wrote(type, object, undefined);
      for (const a of body.associations ?? []) {
        const toType: ObjectType = type === 'communications' ? 'contacts' : 'communications';
        for (const t of a.types)
          this.associate(type, id, toType, String(a.to.id), t.associationTypeId, t.associationCategory);
      }
      this.persister.markDirty();
      return { status: 201, json: this.view(type, object, Object.keys(properties)) };
    });

    r.add('GET', '/crm/v3/objects/:type/:id', ({ params, url }: CrmRequest) => {
      const type = objectType(params.type);
      const requested = url.searchParams
        .getAll('properties')
        .flatMap((p) => p.split(','))
        .filter(Boolean);
      return { status: 200, json: this.view(type, this.find(type, params.id), requested) };
    });

    r.add('PATCH', '/crm/v3/objects/:type/:id', async ({ req, params }) => {
      const type = objectType(params.type);
      const object = this.find(type, params.id);
      const body = parse(UpdateBody, await readJsonBody(req));
      const properties = checkProperties(type, body.properties);
      const stamp = now();
      const before = { ...object, properties: { ...object.properties } };
      object.properties = { ...object.properties, ...properties, [stampProps(type)[1] as string]: stamp };
      object.updatedAt = stamp;
      this.index.wrote(type, object, before);
      this.persister.markDirty();
      return { status: 200, json: this.view(type, object, Object.keys(properties)) };
    });

    r.add('PUT', '/crm/v4/objects/:from/:fromId/associations/default/:to/:toId', ({ params }) => {
      const [fromType, toType] = [objectType(params.from), objectType(params.to)];
      const typeId = ASSOCIATION_TYPES[`${fromType}>${toType}`];
      if (typeId === undefined)
        throw new CrmError(400, 'VALIDATION_ERROR', `No default association from ${fromType} to ${toType}.`);
      const startedAt = now();
      this.associate(fromType, params.fromId ?? '', toType, params.toId ?? '', typeId, 'HUBSPOT_DEFINED');
      this.persister.markDirty();
      return {
        status: 200,
        json: {
          status: 'COMPLETE',
          results: [
            {
              from: { id: params.fromId },
              to: { id: params.toId },
              associationSpec: { associationCategory: 'HUBSPOT_DEFINED', associationTypeId: typeId },
            },
          ],
          startedAt,
          completedAt: now(),
        },
      };
    });

    r.add('PUT', '/crm/v4/objects/:from/:fromId/associations/:to/:toId', async ({ req, params }) => {
      const [fromType, toType] = [objectType(params.from), objectType(params.to)];
      const specs = parse(AssociationSpec, await readJsonBody(req));
      for (const spec of specs)
        this.associate(
          fromType,
          params.fromId ?? '',
          toType,
          params.toId ?? '',
          spec.associationTypeId,
          spec.associationCategory,
        );
      this.persister.markDirty();
      return {
        status: 201,
        json: {
          fromObjectTypeId: TYPE_IDS[fromType],
          fromObjectId: Number(params.fromId),
          toObjectTypeId: TYPE_IDS[toType],
          toObjectId: Number(params.toId),
          labels: [],
        },
      };
    });

    r.add('GET', '/crm/v4/objects/:from/:fromId/associations/:to', ({ params, url }) => {
      const [fromType, toType] = [objectType(params.from), objectType(params.to)];
      this.find(fromType, params.fromId);
      const byTarget = new Map<string, { category: string; typeId: number; label: null }[]>();
      for (const a of this.state.associations) {
        if (a.fromType !== fromType || a.fromId !== params.fromId || a.toType !== toType) continue;
        byTarget.set(a.toId, [
          ...(byTarget.get(a.toId) ?? []),
          { category: a.category, typeId: a.typeId, label: null },
        ]);
      }
      const all = [...byTarget].map(([toId, associationTypes]) => ({
        toObjectId: Number(toId),
        associationTypes,
      }));
      const limit = Math.min(Number(url.searchParams.get('limit') ?? 500) || 500, 500);
      const start = Number(url.searchParams.get('after') ?? 0) || 0;
      const results = all.slice(start, start + limit);
      return {
        status: 200,
        json: {
          results,
          ...(start + limit < all.length
            ? { paging: { next: { after: String(start + limit), link: null } } }
            : {}),
        },
      };
    });
  }
}
