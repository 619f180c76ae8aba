// sObject rows: create, read, update with Salesforce's field checks and error codes (docs/emulator.md,
// "Salesforce sObject rows"). Errors are thrown as CrmError and shaped as `[{message, errorCode, fields}]`.
import { CrmError } from '../crm-kit/http.ts';
import { makeId, normalizeId } from './ids.ts';
import { fieldName, objectById, type FieldDef, type SObjectDef } from './schema.ts';
import type { SalesforceState } from './state.ts';

type Row = Record<string, unknown>;

const fieldError = (status: number, code: string, message: string, fields: string[] = []) =>
  new CrmError(status, code, message, { fields });

export const sfTimestamp = (ms: number) => new Date(ms).toISOString().replace('Z', '+0000');

function checkValue(
  def: SObjectDef,
  name: string,
  field: FieldDef,
  value: unknown,
  state: SalesforceState,
): unknown {
  if (value === null) return null;
  switch (field.type) {
    case 'boolean':
      if (typeof value !== 'boolean')
        throw fieldError(
          400,
          'JSON_PARSER_ERROR',
          `Cannot deserialize instance of boolean from ${typeof value} value for field ${name}`,
        );
      return value;
    case 'date':
      if (
        typeof value !== 'string' ||
        !/^\d{4}-\d{2}-\d{2}$/.test(value) ||
        Number.isNaN(Date.parse(value))
      ) {
        throw fieldError(
          400,
          'JSON_PARSER_ERROR',
          `Cannot deserialize instance of date from VALUE_STRING value ${String(value)} or request may be missing a required field`,
        );
      }
      return value;
    case 'reference': {
      if (typeof value !== 'string')
        throw fieldError(
          400,
          'JSON_PARSER_ERROR',
          `Cannot deserialize instance of reference for field ${name}`,
        );
      const id = normalizeId(value);
      if (!id)
        throw fieldError(400, 'MALFORMED_ID', `${def.name} ID: id value of incorrect type: ${value}`, [name]);
      const target = field.refersTo ?? [];
      const known = target.includes('User')
        ? state.users.some((u) => u.id === id)
        : Boolean(state.records[id]);
      const typeOk = target.includes('User')
        ? id.startsWith('005')
        : target.some((t) => objectById(id)?.name === t);
      if (!typeOk || !known)
        throw fieldError(400, 'FIELD_INTEGRITY_EXCEPTION', `${name}: id value of incorrect type: ${value}`, [
          name,
        ]);
      return id;
    }
    default: {
      if (typeof value !== 'string' && typeof value !== 'number') {
        throw fieldError(
          400,
          'JSON_PARSER_ERROR',
          `Cannot deserialize instance of string from ${Array.isArray(value) ? 'START_ARRAY' : 'START_OBJECT'} value for field ${name}`,
        );
      }
      const text = String(value);
      if (field.length && text.length > field.length) {
        throw fieldError(
          400,
          'STRING_TOO_LONG',
          `${name}: data value too large: ${text.slice(0, 40)}… (max length=${field.length})`,
          [name],
        );
      }
      if (field.type === 'picklist' && field.restricted && !field.picklist?.includes(text)) {
        throw fieldError(
          400,
          'INVALID_OR_NULL_FOR_RESTRICTED_PICKLIST',
          `${name}: bad value for restricted picklist field: ${text}`,
          [name],
        );
      }
      return text;
    }
  }
}

function applyFields(def: SObjectDef, body: unknown, mode: 'create' | 'update', state: SalesforceState): Row {
  if (typeof body !== 'object' || body === null || Array.isArray(body)) {
    throw fieldError(400, 'JSON_PARSER_ERROR', 'The request body must be a JSON object of field values.');
  }
  const out: Row = {};
  const locked: string[] = [];
  for (const [key, value] of Object.entries(body as Row)) {
    if (key === 'attributes') continue;
    const name = fieldName(def, key);
    const field = name ? def.fields[name] : undefined;
    if (!name || !field)
      throw fieldError(400, 'INVALID_FIELD', `No such column '${key}' on sobject of type ${def.name}`);
    if (mode === 'create' ? !field.createable : !field.updateable) {
      locked.push(name);
      continue;
    }
    out[name] = checkValue(def, name, field, value, state);
  }
  if (locked.length) {
    throw fieldError(
      400,
      'INVALID_FIELD_FOR_INSERT_UPDATE',
      `Unable to create/update fields: ${locked.join(', ')}. Please check the security settings of this field and verify that it is read/write for your profile or permission set.`,
      locked,
    );
  }
  return out;
}

function derive(def: SObjectDef, row: Row): void {
  if ('Name' in def.fields && 'LastName' in def.fields) {
    row.Name = [row.FirstName, row.LastName].filter((v) => typeof v === 'string' && v).join(' ');
  }
  if (def.name === 'Task') row.IsClosed = row.Status === 'Completed';
  if (def.name === 'Lead') row.IsConverted = row.IsConverted ?? false;
}

/** REQUIRED_FIELD_MISSING, naming each, when the row as it would be saved lacks a required field. */
function checkRequired(def: SObjectDef, row: Row): void {
  const missing = Object.entries(def.fields)
    .filter(([name, f]) => f.required && (row[name] === undefined || row[name] === null || row[name] === ''))
    .map(([name]) => name);
  if (missing.length)
    throw fieldError(
      400,
      'REQUIRED_FIELD_MISSING',
      `Required fields are missing: [${missing.join(', ')}]`,
      missing,
    );
}

export function createRecord(
  state: SalesforceState,
  def: SObjectDef,
  body: unknown,
  userId: string,
  now: number,
): string {
  const fields = applyFields(def, body, 'create', state);
  const row: Row = {};
  for (const [name, f] of Object.entries(def.fields))
    if (f.defaultValue !== undefined) row[name] = f.defaultValue;
  Object.assign(row, fields);
  checkRequired(def, row);
  state.counter += 1;
  const Id = makeId(def.keyPrefix, state.counter);
  const stamp = sfTimestamp(now);
  Object.assign(row, {
    Id,
    OwnerId: row.OwnerId ?? userId,
    CreatedById: userId,
    LastModifiedById: userId,
    CreatedDate: stamp,
    LastModifiedDate: stamp,
    SystemModstamp: stamp,
    IsDeleted: false,
  });
  derive(def, row);
  state.records[Id] = row;
  return Id;
}

export function findRecord(state: SalesforceState, def: SObjectDef, rawId: string): Row {
  const id = normalizeId(rawId);
  const row = id ? state.records[id] : undefined;
  if (!id)
    throw fieldError(
      400,
      'MALFORMED_ID',
      `Provided external ID field does not exist or is not accessible: ${rawId}`,
    );
  if (!row || row.IsDeleted === true || !id.startsWith(def.keyPrefix)) {
    throw fieldError(404, 'NOT_FOUND', 'The requested resource does not exist');
  }
  return row;
}

export function updateRecord(
  state: SalesforceState,
  def: SObjectDef,
  rawId: string,
  body: unknown,
  userId: string,
  now: number,
): void {
  const row = findRecord(state, def, rawId);
  const fields = applyFields(def, body, 'update', state);
  const next = { ...row, ...fields };
  checkRequired(def, next);
  const stamp = sfTimestamp(now);
  Object.assign(next, { LastModifiedById: userId, LastModifiedDate: stamp, SystemModstamp: stamp });
  derive(def, next);
  state.records[row.Id as string] = next;
}

export function view(def: SObjectDef, row: Row, version: string, fields?: string[]): Row {
  const out: Row = {
    attributes: { type: def.name, url: `/services/data/${version}/sobjects/${def.name}/${String(row.Id)}` },
  };
  for (const name of fields ?? Object.keys(def.fields)) out[name] = row[name] ?? null;
  return out;
}
