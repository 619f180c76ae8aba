// The SOQL the emulator answers: SELECT fields FROM object [WHERE …] [ORDER BY …] [LIMIT n] [OFFSET n], with
// AND/OR/NOT, parentheses, = != <> < > <= >= LIKE IN NOT IN, strings, numbers, booleans, null and dates. Text
// comparisons are case-insensitive like SOQL's. Anything else is MALFORMED_QUERY (docs/emulator.md, "SOQL").
import { CrmError } from '../crm-kit/http.ts';
import { fieldName, objectByName, type SObjectDef } from './schema.ts';

type Token = { kind: 'word' | 'string' | 'number' | 'op' | 'punct'; text: string };

export const malformed = (message: string) => new CrmError(400, 'MALFORMED_QUERY', message);

export function tokenize(source: string): Token[] {
  const tokens: Token[] = [];
  let i = 0;
  while (i < source.length) {
    const c = source.charAt(i);
    if (/\s/.test(c)) {
      i++;
    } else if (c === "'") {
      let text = '';
      i++;
      for (;;) {
        if (i >= source.length) throw malformed('unexpected end of query: unterminated string');
        const d = source.charAt(i);
        if (d === '\\') {
          const e = source.charAt(i + 1);
          text += ({ n: '\n', t: '\t', r: '\r' } as Record<string, string>)[e] ?? e;
          i += 2;
        } else if (d === "'") {
          i++;
          break;
        } else {
          text += d;
          i++;
        }
      }
      tokens.push({ kind: 'string', text });
    } else if (/[0-9-]/.test(c) && /[0-9]/.test(source.charAt(c === '-' ? i + 1 : i))) {
      const m = /^-?[0-9][0-9.:TZ+-]*/.exec(source.slice(i));
      const text = m?.[0] ?? c;
      tokens.push({ kind: 'number', text });
      i += text.length;
    } else if (/[A-Za-z_]/.test(c)) {
      const m = /^[A-Za-z_][A-Za-z0-9_.]*/.exec(source.slice(i));
      const text = m?.[0] ?? c;
      tokens.push({ kind: 'word', text });
      i += text.length;
    } else if (/[=!<>]/.test(c)) {
      const two = source.slice(i, i + 2);
      const text = ['!=', '<>', '<=', '>='].includes(two) ? two : c;
      if (text === '!') throw malformed(`unexpected token: '!'`);
      tokens.push({ kind: 'op', text });
      i += text.length;
    } else if (/[(),]/.test(c)) {
      tokens.push({ kind: 'punct', text: c });
      i++;
    } else {
      throw malformed(`unexpected token: '${c}'`);
    }
  }
  return tokens;
}

export type Value = string | number | boolean | null;
export type Condition =
  | { kind: 'and' | 'or'; left: Condition; right: Condition }
  | { kind: 'not'; inner: Condition }
  | { kind: 'cmp'; field: string; op: string; value: Value | Value[] };

export class Cursor {
  private i = 0;
  constructor(private readonly tokens: Token[]) {}
  peek(): Token | undefined {
    return this.tokens[this.i];
  }
  next(): Token {
    const t = this.tokens[this.i++];
    if (!t) throw malformed('unexpected end of query');
    return t;
  }
  isWord(word: string): boolean {
    const t = this.peek();
    return t?.kind === 'word' && t.text.toUpperCase() === word;
  }
  expectWord(word: string): void {
    const t = this.next();
    if (t.kind !== 'word' || t.text.toUpperCase() !== word)
      throw malformed(`expecting '${word}', found '${t.text}'`);
  }
  expectPunct(p: string): void {
    const t = this.next();
    if (t.text !== p || t.kind !== 'punct') throw malformed(`expecting '${p}', found '${t.text}'`);
  }
  done(): boolean {
    return this.i >= this.tokens.length;
  }
}

function literal(t: Token): Value {
  if (t.kind === 'string') return t.text;
  if (t.kind === 'number') return /^-?\d+(\.\d+)?$/.test(t.text) ? Number(t.text) : t.text;
  if (t.kind === 'word') {
    const upper = t.text.toUpperCase();
    if (upper === 'NULL') return null;
    if (upper === 'TRUE') return true;
    if (upper === 'FALSE') return false;
  }
  throw malformed(`unexpected token: '${t.text}'`);
}

function comparison(cur: Cursor, resolve: (f: string) => string): Condition {
  if (cur.isWord('NOT')) {
    cur.next();
    return { kind: 'not', inner: primary(cur, resolve) };
  }
  const field = cur.next();
  if (field.kind !== 'word') throw malformed(`unexpected token: '${field.text}'`);
  const name = resolve(field.text);
  let op: string;
  if (cur.isWord('LIKE')) op = (cur.next(), 'LIKE');
  else if (cur.isWord('IN')) op = (cur.next(), 'IN');
  else if (cur.isWord('NOT')) {
    cur.next();
    cur.expectWord('IN');
    op = 'NOT IN';
  } else {
    const t = cur.next();
    if (t.kind !== 'op') throw malformed(`unexpected token: '${t.text}'`);
    op = t.text === '<>' ? '!=' : t.text;
  }
  if (op === 'IN' || op === 'NOT IN') {
    cur.expectPunct('(');
    const values: Value[] = [];
    for (;;) {
      values.push(literal(cur.next()));
      const t = cur.next();
      if (t.text === ')') break;
      if (t.text !== ',') throw malformed(`unexpected token: '${t.text}'`);
    }
    return { kind: 'cmp', field: name, op, value: values };
  }
  return { kind: 'cmp', field: name, op, value: literal(cur.next()) };
}

function primary(cur: Cursor, resolve: (f: string) => string): Condition {
  if (cur.peek()?.text === '(' && cur.peek()?.kind === 'punct') {
    cur.next();
    const inner = expression(cur, resolve);
    cur.expectPunct(')');
    return inner;
  }
  return comparison(cur, resolve);
}

function conjunction(cur: Cursor, resolve: (f: string) => string): Condition {
  let left = primary(cur, resolve);
  while (cur.isWord('AND')) {
    cur.next();
    left = { kind: 'and', left, right: primary(cur, resolve) };
  }
  return left;
}

export function expression(cur: Cursor, resolve: (f: string) => string): Condition {
  let left = conjunction(cur, resolve);
  while (cur.isWord('OR')) {
    cur.next();
    left = { kind: 'or', left, right: conjunction(cur, resolve) };
  }
  return left;
}

const fold = (v: unknown) => (typeof v === 'string' ? v.toLowerCase() : v);

function likeToRegex(pattern: string): RegExp {
  const body = [...pattern]
    .map((c) => (c === '%' ? '.*' : c === '_' ? '.' : c.replace(/[.*+?^${}()|[\]\\]/g, '\\$&')))
    .join('');
  return new RegExp(`^${body}$`, 'is');
}

export function matches(condition: Condition, record: Record<string, unknown>): boolean {
  switch (condition.kind) {
    case 'and':
      return matches(condition.left, record) && matches(condition.right, record);
    case 'or':
      return matches(condition.left, record) || matches(condition.right, record);
    case 'not':
      return !matches(condition.inner, record);
    case 'cmp': {
      const actual = record[condition.field] ?? null;
      const { op, value } = condition;
      if (Array.isArray(value)) {
        const found = value.some((v) => fold(v) === fold(actual));
        return op === 'IN' ? found : !found;
      }
      if (op === 'LIKE')
        return typeof actual === 'string' && typeof value === 'string' && likeToRegex(value).test(actual);
      if (op === '=') return fold(actual) === fold(value);
      if (op === '!=') return fold(actual) !== fold(value);
      if (actual === null || value === null) return false;
      const [a, b] = [fold(actual) as string | number, fold(value) as string | number];
      if (op === '<') return a < b;
      if (op === '>') return a > b;
      if (op === '<=') return a <= b;
      return a >= b;
    }
  }
}

export interface Query {
  object: SObjectDef;
  fields: string[];
  where?: Condition;
  orderBy?: { field: string; desc: boolean };
  limit?: number;
  offset?: number;
}

export function fieldResolver(def: SObjectDef): (name: string) => string {
  return (name) => {
    const found = fieldName(def, name);
    if (!found) {
      throw new CrmError(
        400,
        'INVALID_FIELD',
        `No such column '${name}' on entity '${def.name}'. If you are attempting to use a custom field, be sure to append the '__c' after the custom field name.`,
      );
    }
    return found;
  };
}

export function parseSoql(source: string): Query {
  const cur = new Cursor(tokenize(source));
  cur.expectWord('SELECT');
  const raw: string[] = [];
  for (;;) {
    const t = cur.next();
    if (t.kind !== 'word') throw malformed(`unexpected token: '${t.text}'`);
    raw.push(t.text);
    if (cur.peek()?.text !== ',') break;
    cur.next();
  }
  cur.expectWord('FROM');
  const objectToken = cur.next();
  const object = objectByName(objectToken.text);
  if (!object)
    throw new CrmError(400, 'INVALID_TYPE', `sObject type '${objectToken.text}' is not supported.`);
  const resolve = fieldResolver(object);
  const query: Query = { object, fields: raw.map(resolve) };
  if (cur.isWord('WHERE')) {
    cur.next();
    query.where = expression(cur, resolve);
  }
  if (cur.isWord('ORDER')) {
    cur.next();
    cur.expectWord('BY');
    const field = resolve(cur.next().text);
    let desc = false;
    if (cur.isWord('ASC') || cur.isWord('DESC')) desc = cur.next().text.toUpperCase() === 'DESC';
    if (cur.isWord('NULLS')) {
      cur.next();
      cur.next();
    }
    query.orderBy = { field, desc };
  }
  for (const word of ['LIMIT', 'OFFSET'] as const) {
    if (!cur.isWord(word)) continue;
    cur.next();
    const n = cur.next();
    if (n.kind !== 'number' || !/^\d+$/.test(n.text))
      throw malformed(`${word} must be a non-negative integer`);
    query[word === 'LIMIT' ? 'limit' : 'offset'] = Number(n.text);
  }
  if (!cur.done()) throw malformed(`unexpected token: '${cur.peek()?.text ?? ''}'`);
  return query;
}

export function runQuery(
  query: Query,
  records: Iterable<Record<string, unknown>>,
): Record<string, unknown>[] {
  let rows = [...records].filter(
    (r) => typeof r.Id === 'string' && r.Id.startsWith(query.object.keyPrefix) && r.IsDeleted !== true,
  );
  if (query.where) rows = rows.filter((r) => matches(query.where as Condition, r));
  if (query.orderBy) {
    const { field, desc } = query.orderBy;
    rows.sort((a, b) => {
      const [x, y] = [fold(a[field] ?? ''), fold(b[field] ?? '')] as [string, string];
      return (x < y ? -1 : x > y ? 1 : 0) * (desc ? -1 : 1);
    });
  }
  const start = query.offset ?? 0;
  return rows.slice(start, query.limit === undefined ? undefined : start + query.limit);
}
