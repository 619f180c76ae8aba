// The Salesforce emulator: a login host (/salesforce/login) and an org's My Domain instance (/salesforce/instance)
// on the emulator's server, so jsforce works unmodified with loginUrl and the instance_url from the token
// answer. REST API: versions, limits, sObject rows (Contact, Lead, Account, Task), SOQL query and SOSL search,
// the daily API request limit with its Sforce-Limit-Info header, and Salesforce's error bodies.
import type { IncomingMessage, ServerResponse } from 'node:http';
import path from 'node:path';
import type { Clock } from '../clock.ts';
import { JsonPersister } from '../persist.ts';
import {
  applyCrmCors,
  CrmError,
  CrmRouter,
  readJsonBody,
  writeReply,
  type CrmReply,
} from '../crm-kit/http.ts';
import { addSalesforceOAuth } from './oauth.ts';
import { createRecord, findRecord, updateRecord, view } from './records.ts';
import { fieldName, objectByName, type SObjectDef } from './schema.ts';
import { parseSoql, runQuery } from './soql.ts';
import { parseSosl, runSearch } from './sosl.ts';
import { SalesforceState, seedSalesforce } from './state.ts';

export const SALESFORCE_PREFIX = '/salesforce';
const DAY_MS = 24 * 3600_000;
const EXPOSE = 'Sforce-Limit-Info';

export interface SalesforceOptions {
  clock: Clock;
  dataDir?: string;
  reset?: boolean;
  baseUrl(): string;
}

function sfError(error: CrmError): { status: number; body: unknown } {
  if (error.extra.oauth === true)
    return { status: error.status, body: { error: error.code, error_description: error.message } };
  const fields = Array.isArray(error.extra.fields) ? error.extra.fields : undefined;
  return {
    status: error.status,
    body: [{ message: error.message, errorCode: error.code, ...(fields ? { fields } : {}) }],
  };
}

const VERSION = /^v\d{2}\.0$/;

export class SalesforceEmulator {
  private state: SalesforceState;
  private readonly persister: JsonPersister<SalesforceState>;
  private readonly oauthRouter = new CrmRouter();
  private readonly apiRouter = new CrmRouter();
  private readonly sessionFor: (header: string | undefined) => SalesforceState['sessions'][number];

  constructor(private readonly options: SalesforceOptions) {
    const loaded = options.reset
      ? undefined
      : JsonPersister.load(options.dataDir, 'salesforce.json', SalesforceState);
    this.state = loaded ?? seedSalesforce(options.clock.now());
    this.persister = new JsonPersister(
      options.dataDir && path.join(options.dataDir, 'salesforce.json'),
      () => this.state,
    );
    if (!loaded) this.markDirty();
    ({ sessionFor: this.sessionFor } = addSalesforceOAuth(this.oauthRouter, {
      state: () => this.state,
      clock: options.clock,
      markDirty: () => this.markDirty(),
      loginUrl: () => this.loginUrl(),
      instanceUrl: () => this.instanceUrl(),
    }));
    this.addApiRoutes();
  }

  loginUrl(): string {
    return `${this.options.baseUrl()}${SALESFORCE_PREFIX}/login`;
  }
  instanceUrl(): string {
    return `${this.options.baseUrl()}${SALESFORCE_PREFIX}/instance`;
  }

  private markDirty(): void {
    this.persister.markDirty();
  }

  flush(): void {
    this.persister.flush();
  }

  reset(): void {
    const clientId = this.state.app.clientId;
    this.state = seedSalesforce(this.options.clock.now());
    this.state.app.clientId = clientId;
    this.markDirty();
  }

  credentials() {
    return {
      loginUrl: this.loginUrl(),
      instanceUrl: this.instanceUrl(),
      clientId: this.state.app.clientId,
      apiVersion: '62.0',
      users: this.state.users.map((u) => ({
        id: u.id,
        name: u.name,
        username: u.username,
        password: u.password,
      })),
      orgId: this.state.orgId,
    };
  }

  /** The seeded people for the demo CRM pages: every Contact and Lead with its phone fields. */
  people() {
    return Object.values(this.state.records)
      .filter((r) => typeof r.Id === 'string' && (r.Id.startsWith('003') || r.Id.startsWith('00Q')))
      .map((r) => ({
        id: String(r.Id),
        type: String(r.Id).startsWith('003') ? 'Contact' : 'Lead',
        name: String(r.Name),
        phone: (r.Phone as string | undefined) ?? null,
        mobile: (r.MobilePhone as string | undefined) ?? null,
      }));
  }

  /** Test control (loopback): set the API requests used in the current 24-hour window. */
  setApiUsage(used: number): void {
    this.state.apiUsage.used = Math.max(0, Math.min(used, this.state.apiUsage.max));
    this.markDirty();
  }

  records(): Record<string, unknown>[] {
    return Object.values(this.state.records);
  }

  /** Answers a request whose path starts with /salesforce/. */
  async handle(req: IncomingMessage, res: ServerResponse, url: URL): Promise<void> {
    let limitHeader: Record<string, string> = {};
    try {
      if (applyCrmCors(req, res, EXPOSE)) return;
      const m = /^\/salesforce\/(login|instance)(\/.*)$/.exec(url.pathname);
      if (!m) throw new CrmError(404, 'NOT_FOUND', 'The requested resource does not exist');
      const [, host, rest = '/'] = m;
      const request = { req, url, params: {}, ip: req.socket.remoteAddress ?? '', path: rest };
      if (rest.startsWith('/services/oauth2/') || rest.startsWith('/id/')) {
        const found = this.oauthRouter.match(req.method ?? 'GET', rest);
        if (!('route' in found))
          throw new CrmError(404, 'NOT_FOUND', 'The requested resource does not exist');
        writeReply(res, await found.route({ ...request, params: found.params }));
        return;
      }
      if (host !== 'instance' || !rest.startsWith('/services/data'))
        throw new CrmError(404, 'NOT_FOUND', 'The requested resource does not exist');
      const found = this.apiRouter.match(req.method ?? 'GET', rest);
      if (!('route' in found)) {
        req.resume();
        throw found.methodMismatch
          ? new CrmError(405, 'METHOD_NOT_ALLOWED', `HTTP Method '${req.method ?? ''}' not allowed.`)
          : new CrmError(404, 'NOT_FOUND', 'The requested resource does not exist');
      }
      const session = this.sessionFor(req.headers.authorization);
      // The Versions resource does not count against the org's limit.
      if (!/^\/services\/data\/?$/.test(rest)) limitHeader = this.countApiRequest();
      const version = found.params.version;
      if (version !== undefined && !VERSION.test(version))
        throw new CrmError(404, 'NOT_FOUND', 'The requested resource does not exist');
      writeReply(
        res,
        await found.route({ ...request, params: { ...found.params, userId: session.userId } }),
        limitHeader,
      );
    } catch (error) {
      if (!(error instanceof CrmError))
        console.error('salesforce emulator: unhandled error for', req.method, req.url, error);
      const known =
        error instanceof CrmError
          ? error
          : new CrmError(
              500,
              'UNKNOWN_EXCEPTION',
              'An unexpected error occurred. Please include this ErrorId if you contact support.',
            );
      const { status, body } = sfError(known);
      writeReply(res, { status, json: body }, { ...limitHeader, ...known.headers });
    }
  }

  /** The rolling 24-hour allocation: refused once used up, counted otherwise (docs/emulator.md, "Salesforce API limits"). */
  private countApiRequest(): Record<string, string> {
    const usage = this.state.apiUsage;
    const now = this.options.clock.now();
    if (now - usage.windowStart >= DAY_MS) Object.assign(usage, { windowStart: now, used: 0 });
    const header = () => ({ 'Sforce-Limit-Info': `api-usage=${usage.used}/${usage.max}` });
    if (usage.used >= usage.max)
      throw new CrmError(403, 'REQUEST_LIMIT_EXCEEDED', 'TotalRequests Limit exceeded.', {}, header());
    usage.used += 1;
    this.markDirty();
    return header();
  }

  private object(name: string | undefined): SObjectDef {
    const def = objectByName(name ?? '');
    if (!def) throw new CrmError(404, 'NOT_FOUND', 'The requested resource does not exist');
    return def;
  }

  private addApiRoutes(): void {
    const r = this.apiRouter;
    const now = () => this.options.clock.now();
    r.add('GET', '/services/data', () => ({
      status: 200,
      json: ['58.0', '59.0', '60.0', '61.0', '62.0'].map((v) => ({
        label: 'Winter',
        url: `/services/data/v${v}`,
        version: v,
      })),
    }));
    r.add('GET', '/services/data/:version/limits', () => ({
      status: 200,
      json: {
        DailyApiRequests: {
          Max: this.state.apiUsage.max,
          Remaining: this.state.apiUsage.max - this.state.apiUsage.used,
        },
      },
    }));
    r.add('GET', '/services/data/:version/query', ({ url, params }) => {
      const q = url.searchParams.get('q');
      if (!q) throw new CrmError(400, 'MALFORMED_QUERY', 'A query string parameter q is required.');
      const query = parseSoql(q);
      const rows = runQuery(query, this.records());
      return {
        status: 200,
        json: {
          totalSize: rows.length,
          done: true,
          records: rows.map((row) => view(query.object, row, params.version ?? '', query.fields)),
        },
      };
    });
    r.add('GET', '/services/data/:version/search', ({ url, params }) => {
      const q = url.searchParams.get('q');
      if (!q) throw new CrmError(400, 'MALFORMED_SEARCH', 'A search string parameter q is required.');
      const found = runSearch(parseSosl(q), this.records());
      return {
        status: 200,
        json: {
          searchRecords: found.map(({ item, record }) =>
            view(item.object, record, params.version ?? '', item.fields),
          ),
        },
      };
    });
    r.add('GET', '/services/data/:version/sobjects/:object/describe', ({ params }) => {
      const def = this.object(params.object);
      return {
        status: 200,
        json: {
          name: def.name,
          keyPrefix: def.keyPrefix,
          createable: true,
          updateable: true,
          fields: Object.entries(def.fields).map(([name, f]) => ({
            name,
            type: f.type,
            length: f.length ?? 0,
            nillable: !f.required,
            createable: f.createable,
            updateable: f.updateable,
            picklistValues: (f.picklist ?? []).map((value) => ({ value, label: value, active: true })),
            restrictedPicklist: f.restricted ?? false,
            referenceTo: f.refersTo ?? [],
          })),
        },
      };
    });
    r.add('POST', '/services/data/:version/sobjects/:object', async ({ req, params }): Promise<CrmReply> => {
      const def = this.object(params.object);
      const body = await this.readBody(req);
      const id = createRecord(this.state, def, body, params.userId ?? '', now());
      this.markDirty();
      return { status: 201, json: { id, success: true, errors: [] } };
    });
    r.add('GET', '/services/data/:version/sobjects/:object/:id', ({ url, params }) => {
      const def = this.object(params.object);
      const row = findRecord(this.state, def, params.id ?? '');
      const fields = url.searchParams
        .get('fields')
        ?.split(',')
        .map((f) => {
          const name = fieldName(def, f.trim());
          if (!name)
            throw new CrmError(400, 'INVALID_FIELD', `No such column '${f.trim()}' on entity '${def.name}'.`);
          return name;
        });
      return { status: 200, json: view(def, row, params.version ?? '', fields) };
    });
    r.add('PATCH', '/services/data/:version/sobjects/:object/:id', async ({ req, params }) => {
      const def = this.object(params.object);
      const body = await this.readBody(req);
      updateRecord(this.state, def, params.id ?? '', body, params.userId ?? '', now());
      this.markDirty();
      return { status: 204 };
    });
  }

  private async readBody(req: IncomingMessage): Promise<unknown> {
    try {
      return await readJsonBody(req);
    } catch (error) {
      if (error instanceof CrmError && error.code === 'JSON_PARSER_ERROR') {
        throw new CrmError(
          400,
          'JSON_PARSER_ERROR',
          'Unexpected character in the request body: it is not valid JSON.',
        );
      }
      throw error;
    }
  }
}
