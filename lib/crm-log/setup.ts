// The background's CRM module: the CRM service, its request handlers, and what wakes it (store changes, an
// alarm for the queue's backoff, the worker starting). Pages only ever see crmStatus and crmThreads.
import { browser } from 'wxt/browser';
import { agentOf } from '../auth/agent';
import { saveCrmName } from '../contacts/store';
import { ProtocolError, type RequestData } from '../messaging';
import { authStatus, crmLogSettings, crmStatus, crmThreads } from '../storage';
import type { Store } from '../sync/db';
import type { AgentPart } from '../background/agent-data';
import { crmAgentPart } from './agent-part';
import { connectHubSpot, connectSalesforce } from './connect';
import { describeCrmError } from './failure';
import { CrmService } from './service';
import { clearConnection, currentConnection, openCrmStore } from './store';

export const CRM_ALARM = 'crm-log-kick';

export interface CrmHandlers {
  crmConnectSalesforce(data: RequestData<'crmConnectSalesforce'>): Promise<void>;
  crmConnectHubSpot(data: RequestData<'crmConnectHubSpot'>): Promise<void>;
  crmDisconnect(data: RequestData<'crmDisconnect'>): Promise<void>;
  crmChooseRecord(data: RequestData<'crmChooseRecord'>): Promise<void>;
  crmCreateRecord(data: RequestData<'crmCreateRecord'>): Promise<void>;
  crmLogNow(data: RequestData<'crmLogNow'>): Promise<void>;
}

/** Thread states are written one after another, so two threads finishing together keep both. */
let writes: Promise<unknown> = Promise.resolve();
function patchThreads(change: (all: Awaited<ReturnType<typeof crmThreads.getValue>>) => void): Promise<void> {
  const run = writes.then(async () => {
    const all = { ...(await crmThreads.getValue()) };
    change(all);
    await crmThreads.setValue(all);
  });
  writes = run.catch(() => undefined);
  return run;
}

const asProtocolError = (error: unknown): ProtocolError => {
  if (error instanceof ProtocolError) return error;
  const { code, message } = describeCrmError(error);
  return new ProtocolError(code, message);
};

export function setupCrm(deps: { syncDb(): Promise<Store> }): {
  service: CrmService;
  handlers: CrmHandlers;
  onThreadsChanged(ids?: string[]): void;
  /** The CRM side of the hand-over between agents (lib/background/agent-data.ts). */
  agentPart: AgentPart;
} {
  const crmDb = () => openCrmStore();
  const clearThreads = () => patchThreads((all) => Object.keys(all).forEach((k) => delete all[k]));
  const service = new CrmService({
    crmDb,
    syncDb: deps.syncDb,
    me: async () => agentOf(await authStatus.getValue()),
    settings: () => crmLogSettings.getValue(),
    saveCrmName,
    publish: {
      thread: (threadId, state) =>
        patchThreads((all) => {
          if (state) all[threadId] = state;
          else delete all[threadId];
        }),
      clearThreads,
    },
  });

  async function afterConnect(): Promise<void> {
    service.forgetClient();
    const connection = await currentConnection(await crmDb());
    await crmStatus.setValue(
      connection
        ? {
            kind: connection.kind,
            ...(CrmService.describe(connection) ? { description: CrmService.describe(connection) } : {}),
          }
        : {},
    );
    await clearThreads();
    void service.matchThreads().catch((e: unknown) => console.warn('ThreadDesk CRM matching failed', e));
  }

  const guard = async <T>(run: () => Promise<T>): Promise<T> => {
    try {
      return await run();
    } catch (error) {
      throw asProtocolError(error);
    }
  };

  const handlers: CrmHandlers = {
    crmConnectSalesforce: (data) =>
      guard(async () => void (await connectSalesforce(await crmDb(), data), await afterConnect())),
    crmConnectHubSpot: (data) =>
      guard(async () => void (await connectHubSpot(await crmDb(), data), await afterConnect())),
    crmDisconnect: () =>
      guard(async () => {
        await clearConnection(await crmDb());
        await afterConnect();
      }),
    crmChooseRecord: ({ threadId, recordId }) => guard(() => service.chooseRecord(threadId, recordId)),
    crmCreateRecord: ({ threadId, ...input }) =>
      guard(async () => void (await service.createRecord(threadId, input))),
    crmLogNow: ({ threadId }) =>
      guard(async () => {
        await service.enqueue(threadId, true);
        await service.kick();
      }),
  };

  browser.alarms.onAlarm.addListener((alarm) => {
    if (alarm.name === CRM_ALARM) void service.kick();
  });
  void browser.alarms.create(CRM_ALARM, { periodInMinutes: 1 });
  void service.kick();

  return {
    service,
    handlers,
    agentPart: crmAgentPart({ crmDb, clearThreads }),
    onThreadsChanged(ids) {
      void service
        .onThreadsChanged(ids ?? [])
        .catch((e: unknown) => console.warn('ThreadDesk CRM update failed', e));
    },
  };
}
