// The CRM emulators on the RingCentral emulator's server: /salesforce/… and /hubspot/… go to them, and their
// test-control routes live under /__emulator/crm/ (loopback peers only, never rate-limited).
import type { IncomingMessage, ServerResponse } from 'node:http';
import { z } from 'zod';
import type { Clock } from '../clock.ts';
import { HUBSPOT_PREFIX, HubSpotEmulator } from '../hubspot/index.ts';
import { SALESFORCE_PREFIX, SalesforceEmulator } from '../salesforce/index.ts';
import { CrmError, isLoopback, readJsonBody, writeReply } from './http.ts';

export interface CrmEmulatorOptions {
  clock: Clock;
  dataDir?: string;
  reset?: boolean;
  /** HubSpot's search-index lag in ms (emulator/hubspot/search-index.ts). */
  hubspotSearchLagMs?: number;
  baseUrl(): string;
}

const ApiUsageBody = z.object({ used: z.number().int().min(0) });
const SearchLagBody = z.object({ ms: z.number().int().min(0).max(600_000) });

export class CrmEmulators {
  readonly salesforce: SalesforceEmulator;
  readonly hubspot: HubSpotEmulator;

  constructor(options: CrmEmulatorOptions) {
    this.salesforce = new SalesforceEmulator(options);
    this.hubspot = new HubSpotEmulator({
      ...options,
      ...(options.hubspotSearchLagMs !== undefined ? { searchLagMs: options.hubspotSearchLagMs } : {}),
    });
  }

  /** The `crm` part of the credentials document: what jsforce and @hubspot/api-client need to connect. */
  credentials() {
    return { salesforce: this.salesforce.credentials(), hubspot: this.hubspot.credentials() };
  }

  /** The seeded CRM people for the demo CRM pages. */
  people() {
    return {
      salesforce: this.salesforce.people(),
      hubspot: this.hubspot.contacts().map((c) => ({
        id: c.id,
        name: [c.properties.firstname, c.properties.lastname].filter(Boolean).join(' '),
        phone: c.properties.phone ?? null,
        mobile: c.properties.mobilephone ?? null,
      })),
    };
  }

  reset(): void {
    this.salesforce.reset();
    this.hubspot.reset();
  }

  flush(): void {
    this.salesforce.flush();
    this.hubspot.flush();
  }

  /** Handles the request when it is for a CRM; false leaves it to the RingCentral pipeline. */
  handle(req: IncomingMessage, res: ServerResponse): boolean {
    const url = new URL(req.url ?? '/', 'http://emulator.invalid');
    const p = url.pathname;
    if (p.startsWith(`${SALESFORCE_PREFIX}/`)) {
      void this.salesforce.handle(req, res, url);
      return true;
    }
    if (p === HUBSPOT_PREFIX || p.startsWith(`${HUBSPOT_PREFIX}/`)) {
      void this.hubspot.handle(req, res, url);
      return true;
    }
    if (p.startsWith('/__emulator/crm/')) {
      void this.control(req, res, p.slice('/__emulator/crm/'.length));
      return true;
    }
    return false;
  }

  private async control(req: IncomingMessage, res: ServerResponse, route: string): Promise<void> {
    try {
      if (!isLoopback(req.socket.remoteAddress))
        throw new CrmError(403, 'FORBIDDEN', 'The test-control API answers loopback peers only.');
      const key = `${req.method ?? 'GET'} ${route}`;
      if (key === 'GET credentials') return writeReply(res, { status: 200, json: this.credentials() });
      if (key === 'GET people') return writeReply(res, { status: 200, json: this.people() });
      if (key === 'POST salesforce/api-usage') {
        const parsed = ApiUsageBody.safeParse(await readJsonBody(req));
        if (!parsed.success)
          throw new CrmError(400, 'INVALID_BODY', 'Body must be {"used": <non-negative integer>}.');
        this.salesforce.setApiUsage(parsed.data.used);
        return writeReply(res, { status: 200, json: { used: parsed.data.used } });
      }
      if (key === 'POST hubspot/search-lag') {
        const parsed = SearchLagBody.safeParse(await readJsonBody(req));
        if (!parsed.success)
          throw new CrmError(400, 'INVALID_BODY', 'Body must be {"ms": <integer from 0 to 600000>}.');
        this.hubspot.setSearchLag(parsed.data.ms);
        return writeReply(res, { status: 200, json: { ms: parsed.data.ms } });
      }
      req.resume();
      throw new CrmError(404, 'NOT_FOUND', `No control route ${key}.`);
    } catch (error) {
      const known = error instanceof CrmError ? error : new CrmError(500, 'INTERNAL', 'internal error');
      writeReply(res, { status: known.status, json: { errorCode: known.code, message: known.message } });
    }
  }
}
