// A fetch that records every request and response it carries, for checking both against the spec afterwards.
export interface Exchange {
  method: string;
  url: URL;
  requestContentType?: string;
  /** Parsed JSON, the raw form string, or { metadata, attachments } for multipart. */
  requestBody?: unknown;
  status: number;
  responseContentType?: string;
  /** Parsed JSON, raw text, or undefined for empty/binary bodies. */
  responseBody?: unknown;
  responseHeaders: Headers;
}

async function readRequestBody(request: Request, contentType: string): Promise<unknown> {
  if (request.body === null) return undefined;
  if (contentType.startsWith('multipart/form-data')) {
    const form = await request.clone().formData();
    const metadata = form.get('metadata');
    return {
      metadata:
        typeof metadata === 'string' ? JSON.parse(metadata) : JSON.parse(await (metadata as Blob).text()),
      // Binary parts stand in as their file names: the schema only asks for strings (format binary).
      attachments: form.getAll('attachments').map((part) => (typeof part === 'string' ? part : part.name)),
    };
  }
  const text = await request.clone().text();
  if (text === '') return undefined;
  if (contentType.includes('json')) return JSON.parse(text);
  return text;
}

async function readResponseBody(response: Response, contentType: string): Promise<unknown> {
  if (!/json|text|html/.test(contentType)) return undefined;
  const text = await response.clone().text();
  if (text === '') return undefined;
  if (contentType.includes('json')) {
    try {
      return JSON.parse(text);
    } catch {
      return text;
    }
  }
  return text;
}

export function recordingFetch(
  log: Exchange[],
  inner: typeof fetch = globalThis.fetch.bind(globalThis),
): typeof fetch {
  return async (input, init) => {
    const request = new Request(input, init);
    const requestContentType = request.headers.get('content-type') ?? '';
    const requestBody = await readRequestBody(request, requestContentType);
    const response = await inner(request);
    const responseContentType = response.headers.get('content-type') ?? '';
    log.push({
      method: request.method,
      url: new URL(request.url),
      ...(requestContentType ? { requestContentType } : {}),
      ...(requestBody !== undefined ? { requestBody } : {}),
      status: response.status,
      ...(responseContentType ? { responseContentType } : {}),
      responseBody: await readResponseBody(response, responseContentType),
      responseHeaders: response.headers,
    });
    return response;
  };
}
