// The SOSL the emulator answers: FIND {terms} [IN ALL|NAME|EMAIL|PHONE FIELDS] RETURNING Object[(fields [WHERE …]
// [LIMIT n])], … [LIMIT n]. Terms combine with OR and AND (implicit AND between words); phone fields match by
// digits whatever the stored format (docs/emulator.md, "SOSL").
import { CrmError } from '../crm-kit/http.ts';
import { phoneDigitsMatch } from '../crm-kit/phone.ts';
import { Cursor, expression, fieldResolver, matches, tokenize, type Condition } from './soql.ts';
import { objectByName, PHONE_FIELDS, type SObjectDef } from './schema.ts';

const malformedSearch = (message: string) => new CrmError(400, 'MALFORMED_SEARCH', message);

/** Alternatives (OR) of conjunctions (AND) of terms. */
type Terms = string[][];

function parseTerms(source: string): Terms {
  const words: string[] = [];
  const re = /"((?:\\.|[^"\\])*)"|((?:\\.|[^\s"])+)/g;
  for (let m = re.exec(source); m; m = re.exec(source)) {
    words.push((m[1] ?? m[2] ?? '').replace(/\\(.)/g, '$1'));
  }
  const alternatives: Terms = [[]];
  for (const word of words) {
    if (word === 'OR') alternatives.push([]);
    else if (word !== 'AND') alternatives[alternatives.length - 1]?.push(word);
  }
  const cleaned = alternatives.filter((a) => a.length > 0);
  if (cleaned.length === 0 || cleaned.some((a) => a.some((t) => t.replace(/[*?]/g, '').length < 2))) {
    throw malformedSearch('search term must be longer than one character');
  }
  return cleaned;
}

type Scope = 'ALL' | 'NAME' | 'EMAIL' | 'PHONE';

export interface Returning {
  object: SObjectDef;
  fields: string[];
  where?: Condition;
  limit?: number;
}

export interface Search {
  terms: Terms;
  scope: Scope;
  returning: Returning[];
  limit?: number;
}

/** Splits `FIND {…}` off first: the braces hold free text that SOQL's tokenizer must not see. */
export function parseSosl(source: string): Search {
  const m = /^\s*FIND\s*\{((?:\\.|[^\\}])*)\}(.*)$/is.exec(source);
  if (!m) throw malformedSearch('expecting a search string in braces: FIND {…}');
  const terms = parseTerms(m[1] ?? '');
  const cur = new Cursor(tokenize(m[2] ?? ''));
  let scope: Scope = 'ALL';
  if (cur.isWord('IN')) {
    cur.next();
    const s = cur.next().text.toUpperCase();
    if (!['ALL', 'NAME', 'EMAIL', 'PHONE'].includes(s)) throw malformedSearch(`unexpected token: '${s}'`);
    scope = s as Scope;
    cur.expectWord('FIELDS');
  }
  const returning: Returning[] = [];
  if (cur.isWord('RETURNING')) {
    cur.next();
    for (;;) {
      const name = cur.next().text;
      const object = objectByName(name);
      if (!object) throw new CrmError(400, 'INVALID_TYPE', `sObject type '${name}' is not supported.`);
      const resolve = fieldResolver(object);
      const item: Returning = { object, fields: ['Id'] };
      if (cur.peek()?.text === '(') {
        cur.next();
        item.fields = [];
        for (;;) {
          item.fields.push(resolve(cur.next().text));
          if (cur.peek()?.text !== ',') break;
          cur.next();
        }
        if (cur.isWord('WHERE')) {
          cur.next();
          item.where = expression(cur, resolve);
        }
        if (cur.isWord('LIMIT')) {
          cur.next();
          item.limit = Number(cur.next().text);
        }
        cur.expectPunct(')');
      }
      returning.push(item);
      if (cur.peek()?.text !== ',') break;
      cur.next();
    }
  }
  const search: Search = { terms, scope, returning };
  if (cur.isWord('LIMIT')) {
    cur.next();
    search.limit = Number(cur.next().text);
  }
  if (!cur.done()) throw malformedSearch(`unexpected token: '${cur.peek()?.text ?? ''}'`);
  return search;
}

function textFields(def: SObjectDef, scope: Scope): string[] {
  if (scope === 'PHONE') return PHONE_FIELDS(def);
  if (scope === 'EMAIL') return Object.keys(def.fields).filter((f) => def.fields[f]?.type === 'email');
  if (scope === 'NAME') return ['Name', 'FirstName', 'LastName'].filter((f) => f in def.fields);
  return Object.keys(def.fields).filter((f) =>
    ['string', 'phone', 'email', 'textarea'].includes(def.fields[f]?.type ?? ''),
  );
}

function termMatches(term: string, value: string, phone: boolean): boolean {
  if (phone && /\d/.test(term)) return phoneDigitsMatch(value, term);
  const pattern = term
    .toLowerCase()
    .replace(/[.+^${}()|[\]\\]/g, '\\$&')
    .replace(/\*/g, '.*')
    .replace(/\?/g, '.');
  return new RegExp(`(^|\\W)${pattern}`, 'i').test(value);
}

export function recordMatches(search: Search, def: SObjectDef, record: Record<string, unknown>): boolean {
  const fields = textFields(def, search.scope);
  const values = fields
    .map((f) => ({ value: record[f], phone: def.fields[f]?.type === 'phone' }))
    .filter((v): v is { value: string; phone: boolean } => typeof v.value === 'string' && v.value !== '');
  return search.terms.some((all) =>
    all.every((term) => values.some((v) => termMatches(term, v.value, v.phone))),
  );
}

export function runSearch(
  search: Search,
  records: Record<string, unknown>[],
): { item: Returning; record: Record<string, unknown> }[] {
  const out: { item: Returning; record: Record<string, unknown> }[] = [];
  const targets: Returning[] = search.returning.length
    ? search.returning
    : ['Account', 'Contact', 'Lead'].map((n) => ({ object: objectByName(n) as SObjectDef, fields: ['Id'] }));
  for (const item of targets) {
    let found = records.filter(
      (r) =>
        typeof r.Id === 'string' &&
        r.Id.startsWith(item.object.keyPrefix) &&
        r.IsDeleted !== true &&
        recordMatches(search, item.object, r) &&
        (!item.where || matches(item.where, r)),
    );
    if (item.limit !== undefined) found = found.slice(0, item.limit);
    out.push(...found.map((record) => ({ item, record })));
  }
  // SOSL returns at most 2,000 records per search.
  return out.slice(0, Math.min(search.limit ?? 2000, 2000));
}
