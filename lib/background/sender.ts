// Who is asking, judged only from what the browser sets on the message (never from the message itself):
// our own pages may make any request, content scripts in CRM tabs only CONTENT_REQUESTS.
import { CONTENT_REQUESTS, ProtocolError, requestSchemas, type RequestName } from '../messaging';

export interface SenderLike {
  id?: string;
  url?: string;
  origin?: string;
  tab?: { id?: number; windowId?: number };
}

export interface Self {
  /** browser.runtime.id */
  extensionId: string;
  /** Origin of browser.runtime.getURL('/'). */
  extensionOrigin: string;
}

export type SenderKind = 'page' | 'content';

const forbidden = (why: string) => new ProtocolError('forbidden', why);

/** scheme://host of a URL. Not URL.origin: for chrome-extension: and moz-extension: some engines say "null",
 *  which would make every such sender look alike. */
export function originOf(url: string | undefined): string | undefined {
  if (!url) return undefined;
  try {
    const u = new URL(url);
    return u.host ? `${u.protocol}//${u.host}` : undefined;
  } catch {
    return undefined;
  }
}

/** Throws a 'forbidden' ProtocolError unless this sender may make this request; returns what kind of sender
 *  it is. */
export function checkSender(name: RequestName, sender: SenderLike | undefined, self: Self): SenderKind {
  if (!sender || sender.id !== self.extensionId) throw forbidden('Not sent by ThreadDesk.');
  const origin = originOf(sender.url) ?? originOf(sender.origin);
  if (!origin) throw forbidden('The sender has no address.');
  const ours = originOf(self.extensionOrigin);
  if (ours && origin === ours) return 'page';
  if (!CONTENT_REQUESTS.has(name)) throw forbidden(`A web page may not ask for "${name}".`);
  return 'content';
}

/** Parses the payload with the request's schema; throws an 'invalidRequest' ProtocolError with the first
 *  problem. */
export function validateRequest<N extends RequestName>(name: N, data: unknown) {
  const parsed = requestSchemas[name].safeParse(data ?? {});
  if (!parsed.success) {
    const issue = parsed.error.issues[0];
    const where = issue?.path.length ? ` (${issue.path.join('.')})` : '';
    throw new ProtocolError('invalidRequest', `${issue?.message ?? 'Invalid request'}${where}`);
  }
  return parsed.data;
}
