// zod at the boundary: query strings and bodies become typed values or RingCentral 400s naming the parameter.
import type { z } from 'zod';
import { badParam, missingParam, type RcError } from './errors.ts';

/** Builds a plain object from the query: `arrayKeys` keep every repeated value, others keep the first. */
export function queryObject(url: URL, arrayKeys: readonly string[] = []): Record<string, unknown> {
  const out: Record<string, unknown> = {};
  for (const key of new Set(url.searchParams.keys())) {
    const values = url.searchParams.getAll(key);
    out[key] = arrayKeys.includes(key) ? values.filter((v) => v !== '') : values[0];
  }
  return out;
}

export function toRcError(error: z.ZodError, fallbackName = 'body'): RcError {
  const issue = error.issues[0];
  const name = issue && issue.path.length > 0 ? issue.path.map(String).join('.') : fallbackName;
  if (issue?.code === 'invalid_type' && issue.input === undefined) return missingParam(name);
  return badParam(name, `Parameter [${name}] value is invalid: ${issue?.message ?? 'invalid'}.`);
}

export function parseWith<T extends z.ZodType>(schema: T, input: unknown, fallbackName?: string): z.infer<T> {
  const result = schema.safeParse(input);
  if (!result.success) throw toRcError(result.error, fallbackName);
  return result.data;
}
