// HubSpot's CRM search: filterGroups OR'd, filters inside a group AND'd, at most 5 groups, 6 filters a group and
// 18 in all, up to 200 results a page with an `after` cursor, 10,000 results at most (docs/emulator.md,
// "HubSpot search").
import { z } from 'zod';
import { CrmError } from '../crm-kit/http.ts';
import type { HsObject } from './state.ts';

const Operator = z.enum([
  'EQ',
  'NEQ',
  'LT',
  'LTE',
  'GT',
  'GTE',
  'BETWEEN',
  'IN',
  'NOT_IN',
  'HAS_PROPERTY',
  'NOT_HAS_PROPERTY',
  'CONTAINS_TOKEN',
  'NOT_CONTAINS_TOKEN',
]);

const Filter = z.object({
  propertyName: z.string().min(1),
  operator: Operator,
  value: z.union([z.string(), z.number(), z.boolean()]).optional(),
  highValue: z.union([z.string(), z.number()]).optional(),
  values: z.array(z.union([z.string(), z.number()])).optional(),
});

export const SearchBody = z.object({
  filterGroups: z.array(z.object({ filters: z.array(Filter) })).optional(),
  properties: z.array(z.string()).optional(),
  limit: z.number().int().min(0).max(200).optional(),
  after: z.union([z.string(), z.number()]).optional(),
  sorts: z
    .array(
      z.union([
        z.string(),
        z.object({ propertyName: z.string(), direction: z.enum(['ASCENDING', 'DESCENDING']) }),
      ]),
    )
    .optional(),
  query: z.string().optional(),
});
export type SearchBody = z.infer<typeof SearchBody>;
type FilterT = z.infer<typeof Filter>;

export function checkSearchLimits(body: SearchBody): void {
  const groups = body.filterGroups ?? [];
  const total = groups.reduce((n, g) => n + g.filters.length, 0);
  if (groups.length > 5 || groups.some((g) => g.filters.length > 6) || total > 18) {
    throw new CrmError(
      400,
      'VALIDATION_ERROR',
      `There was a problem with the request: at most 5 filterGroups with at most 6 filters each and 18 filters in total are allowed (got ${groups.length} groups, ${total} filters).`,
    );
  }
}

const lower = (v: unknown) => String(v ?? '').toLowerCase();

function filterMatches(filter: FilterT, object: HsObject): boolean {
  const actual = object.properties[filter.propertyName] ?? null;
  const value = filter.value;
  switch (filter.operator) {
    case 'HAS_PROPERTY':
      return actual !== null && actual !== '';
    case 'NOT_HAS_PROPERTY':
      return actual === null || actual === '';
    case 'EQ':
      return actual !== null && lower(actual) === lower(value);
    case 'NEQ':
      return actual === null || lower(actual) !== lower(value);
    case 'IN':
      return actual !== null && (filter.values ?? []).some((v) => lower(v) === lower(actual));
    case 'NOT_IN':
      return actual === null || !(filter.values ?? []).some((v) => lower(v) === lower(actual));
    case 'CONTAINS_TOKEN':
    case 'NOT_CONTAINS_TOKEN': {
      const token = lower(value)
        .replace(/[.+^${}()|[\]\\?]/g, '\\$&')
        .replace(/\*/g, '.*');
      const found = actual !== null && new RegExp(`(^|\\W)${token}($|\\W)`, 'i').test(actual);
      return filter.operator === 'CONTAINS_TOKEN' ? found : !found;
    }
    default: {
      if (actual === null) return false;
      const num = (v: unknown) =>
        typeof v === 'number' ? v : /^-?\d+(\.\d+)?$/.test(String(v)) ? Number(v) : Date.parse(String(v));
      const [a, b, hi] = [num(actual), num(value), num(filter.highValue)];
      if (filter.operator === 'LT') return a < b;
      if (filter.operator === 'LTE') return a <= b;
      if (filter.operator === 'GT') return a > b;
      if (filter.operator === 'GTE') return a >= b;
      return a >= b && a <= hi;
    }
  }
}

export function search(
  objects: HsObject[],
  body: SearchBody,
): { total: number; page: HsObject[]; after?: string } {
  const groups = body.filterGroups ?? [];
  let found = objects.filter((o) => !o.archived);
  if (groups.length)
    found = found.filter((o) => groups.some((g) => g.filters.every((f) => filterMatches(f, o))));
  if (body.query) {
    const q = body.query.toLowerCase();
    found = found.filter((o) => Object.values(o.properties).some((v) => v?.toLowerCase().includes(q)));
  }
  const sort = body.sorts?.[0];
  const by = typeof sort === 'string' ? sort : (sort?.propertyName ?? 'hs_object_id');
  const desc = typeof sort === 'object' && sort.direction === 'DESCENDING';
  found.sort((a, b) => {
    const [x, y] = [a.properties[by] ?? '', b.properties[by] ?? ''];
    const cmp = by === 'hs_object_id' ? Number(x) - Number(y) : x.localeCompare(y);
    return desc ? -cmp : cmp;
  });
  const start = Number(body.after ?? 0);
  if (!Number.isInteger(start) || start < 0 || (start >= 10_000 && found.length > 0)) {
    throw new CrmError(
      400,
      'VALIDATION_ERROR',
      'There was a problem with the request: after must be a non-negative offset below 10,000.',
    );
  }
  const limit = body.limit ?? 10;
  const page = found.slice(start, start + limit);
  const next = start + limit;
  return {
    total: found.length,
    page,
    ...(next < Math.min(found.length, 10_000) ? { after: String(next) } : {}),
  };
}
