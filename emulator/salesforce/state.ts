// The Salesforce emulator's state: one org with its users, the connected app, the records, the OAuth sessions and
// the rolling 24-hour API request count. Validated with zod when loaded from disk.
import { z } from 'zod';
import { crmPeople } from '../crm-kit/seed.ts';
import { randomToken } from '../ids.ts';
import { makeId } from './ids.ts';

const SfRecord = z.record(z.string(), z.unknown());

export const SalesforceState = z.object({
  orgId: z.string(),
  counter: z.number().int(),
  users: z.array(
    z.object({
      id: z.string(),
      username: z.string(),
      password: z.string(),
      name: z.string(),
      email: z.string(),
    }),
  ),
  app: z.object({ clientId: z.string() }),
  records: z.record(z.string(), SfRecord),
  sessions: z.array(
    z.object({
      accessToken: z.string(),
      refreshToken: z.string(),
      userId: z.string(),
      expiresAt: z.number(),
      revoked: z.boolean(),
    }),
  ),
  apiUsage: z.object({ windowStart: z.number(), used: z.number().int(), max: z.number().int() }),
});
export type SalesforceState = z.infer<typeof SalesforceState>;

/** Developer Edition's daily API request allocation (docs/emulator.md, "Salesforce API limits"). */
export const DAILY_API_REQUESTS = 15_000;

export function seedSalesforce(now: number): SalesforceState {
  let counter = 0;
  const next = (prefix: string) => makeId(prefix, ++counter);
  const orgId = '00D5g000004TdDeAAK';
  const users = [
    { name: 'Avery Quinn', username: 'avery@threaddesk-advisors.example' },
    { name: 'Blake Moreno', username: 'blake@threaddesk-advisors.example' },
  ].map((u) => ({ ...u, id: next('005'), email: u.username, password: 'Salesforce!1' }));
  const owner = users[0]?.id ?? '';
  const stamp = new Date(now).toISOString().replace('Z', '+0000');
  const records: SalesforceState['records'] = {};
  const put = (prefix: string, fields: Record<string, unknown>) => {
    const Id = next(prefix);
    records[Id] = {
      Id,
      OwnerId: owner,
      CreatedById: owner,
      LastModifiedById: owner,
      CreatedDate: stamp,
      LastModifiedDate: stamp,
      SystemModstamp: stamp,
      IsDeleted: false,
      ...fields,
    };
    return Id;
  };
  const accounts = new Map<string, string>();
  for (const person of crmPeople()) {
    const base = {
      FirstName: person.firstName,
      LastName: person.lastName,
      Name: `${person.firstName} ${person.lastName}`,
      ...(person.phone ? { Phone: person.phone } : {}),
      ...(person.mobile ? { MobilePhone: person.mobile } : {}),
      HasOptedOutOfEmail: false,
      HasOptedOutOfFax: false,
      DoNotCall: false,
    };
    if (person.kind === 'lead') {
      put('00Q', {
        ...base,
        Company: person.company ?? `${person.lastName} household`,
        Status: 'Open - Not Contacted',
        IsConverted: false,
      });
      continue;
    }
    let accountId: string | undefined;
    if (person.company) {
      accountId = accounts.get(person.company);
      if (!accountId) {
        accountId = put('001', { Name: person.company, ...(person.phone ? { Phone: person.phone } : {}) });
        accounts.set(person.company, accountId);
      }
    }
    put('003', { ...base, ...(accountId ? { AccountId: accountId } : {}) });
  }
  return {
    orgId,
    counter,
    users,
    app: { clientId: `3MVG9emulator${randomToken(24)}` },
    records,
    sessions: [],
    apiUsage: { windowStart: now, used: 0, max: DAILY_API_REQUESTS },
  };
}
