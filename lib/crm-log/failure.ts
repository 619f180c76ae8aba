// A failed CRM call in the protocol's terms (lib/messaging.ts, docs/architecture.md "Errors across contexts"): one
// code and words for the agent, whether the failure is thrown to a page or stored on a thread (crmThreads).
import type { ProtocolErrorCode } from '../messaging';
import { CrmApiError, type CrmErrorKind } from '../crm-api/types';

const CODES: Record<CrmErrorKind, ProtocolErrorCode> = {
  rateLimited: 'rateLimited',
  limitExceeded: 'rateLimited',
  network: 'offline',
  auth: 'signedOut',
  invalid: 'server',
  notFound: 'server',
  server: 'server',
};

export function describeCrmError(error: unknown): { code: ProtocolErrorCode; message: string } {
  if (error instanceof CrmApiError) return { code: CODES[error.kind], message: error.message };
  return { code: 'server', message: error instanceof Error ? error.message : String(error) };
}
