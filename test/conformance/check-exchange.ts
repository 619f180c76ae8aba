// Checks one recorded exchange against the spec and says, in one line each, what does not conform.
import type { OpenApiValidator } from './openapi.ts';
import type { Exchange } from './recorder.ts';

export interface Finding {
  operationId: string;
  side: 'request' | 'response';
  status: number;
  message: string;
}

/** Fields @ringcentral/sdk 5.0.11 itself sends that the spec does not declare (docs/emulator.md "OAuth"); not ours to fix. */
const SDK_EXTRA_QUERY = new Set(['ui_options', 'localeId', 'response_hint', 'discovery']);

export function operationOf(spec: OpenApiValidator, exchange: Exchange): string | undefined {
  return spec.findOperation({ method: exchange.method, path: exchange.url.pathname })?.operationId;
}

function responseFindings(spec: OpenApiValidator, exchange: Exchange): string[] {
  const ref = { method: exchange.method, path: exchange.url.pathname };
  const { status, responseBody, responseContentType } = exchange;
  const response = spec.validateResponse(ref, status, responseBody, responseContentType);
  if (!response.undeclared) return [...retryAfterFindings(exchange), ...response.errors];
  // RingCentral's errors (400/403/404/429, docs/emulator.md "Errors") happen on every API but are declared on few
  // operations; an undeclared error must still carry the standard error body. An undeclared success is a finding.
  if (status < 400) return ['status not declared in the spec'];
  const model = status === 400 ? 'ParameterizedErrorResponseModel' : 'ApiErrorResponseModel';
  return [...retryAfterFindings(exchange), ...spec.validateComponent(model, responseBody).errors];
}

function retryAfterFindings(exchange: Exchange): string[] {
  return exchange.status === 429 && !exchange.responseHeaders.get('retry-after')
    ? ['429 without a Retry-After header']
    : [];
}

export function checkExchange(spec: OpenApiValidator, exchange: Exchange): Finding[] {
  const operationId = operationOf(spec, exchange);
  const status = exchange.status;
  if (!operationId) {
    const where = `${exchange.method} ${exchange.url.pathname}`;
    return [{ operationId: where, side: 'request', status, message: 'not an operation of the spec' }];
  }
  // The SDK sends every key it knows, empty ones included (docs/emulator.md "OAuth"): an empty value means "not given".
  const query = new URLSearchParams(
    [...new URLSearchParams(exchange.url.search)].filter(
      ([name, value]) => value !== '' && !SDK_EXTRA_QUERY.has(name),
    ),
  );
  const request = spec.validateRequest(
    { method: exchange.method, path: exchange.url.pathname },
    {
      query,
      body: exchange.requestBody,
      ...(exchange.requestContentType ? { contentType: exchange.requestContentType } : {}),
    },
  );
  return [
    ...request.errors.map((message) => ({ operationId, side: 'request' as const, status, message })),
    ...responseFindings(spec, exchange).map((message) => ({
      operationId,
      side: 'response' as const,
      status,
      message,
    })),
  ];
}

export function describeFinding(f: Finding): string {
  return `${f.operationId} ${f.status} ${f.side}: ${f.message}`;
}
