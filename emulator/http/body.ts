// Reading request bodies with a size cap, then parsing JSON, form-urlencoded or multipart bodies.
import type { IncomingMessage } from 'node:http';
import { badParam, malformedJson, RcError, tooLarge } from './errors.ts';

export const KB = 1024;
export const MB = 1024 * KB;

/** Reads the whole body, refusing (413) as soon as it passes `limit` bytes. */
export async function readBody(req: IncomingMessage, limit: number): Promise<Buffer> {
  const declared = Number(req.headers['content-length'] ?? NaN);
  if (Number.isFinite(declared) && declared > limit) {
    req.resume();
    throw tooLarge(`Request body exceeds the ${formatBytes(limit)} limit.`);
  }
  const chunks: Buffer[] = [];
  let size = 0;
  for await (const chunk of req) {
    const buf = chunk as Buffer;
    size += buf.byteLength;
    if (size > limit) {
      req.resume();
      throw tooLarge(`Request body exceeds the ${formatBytes(limit)} limit.`);
    }
    chunks.push(buf);
  }
  return Buffer.concat(chunks);
}

function formatBytes(n: number): string {
  return n >= MB ? `${n / MB} MB` : `${n / KB} KB`;
}

export function mediaType(req: IncomingMessage): string {
  return (req.headers['content-type'] ?? '').split(';')[0]?.trim().toLowerCase() ?? '';
}

/** JSON body; an empty body reads as undefined, unparsable text is CMN-103. */
export async function readJson(req: IncomingMessage, limit = MB): Promise<unknown> {
  const raw = await readBody(req, limit);
  if (raw.byteLength === 0) return undefined;
  try {
    return JSON.parse(raw.toString('utf8')) as unknown;
  } catch {
    throw malformedJson();
  }
}

/** Form-urlencoded body (OAuth endpoints). */
export async function readForm(req: IncomingMessage, limit = 64 * KB): Promise<URLSearchParams> {
  const type = mediaType(req);
  const raw = await readBody(req, limit);
  if (raw.byteLength > 0 && type !== 'application/x-www-form-urlencoded') {
    throw new RcError(
      415,
      [{ errorCode: 'OAU-101', message: 'Content type must be application/x-www-form-urlencoded.' }],
      {},
      'invalid_request',
    );
  }
  return new URLSearchParams(raw.toString('utf8'));
}

/** multipart/form-data, parsed by the platform's own Request (no dependency). */
export async function readMultipart(req: IncomingMessage, limit: number): Promise<FormData> {
  const raw = await readBody(req, limit);
  const contentType = req.headers['content-type'] ?? '';
  try {
    return await new Request('http://emulator.invalid/', {
      method: 'POST',
      headers: { 'content-type': contentType },
      body: new Blob([new Uint8Array(raw)]),
    }).formData();
  } catch {
    throw badParam('body', 'The multipart body could not be parsed.');
  }
}
