// Salesforce over its REST API, for the background: the access token refreshed once for any number of concurrent
// 401s, the API usage from Sforce-Limit-Info kept so matching can stop before the daily allocation runs out.
import { callJson, type CallResult } from './http';
import {
  API_VERSION,
  findTaskSoql,
  parseLimitInfo,
  parseSearch,
  SEARCH_BATCH,
  soslForNumbers,
  taskFields,
  TaskFound,
  TokenAnswer,
} from './salesforce';
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

export interface SalesforceSession {
  loginUrl: string;
  instanceUrl: string;
  clientId: string;
  accessToken: string;
  refreshToken?: string;
  userId: string;
  orgId: string;
  username?: string;
}

function readError(status: number, body: unknown): CrmApiError {
  const first = Array.isArray(body)
    ? (body[0] as { message?: unknown; errorCode?: unknown } | undefined)
    : undefined;
  const code = typeof first?.errorCode === 'string' ? first.errorCode : `HTTP_${status}`;
  const message = typeof first?.message === 'string' ? first.message : `Salesforce answered ${status}.`;
  if (status === 401)
    return new CrmApiError(
      'auth',
      'The Salesforce session ended. Connect Salesforce again.',
      status,
      undefined,
      code,
    );
  if (code === 'REQUEST_LIMIT_EXCEEDED') {
    return new CrmApiError(
      'limitExceeded',
      'Salesforce’s daily API request limit is used up; logging resumes when it resets.',
      status,
      60 * 60_000,
      code,
    );
  }
  return plainCrmError('salesforce', status, message, code);
}

const oauthError = (status: number, body: unknown) => {
  const b = (body ?? {}) as { error?: unknown; error_description?: unknown };
  const what = typeof b.error_description === 'string' ? b.error_description : `HTTP ${status}`;
  return new CrmApiError(
    status >= 500 ? 'server' : 'auth',
    `Salesforce sign-in failed: ${what}.`,
    status,
    undefined,
    typeof b.error === 'string' ? b.error : undefined,
  );
};

/** The org and user from the token answer's identity URL (…/id/<orgId>/<userId>). */
export function identityOf(idUrl: string): { orgId: string; userId: string } {
  const parts = new URL(idUrl).pathname.split('/').filter(Boolean);
  return { orgId: parts.at(-2) ?? '', userId: parts.at(-1) ?? '' };
}

/** One request to the token endpoint (authorization code or refresh grant), its answer checked. */
async function requestToken(loginUrl: string, params: Record<string, string>): Promise<TokenAnswer> {
  const res = await fetch(`${loginUrl.replace(/\/$/, '')}/services/oauth2/token`, {
    method: 'POST',
    headers: { 'Content-Type': 'application/x-www-form-urlencoded', Accept: 'application/json' },
    body: new URLSearchParams(params).toString(),
  }).catch((e: unknown) => {
    throw new CrmApiError('network', `Salesforce could not be reached (${(e as Error).message}).`);
  });
  const body: unknown = await res.json().catch(() => undefined);
  if (!res.ok) throw oauthError(res.status, body);
  const token = TokenAnswer.safeParse(body);
  if (!token.success) throw new CrmApiError('invalid', 'Salesforce’s token answer was not understood.');
  return token.data;
}

export async function exchangeCode(p: {
  loginUrl: string;
  clientId: string;
  code: string;
  verifier: string;
  redirectUri: string;
}): Promise<SalesforceSession> {
  const token = await requestToken(p.loginUrl, {
    grant_type: 'authorization_code',
    code: p.code,
    client_id: p.clientId,
    redirect_uri: p.redirectUri,
    code_verifier: p.verifier,
  });
  return {
    loginUrl: p.loginUrl,
    instanceUrl: token.instance_url.replace(/\/$/, ''),
    clientId: p.clientId,
    accessToken: token.access_token,
    ...(token.refresh_token ? { refreshToken: token.refresh_token } : {}),
    ...identityOf(token.id),
  };
}

export class SalesforceClient implements CrmClient {
  readonly kind = 'salesforce' as const;
  calls = 0;
  apiUsage: { used: number; max: number } | undefined;
  private refreshing: Promise<void> | undefined;

  constructor(
    private session: SalesforceSession,
    /** Persists a refreshed session (the background's CRM store). */
    private readonly onSession: (session: SalesforceSession) => Promise<void>,
  ) {}

  private async refresh(): Promise<void> {
    this.refreshing ??= (async () => {
      if (!this.session.refreshToken)
        throw new CrmApiError('auth', 'The Salesforce session ended. Connect Salesforce again.', 401);
      this.calls += 1;
      const token = await requestToken(this.session.loginUrl, {
        grant_type: 'refresh_token',
        refresh_token: this.session.refreshToken,
        client_id: this.session.clientId,
      });
      this.session = {
        ...this.session,
        accessToken: token.access_token,
        instanceUrl: token.instance_url.replace(/\/$/, ''),
      };
      await this.onSession(this.session);
    })().finally(() => {
      this.refreshing = undefined;
    });
    return this.refreshing;
  }

  private async api(
    path: string,
    init: { method?: string; body?: unknown } = {},
    retried = false,
  ): Promise<CallResult> {
    await this.refreshing;
    this.calls += 1;
    try {
      const result = await callJson(
        `${this.session.instanceUrl}/services/data/${API_VERSION}${path}`,
        { ...init, headers: { Authorization: `Bearer ${this.session.accessToken}` } },
        readError,
      );
      this.apiUsage = parseLimitInfo(result.headers.get('sforce-limit-info')) ?? this.apiUsage;
      return result;
    } catch (error) {
      if (error instanceof CrmApiError && error.kind === 'auth' && !retried) {
        await this.refresh();
        return this.api(path, init, true);
      }
      throw error;
    }
  }

  /** Matching yields to logging when 90 % of the day's API requests are gone. */
  nearDailyLimit(): boolean {
    return this.apiUsage !== undefined && this.apiUsage.used >= this.apiUsage.max * 0.9;
  }

  findByPhones(numbers: string[]): Promise<Map<string, CrmRecord[]>> {
    return findInBatches(numbers, SEARCH_BATCH, async (batch) => {
      const { body } = await this.api(`/search/?q=${encodeURIComponent(soslForNumbers(batch))}`);
      return parseSearch(body, batch);
    });
  }

  async createPerson(input: NewPerson & { as: 'Contact' | 'Lead' }): Promise<CrmRecord> {
    const fields = {
      LastName: input.lastName,
      ...(input.firstName ? { FirstName: input.firstName } : {}),
      MobilePhone: input.phone,
      ...(input.as === 'Lead' ? { Company: input.company || `${input.lastName} (from ThreadDesk)` } : {}),
    };
    const { body } = await this.api(`/sobjects/${input.as}/`, { method: 'POST', body: fields });
    const id = (body as { id?: unknown } | undefined)?.id;
    if (typeof id !== 'string')
      throw new CrmApiError('invalid', 'Salesforce did not answer the new record’s id.');
    return createdRecord('salesforce', id, input.as, input);
  }

  async findActivity(threadId: string, record: CrmRecord): Promise<LoggedActivity | undefined> {
    const { body } = await this.api(`/query/?q=${encodeURIComponent(findTaskSoql(threadId))}`);
    const found = TaskFound.safeParse(body);
    if (!found.success) throw new CrmApiError('invalid', 'Salesforce’s query answer was not understood.');
    const task = found.data.records[0];
    return task ? { id: task.Id, recordId: task.WhoId ?? task.WhatId ?? record.id } : undefined;
  }

  async createActivity(input: ActivityInput): Promise<LoggedActivity> {
    const fields = taskFields(input, 'create');
    let answer: CallResult;
    try {
      answer = await this.api('/sobjects/Task/', { method: 'POST', body: fields });
    } catch (error) {
      // An org may restrict Task's Type picklist to values without SMS: log without a Type rather than not at all.
      if (
        !(error instanceof CrmApiError) ||
        error.code !== 'INVALID_OR_NULL_FOR_RESTRICTED_PICKLIST' ||
        !error.message.includes('Type')
      )
        throw error;
      const { Type: _dropped, ...rest } = fields;
      answer = await this.api('/sobjects/Task/', { method: 'POST', body: rest });
    }
    const id = (answer.body as { id?: unknown } | undefined)?.id;
    if (typeof id !== 'string') throw new CrmApiError('invalid', 'Salesforce did not answer the Task’s id.');
    return { id, recordId: input.record.id };
  }

  async updateActivity(activity: LoggedActivity, input: ActivityInput): Promise<void> {
    await this.api(`/sobjects/Task/${encodeURIComponent(activity.id)}`, {
      method: 'PATCH',
      body: taskFields(input, 'update'),
    });
  }

  /** Who is connected, for the options page. */
  describe(): { instanceUrl: string; username?: string } {
    return {
      instanceUrl: this.session.instanceUrl,
      ...(this.session.username ? { username: this.session.username } : {}),
    };
  }
}
