// What ThreadDesk knows about a CRM, independent of which one: a found person or company, an activity logged for
// a thread, and the errors a CRM call ends in.
export type CrmKind = 'salesforce' | 'hubspot';

export const CRM_LABELS: Record<CrmKind, string> = { salesforce: 'Salesforce', hubspot: 'HubSpot' };

/** A CRM record with a phone number: Salesforce Contact, Lead or Account; HubSpot contact. */
export interface CrmRecord {
  crm: CrmKind;
  id: string;
  type: 'Contact' | 'Lead' | 'Account';
  name: string;
  /** The stored phone values, as the CRM holds them. */
  phones: string[];
  company?: string;
}

/** The activity of one thread: where it is and which record it hangs on. */
export interface LoggedActivity {
  id: string;
  recordId: string;
}

export type CrmErrorKind =
  'auth' | 'rateLimited' | 'limitExceeded' | 'invalid' | 'notFound' | 'network' | 'server';

/** A failed CRM call, with what the agent should read and when (if ever) to try again. */
export class CrmApiError extends Error {
  constructor(
    readonly kind: CrmErrorKind,
    message: string,
    readonly status = 0,
    /** For rateLimited: milliseconds to wait. */
    readonly retryAfterMs?: number,
    /** The CRM's own error code (e.g. REQUIRED_FIELD_MISSING, VALIDATION_ERROR). */
    readonly code?: string,
  ) {
    super(message);
  }

  /** Worth retrying later: the CRM was down, busy or unreachable, not wrong about the request. */
  get transient(): boolean {
    return (
      this.kind === 'rateLimited' ||
      this.kind === 'network' ||
      this.kind === 'server' ||
      this.kind === 'limitExceeded'
    );
  }
}

/** The errors both CRMs answer alike: a missing record, a failing server, anything else the request got wrong. */
export function plainCrmError(crm: CrmKind, status: number, message: string, code: string): CrmApiError {
  const label = CRM_LABELS[crm];
  if (status === 404) return new CrmApiError('notFound', `${label}: ${message}`, status, undefined, code);
  if (status >= 500)
    return new CrmApiError(
      'server',
      `${label} is not answering properly (${status}).`,
      status,
      undefined,
      code,
    );
  return new CrmApiError('invalid', `${label}: ${message}`, status, undefined, code);
}

/** What the agent fills in to create a person for a number that has no record. */
export interface NewPerson {
  phone: string;
  firstName?: string;
  lastName: string;
  company?: string;
}

/** The record a CRM answered `id` for after creating `input`. */
export function createdRecord(
  crm: CrmKind,
  id: string,
  type: CrmRecord['type'],
  input: NewPerson,
): CrmRecord {
  return {
    crm,
    id,
    type,
    name: [input.firstName, input.lastName].filter(Boolean).join(' '),
    phones: [input.phone],
    ...(input.company ? { company: input.company } : {}),
  };
}

/** What a CRM client does for ThreadDesk. */
export interface CrmClient {
  readonly kind: CrmKind;
  /** Records whose phone fields hold any of the numbers, by number (E.164). */
  findByPhones(numbers: string[]): Promise<Map<string, CrmRecord[]>>;
  /** Creates a contact (HubSpot) or lead/contact (Salesforce) with the number prefilled. */
  createPerson(input: NewPerson & { as: 'Contact' | 'Lead' }): Promise<CrmRecord>;
  /** The thread's activity on the record, found by the thread key written into it; undefined when none. */
  findActivity(threadId: string, record: CrmRecord): Promise<LoggedActivity | undefined>;
  createActivity(input: ActivityInput): Promise<LoggedActivity>;
  updateActivity(activity: LoggedActivity, input: ActivityInput): Promise<void>;
  /** Requests made so far (for measurements). */
  readonly calls: number;
}

export interface ActivityInput {
  threadId: string;
  record: CrmRecord;
  /** "SMS conversation with …". */
  title: string;
  /** Whole transcript, plain text. */
  transcript: string;
  startedAt: string;
  completed: boolean;
}

/** Runs a phone search in batches of `size` numbers (each CRM caps one query) and merges the matches. */
export async function findInBatches(
  numbers: string[],
  size: number,
  searchBatch: (batch: string[]) => Promise<Map<string, CrmRecord[]>>,
): Promise<Map<string, CrmRecord[]>> {
  const out = new Map<string, CrmRecord[]>();
  for (let i = 0; i < numbers.length; i += size) {
    for (const [n, records] of await searchBatch(numbers.slice(i, i + size))) out.set(n, records);
  }
  return out;
}
