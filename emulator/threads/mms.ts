// Reading a send request: JSON for SMS, multipart/form-data for MMS (a `metadata` JSON part plus `attachments`
// file parts). Limits: JSON body 1 MB, multipart body 10 MB, 1.5 MB per attachment, 10 attachments.
import type { IncomingMessage } from 'node:http';
import { KB, MB, mediaType, readJson, readMultipart } from '../http/body.ts';
import { badParam, malformedJson } from '../http/errors.ts';
import { parseWith } from '../http/validate.ts';
import type { PendingAttachment } from './message-ops.ts';
import { SendMessageBody } from './schemas.ts';

export const MAX_ATTACHMENT_BYTES = 1.5 * MB;
export const MAX_MMS_BODY_BYTES = 10 * MB;
export const MAX_ATTACHMENTS = 10;

const SUPPORTED_TYPE = /^(image|audio|video)\/[\w.+-]+$|^application\/pdf$|^text\/(x-)?vcard$/i;

export async function readSendRequest(
  req: IncomingMessage,
): Promise<{ body: SendMessageBody; attachments: PendingAttachment[] }> {
  if (mediaType(req) !== 'multipart/form-data') {
    return { body: parseWith(SendMessageBody, await readJson(req, MB)), attachments: [] };
  }
  const form = await readMultipart(req, MAX_MMS_BODY_BYTES);
  const metadata = form.get('metadata');
  if (metadata === null) throw badParam('metadata', 'Parameter [metadata] is required.', 'CMN-100');
  const text = typeof metadata === 'string' ? metadata : await metadata.text();
  let json: unknown;
  try {
    json = JSON.parse(text);
  } catch {
    throw malformedJson();
  }
  const body = parseWith(SendMessageBody, json);
  const files = form.getAll('attachments').filter((part): part is File => typeof part !== 'string');
  if (files.length > MAX_ATTACHMENTS) {
    throw badParam('attachments', `At most ${MAX_ATTACHMENTS} attachments may be sent.`);
  }
  const attachments: PendingAttachment[] = [];
  for (const file of files) {
    const contentType = file.type.split(';')[0]?.trim() ?? '';
    if (!SUPPORTED_TYPE.test(contentType)) {
      throw badParam('attachments', `Attachment content type [${contentType || 'none'}] is not supported.`);
    }
    if (file.size > MAX_ATTACHMENT_BYTES) {
      throw badParam(
        'attachments',
        `Attachment size exceeds the ${MAX_ATTACHMENT_BYTES / KB} KB limit.`,
        'MSG-337',
      );
    }
    attachments.push({
      contentType,
      ...(file.name && file.name !== 'blob' ? { filename: file.name } : {}),
      bytes: new Uint8Array(await file.arrayBuffer()),
    });
  }
  return { body, attachments };
}
