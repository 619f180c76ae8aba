// Validates requests and responses against RingCentral's OpenAPI subset, finding the operation by operationId or
// by method + path template.
import { readFileSync } from 'node:fs';
import { Ajv, type ErrorObject, type ValidateFunction } from 'ajv';
import addFormatsModule from 'ajv-formats';
import { parse } from 'yaml';
import { toJsonSchemaDialect } from './schema-transform.ts';
import { specPath } from './spec-location.ts';

const addFormats = addFormatsModule as unknown as (ajv: Ajv) => Ajv;

const SPEC_ID = 'rc-openapi';
const METHODS = ['get', 'put', 'post', 'delete', 'patch'] as const;

type Json = Record<string, unknown>;

export interface Operation {
  operationId: string;
  method: string;
  template: string;
  /** JSON pointer of the operation object inside the spec. */
  pointer: string;
  definition: Json;
  pathItem: Json;
}

export interface Validation {
  ok: boolean;
  operationId?: string;
  errors: string[];
  /** The status is not declared for the operation (RingCentral omits 429 on most operations). */
  undeclared?: boolean;
}

export type OperationRef = string | { method: string; path: string };

export interface RequestParts {
  query?: URLSearchParams;
  body?: unknown;
  contentType?: string;
}

function escapePointer(segment: string): string {
  return segment.replace(/~/g, '~0').replace(/\//g, '~1');
}

function templateRegex(template: string): RegExp {
  const pattern = template
    .split('/')
    .map((segment) => (/^\{[^}]+\}$/.test(segment) ? '[^/]+' : segment.replace(/[.*+?^$()|[\]\\]/g, '\\$&')))
    .join('/');
  return new RegExp(`^${pattern}/?$`);
}

function describeErrors(errors: ErrorObject[] | null | undefined, where: string): string[] {
  return (errors ?? []).map((e) => {
    const detail = e.params && Object.keys(e.params).length ? ` ${JSON.stringify(e.params)}` : '';
    return `${where}${e.instancePath || ''} ${e.message ?? 'invalid'}${detail}`;
  });
}

/** The media type key that matches a Content-Type header (ignoring parameters such as charset/boundary). */
function pickMediaType(content: Json, contentType: string | undefined): string | undefined {
  const keys = Object.keys(content);
  const wanted = contentType?.split(';')[0]?.trim().toLowerCase();
  if (!wanted) return keys.find((key) => key === 'application/json') ?? keys[0];
  const wildcard = `${wanted.split('/')[0]}/*`;
  return (
    keys.find((key) => key.toLowerCase() === wanted) ?? keys.find((key) => key.toLowerCase() === wildcard)
  );
}

export class OpenApiValidator {
  readonly operations: Operation[] = [];
  private readonly strictAjv: Ajv;
  private readonly coercingAjv: Ajv;
  private readonly cache = new Map<string, ValidateFunction>();

  constructor(private readonly spec: Json) {
    this.strictAjv = addFormats(new Ajv({ strict: false, allErrors: true }));
    // Query strings and form bodies carry text; coerce it the way a server reads it.
    this.coercingAjv = addFormats(new Ajv({ strict: false, allErrors: true, coerceTypes: 'array' }));
    this.strictAjv.addSchema(spec, SPEC_ID);
    this.coercingAjv.addSchema(spec, SPEC_ID);
    const paths = (spec.paths ?? {}) as Record<string, Json>;
    for (const [template, pathItem] of Object.entries(paths)) {
      for (const method of METHODS) {
        const definition = pathItem[method] as Json | undefined;
        if (!definition) continue;
        this.operations.push({
          operationId: String(definition.operationId),
          method: method.toUpperCase(),
          template,
          pointer: `#/paths/${escapePointer(template)}/${method}`,
          definition,
          pathItem,
        });
      }
    }
  }

  /** Literal segments win over templates (`/message-threads/sync` over `/message-threads/{threadId}`). */
  findOperation(ref: OperationRef): Operation | undefined {
    if (typeof ref === 'string') return this.operations.find((op) => op.operationId === ref);
    const method = ref.method.toUpperCase();
    const path = ref.path.split('?')[0] ?? '';
    const candidates = this.operations.filter(
      (op) => op.method === method && templateRegex(op.template).test(path),
    );
    const params = (op: Operation) => (op.template.match(/\{/g) ?? []).length;
    return candidates.sort((a, b) => params(a) - params(b))[0];
  }

  validateResponse(ref: OperationRef, status: number, body: unknown, contentType?: string): Validation {
    const op = this.findOperation(ref);
    if (!op) return { ok: false, errors: [`no operation for ${JSON.stringify(ref)}`] };
    const responses = (op.definition.responses ?? {}) as Json;
    const key = String(status) in responses ? String(status) : 'default' in responses ? 'default' : undefined;
    if (!key) {
      return {
        ok: false,
        undeclared: true,
        operationId: op.operationId,
        errors: [`${op.operationId}: status ${status} is not declared`],
      };
    }
    const pointer = this.refPointer(responses[key], `${op.pointer}/responses/${key}`);
    const response = this.deref(responses[key] as Json);
    const content = response.content as Json | undefined;
    if (!content) {
      const empty = body === undefined || body === null || body === '';
      return {
        ok: empty,
        operationId: op.operationId,
        errors: empty ? [] : [`${op.operationId} ${status}: spec declares no body but one was sent`],
      };
    }
    const mediaType = pickMediaType(content, contentType);
    if (!mediaType) {
      return {
        ok: false,
        operationId: op.operationId,
        errors: [`${op.operationId} ${status}: content type ${contentType} is not declared`],
      };
    }
    const media = content[mediaType] as Json;
    if (!media.schema || /octet-stream|^(audio|image|video)\/|pdf/.test(mediaType)) {
      return { ok: true, operationId: op.operationId, errors: [] };
    }
    const schemaPointer = `${pointer}/content/${escapePointer(mediaType)}/schema`;
    return this.run(this.strictAjv, schemaPointer, body, `${op.operationId} ${status} response`, op);
  }

  validateRequest(ref: OperationRef, parts: RequestParts): Validation {
    const op = this.findOperation(ref);
    if (!op) return { ok: false, errors: [`no operation for ${JSON.stringify(ref)}`] };
    const errors = [
      ...this.checkQuery(op, parts.query ?? new URLSearchParams()),
      ...this.checkBody(op, parts),
    ];
    return { ok: errors.length === 0, operationId: op.operationId, errors };
  }

  /** The names of an operation's query parameters, for reports. */
  queryParameterNames(ref: OperationRef): string[] {
    const op = this.findOperation(ref);
    return op
      ? this.parameters(op)
          .filter((p) => p.param.in === 'query')
          .map((p) => String(p.param.name))
      : [];
  }

  /** Validates a value against a named component schema (e.g. a body for an undeclared status). */
  validateComponent(name: string, value: unknown): Validation {
    return this.run(this.strictAjv, `#/components/schemas/${name}`, value, name);
  }

  private checkQuery(op: Operation, query: URLSearchParams): string[] {
    const errors: string[] = [];
    const declared = this.parameters(op).filter((p) => p.param.in === 'query');
    const names = new Set(declared.map((p) => String(p.param.name)));
    for (const name of new Set(query.keys())) {
      if (!names.has(name)) errors.push(`${op.operationId}: query parameter ${name} is not in the spec`);
    }
    for (const { param, pointer } of declared) {
      const name = String(param.name);
      const values = query.getAll(name);
      if (values.length === 0) {
        if (param.required) errors.push(`${op.operationId}: required query parameter ${name} missing`);
        continue;
      }
      const schema = this.deref(param.schema as Json);
      const value = schema.type === 'array' ? values : values.length === 1 ? values[0] : values;
      const checked = this.run(
        this.coercingAjv,
        `${pointer}/schema`,
        value,
        `${op.operationId} query ${name}`,
        op,
      );
      errors.push(...checked.errors);
    }
    return errors;
  }

  private checkBody(op: Operation, parts: RequestParts): string[] {
    const requestBody = op.definition.requestBody as Json | undefined;
    const hasBody = parts.body !== undefined && parts.body !== '';
    if (!requestBody) return hasBody ? [`${op.operationId}: spec declares no request body`] : [];
    const resolved = this.deref(requestBody);
    if (!hasBody) return resolved.required ? [`${op.operationId}: required request body missing`] : [];
    const content = (resolved.content ?? {}) as Json;
    const mediaType = pickMediaType(content, parts.contentType);
    if (!mediaType) return [`${op.operationId}: request content type ${parts.contentType} is not declared`];
    const pointer = this.refPointer(requestBody, `${op.pointer}/requestBody`);
    const schemaPointer = `${pointer}/content/${escapePointer(mediaType)}/schema`;
    const form = mediaType === 'application/x-www-form-urlencoded';
    let body = parts.body;
    if (form && typeof body === 'string') body = Object.fromEntries(new URLSearchParams(body));
    const ajv = form ? this.coercingAjv : this.strictAjv;
    return this.run(ajv, schemaPointer, body, `${op.operationId} request body`, op).errors;
  }

  private parameters(op: Operation): Array<{ param: Json; pointer: string }> {
    const collect = (list: unknown, base: string) =>
      ((list ?? []) as Json[]).map((raw, index) => ({
        param: this.deref(raw),
        pointer: this.refPointer(raw, `${base}/parameters/${index}`),
      }));
    const pathBase = op.pointer.slice(0, op.pointer.lastIndexOf('/'));
    const own = collect(op.definition.parameters, op.pointer);
    const inherited = collect(op.pathItem.parameters, pathBase).filter(
      (p) => !own.some((o) => o.param.name === p.param.name && o.param.in === p.param.in),
    );
    return [...inherited, ...own];
  }

  /** Follows a local $ref chain to the object it names. */
  private deref(node: Json): Json {
    let current = node;
    for (let hops = 0; typeof current?.$ref === 'string' && hops < 10; hops += 1) {
      current = this.resolvePointer(String(current.$ref));
    }
    return current ?? {};
  }

  private refPointer(node: unknown, fallback: string): string {
    const ref = (node as Json | undefined)?.$ref;
    return typeof ref === 'string' ? this.refPointer(this.resolvePointer(ref), ref) : fallback;
  }

  private resolvePointer(pointer: string): Json {
    const segments = pointer.replace(/^#\//, '').split('/');
    let node: unknown = this.spec;
    for (const raw of segments) {
      const segment = raw.replace(/~1/g, '/').replace(/~0/g, '~');
      node = (node as Json | undefined)?.[segment];
    }
    return node as Json;
  }

  private run(ajv: Ajv, pointer: string, value: unknown, where: string, op?: Operation): Validation {
    const key = `${ajv === this.coercingAjv ? 'c' : 's'}${pointer}`;
    let validate = this.cache.get(key);
    if (!validate) {
      validate = ajv.compile({ $ref: `${SPEC_ID}${pointer}` });
      this.cache.set(key, validate);
    }
    // Coercion rewrites its input; validate a copy so callers keep what was really sent.
    const subject = ajv === this.coercingAjv ? structuredClone(value) : value;
    const ok = validate(subject) as boolean;
    return { ok, operationId: op?.operationId, errors: ok ? [] : describeErrors(validate.errors, where) };
  }
}

export function loadOpenApi(file = specPath): OpenApiValidator {
  const document = parse(readFileSync(file, 'utf8')) as Json;
  return new OpenApiValidator(toJsonSchemaDialect(document) as Json);
}
