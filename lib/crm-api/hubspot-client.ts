// HubSpot over its REST API with a private-app access token, for the background. Searches are spaced to stay
// under the search API's 5 a second; a 429 says how long to wait (10 s for the rolling burst limit, 1 s for
// search), and short waits are taken here, longer ones handed to the caller's queue.
import { sleep } from '../util/sleep';
import { callJson, retryAfterMs, type CallResult } from './http';
import {
  AssociationPage,
  BatchRead,
  bodyHasMarker,
  communicationBody,
  communicationCreate,
  parseSearch,
  SEARCH_BATCH,
  searchBody,
} from './hubspot';
import {
  createdRecord,
  CrmApiError,
  findInBatches,
  plainCrmError,
  type ActivityInput,
  type CrmClient,
  type CrmRecord,
  type LoggedActivity,
  type NewPerson,
} from './types';

export interface HubSpotSession {
  baseUrl: string;
  token: string;
  portalId: number;
}

const SEARCH_SPACING_MS = 250;
const INLINE_WAIT_MAX_MS = 2_000;

function readError(status: number, body: unknown, headers: Headers): CrmApiError {
  const b = (typeof body === 'object' && body !== null ? body : {}) as {
    message?: unknown;
    category?: unknown;
    policyName?: unknown;
  };
  const message = typeof b.message === 'string' ? b.message : `HubSpot answered ${status}.`;
  const code =
    typeof b.category === 'string'
      ? b.category
      : typeof b.policyName === 'string'
        ? b.policyName
        : `HTTP_${status}`;
  if (status === 401 || status === 403) {
    return new CrmApiError(
      'auth',
      status === 401
        ? 'HubSpot refused the access token. Enter a valid private-app token.'
        : `HubSpot: ${message} (check the private app’s scopes).`,
      status,
      undefined,
      code,
    );
  }
  if (status === 429) {
    const policy = typeof b.policyName === 'string' ? b.policyName : '';
    const fallback = policy === 'DAILY' ? 3600_000 : policy === 'TEN_SECONDLY_ROLLING' ? 10_000 : 1_000;
    return new CrmApiError(
      'rateLimited',
      'HubSpot’s rate limit was reached; trying again shortly.',
      status,
      retryAfterMs(headers, fallback),
      code,
    );
  }
  return plainCrmError('hubspot', status, message, code);
}

/** Checks a token by asking for the account it belongs to. */
export async function checkToken(baseUrl: string, token: string): Promise<HubSpotSession> {
  const { body } = await callJson(
    `${baseUrl.replace(/\/$/, '')}/account-info/v3/details`,
    { headers: { Authorization: `Bearer ${token}` } },
    readError,
  );
  const portalId = (body as { portalId?: unknown } | undefined)?.portalId;
  if (typeof portalId !== 'number')
    throw new CrmApiError('invalid', 'HubSpot’s account answer was not understood.');
  return { baseUrl: baseUrl.replace(/\/$/, ''), token, portalId };
}

export class HubSpotClient implements CrmClient {
  readonly kind = 'hubspot' as const;
  calls = 0;
  private lastSearchAt = 0;

  constructor(private readonly session: HubSpotSession) {}

  private async api(
    path: string,
    init: { method?: string; body?: unknown } = {},
    retried = false,
  ): Promise<CallResult> {
    if (path.endsWith('/search')) {
      const wait = this.lastSearchAt + SEARCH_SPACING_MS - Date.now();
      if (wait > 0) await sleep(wait);
      this.lastSearchAt = Date.now();
    }
    this.calls += 1;
    try {
      return await callJson(
        `${this.session.baseUrl}${path}`,
        { ...init, headers: { Authorization: `Bearer ${this.session.token}` } },
        readError,
      );
    } catch (error) {
      if (
        error instanceof CrmApiError &&
        error.kind === 'rateLimited' &&
        !retried &&
        (error.retryAfterMs ?? 0) <= INLINE_WAIT_MAX_MS
      ) {
        await sleep(error.retryAfterMs ?? 1000);
        return this.api(path, init, true);
      }
      throw error;
    }
  }

  findByPhones(numbers: string[]): Promise<Map<string, CrmRecord[]>> {
    return findInBatches(numbers, SEARCH_BATCH, async (batch) => {
      const { body } = await this.api('/crm/v3/objects/contacts/search', {
        method: 'POST',
        body: searchBody(batch),
      });
      return parseSearch(body, batch);
    });
  }

  async createPerson(input: NewPerson): Promise<CrmRecord> {
    const properties = {
      lastname: input.lastName,
      phone: input.phone,
      ...(input.firstName ? { firstname: input.firstName } : {}),
      ...(input.company ? { company: input.company } : {}),
    };
    const { body } = await this.api('/crm/v3/objects/contacts', {
      method: 'POST',
      body: { properties, associations: [] },
    });
    const id = (body as { id?: unknown } | undefined)?.id;
    if (typeof id !== 'string')
      throw new CrmApiError('invalid', 'HubSpot did not answer the new contact’s id.');
    return createdRecord('hubspot', id, 'Contact', input);
  }

  async findActivity(threadId: string, record: CrmRecord): Promise<LoggedActivity | undefined> {
    let after: string | undefined;
    const ids: string[] = [];
    do {
      const { body } = await this.api(
        `/crm/v4/objects/contacts/${encodeURIComponent(record.id)}/associations/communications?limit=500${after ? `&after=${encodeURIComponent(after)}` : ''}`,
      );
      const page = AssociationPage.safeParse(body);
      if (!page.success)
        throw new CrmApiError('invalid', 'HubSpot’s associations answer was not understood.');
      ids.push(...page.data.results.map((r) => String(r.toObjectId)));
      after = page.data.paging?.next?.after;
    } while (after);
    for (let i = 0; i < ids.length; i += 100) {
      const { body } = await this.api('/crm/v3/objects/communications/batch/read', {
        method: 'POST',
        body: {
          inputs: ids.slice(i, i + 100).map((id) => ({ id })),
          properties: ['hs_communication_body'],
          propertiesWithHistory: [],
        },
      });
      const read = BatchRead.safeParse(body);
      if (!read.success) throw new CrmApiError('invalid', 'HubSpot’s batch answer was not understood.');
      const hit = read.data.results.find((r) => bodyHasMarker(r.properties.hs_communication_body, threadId));
      if (hit) return { id: hit.id, recordId: record.id };
    }
    return undefined;
  }

  async createActivity(input: ActivityInput): Promise<LoggedActivity> {
    const { body } = await this.api('/crm/v3/objects/communications', {
      method: 'POST',
      body: communicationCreate(input),
    });
    const id = (body as { id?: unknown } | undefined)?.id;
    if (typeof id !== 'string')
      throw new CrmApiError('invalid', 'HubSpot did not answer the communication’s id.');
    return { id, recordId: input.record.id };
  }

  async updateActivity(activity: LoggedActivity, input: ActivityInput): Promise<void> {
    await this.api(`/crm/v3/objects/communications/${encodeURIComponent(activity.id)}`, {
      method: 'PATCH',
      body: { properties: { hs_communication_body: communicationBody(input) } },
    });
  }
}
