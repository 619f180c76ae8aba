// Turns OpenAPI 3.0 schema dialect into JSON Schema that ajv validates faithfully: `nullable` becomes an explicit
// null alternative, and `discriminator` + mapping becomes an exact switch on the property. (A plain oneOf would
// reject valid hints: RingCentral's MthSyncBaseHint and MthSyncAssignedHint both accept every hint recordType.)
type Json = unknown;

interface Discriminator {
  propertyName: string;
  mapping?: Record<string, string>;
}

function isObject(value: Json): value is Record<string, Json> {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}

function discriminatorSwitch(discriminator: Discriminator, rest: Record<string, Json>): Record<string, Json> {
  const mapping = discriminator.mapping ?? {};
  const prop = discriminator.propertyName;
  const { oneOf: _oneOf, anyOf: _anyOf, ...others } = rest;
  return {
    ...others,
    type: 'object',
    required: [prop],
    properties: { [prop]: { type: 'string', enum: Object.keys(mapping) } },
    allOf: Object.entries(mapping).map(([value, ref]) => ({
      if: { properties: { [prop]: { const: value } }, required: [prop] },
      then: { $ref: ref },
    })),
  };
}

/** Returns a transformed deep copy; the input document is left untouched. */
export function toJsonSchemaDialect(node: Json): Json {
  if (Array.isArray(node)) return node.map(toJsonSchemaDialect);
  if (!isObject(node)) return node;
  const copy: Record<string, Json> = {};
  for (const [key, value] of Object.entries(node)) copy[key] = toJsonSchemaDialect(value);

  let result: Record<string, Json> = copy;
  const discriminator = copy.discriminator;
  if (
    isObject(discriminator) &&
    typeof discriminator.propertyName === 'string' &&
    isObject(discriminator.mapping)
  ) {
    const { discriminator: _d, ...rest } = copy;
    result = discriminatorSwitch(discriminator as unknown as Discriminator, rest);
  }
  if (result.nullable === true) {
    const { nullable: _n, ...rest } = result;
    return { anyOf: [rest, { type: 'null' }] };
  }
  if (typeof result.nullable === 'boolean') {
    const { nullable: _n, ...rest } = result;
    return rest;
  }
  return result;
}
