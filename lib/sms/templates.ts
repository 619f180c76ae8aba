// Quick-reply templates: merge fields filled from the customer's and the agent's names.
export const MERGE_FIELDS = ['firstName', 'lastName', 'agentName', 'agentFirstName'] as const;
export type MergeField = (typeof MERGE_FIELDS)[number];
export type MergeValues = Partial<Record<MergeField, string>>;

const FIELD_RE = /\{(\w+)\}/g;
// Placeholder for a field without a value: a private-use character that never appears in typed text.
const GAP = '\uE000';

function splitName(name: string | undefined): [string | undefined, string | undefined] {
  const parts = name?.trim().split(/\s+/).filter(Boolean) ?? [];
  if (parts.length === 0) return [undefined, undefined];
  return [parts[0], parts.length > 1 ? parts.slice(1).join(' ') : undefined];
}

/** Merge values from the customer's name (as read from the CRM) and the agent's name. */
export function mergeValues(customerName: string | undefined, agentName: string | undefined): MergeValues {
  const [firstName, lastName] = splitName(customerName);
  const [agentFirstName] = splitName(agentName);
  const values: MergeValues = {};
  if (firstName) values.firstName = firstName;
  if (lastName) values.lastName = lastName;
  if (agentName?.trim()) values.agentName = agentName.trim();
  if (agentFirstName) values.agentFirstName = agentFirstName;
  return values;
}

export interface MergeResult {
  text: string;
  /** Known fields with no value: the agent should fill these in by hand. */
  missing: MergeField[];
}

const isField = (name: string): name is MergeField => (MERGE_FIELDS as readonly string[]).includes(name);

/**
 * Fills known merge fields; unknown {words} stay as typed. A field without a value is dropped with the
 * space or comma it leaves behind ("Hi {firstName}, …" → "Hi, …"), and reported as missing.
 */
export function applyTemplate(template: string, values: MergeValues): MergeResult {
  const missing = new Set<MergeField>();
  const text = template
    .replace(FIELD_RE, (match, name: string) => {
      if (!isField(name)) return match;
      const value = values[name];
      if (value) return value;
      missing.add(name);
      return GAP;
    })
    .replace(/ ?\uE000/g, '')
    .replace(/ {2,}/g, ' ')
    .trim();
  return { text, missing: [...missing] };
}

/** Merge fields a template uses that are not known: shown as a warning in the templates editor. */
export function unknownFields(template: string): string[] {
  return [...template.matchAll(FIELD_RE)].map((m) => m[1]!).filter((name) => !isField(name));
}
