// Operations the public spec has but production may not offer yet (RingCentral's thread-messaging guide:
// deleting a message "TBD. Not implemented"; "only text content is supported", so no MMS send). We learn it at
// run time: a refusal that says "not available here" turns the operation off for that server, persisted, and
// the UI stops offering it and says why. Any other failure (a 404 for a message, a 429) changes nothing.
import { RcError, toRcError } from '../rc/errors';
import { serverFeatures, serverSettings } from '../storage';

export type OptionalFeature = 'messageDelete' | 'mmsSend';

export interface FeatureRefusal {
  at: number;
  /** RingCentral's error code and words, e.g. CMN-109 "Feature not available." */
  code: string;
  message: string;
}

/** Per server (its REST base URL), the operations it refused as unavailable. */
export type ServerFeatures = Record<string, Partial<Record<OptionalFeature, FeatureRefusal>>>;

const NOT_OFFERED_CODES = new Set(['CMN-109', 'CMN-105', 'CMN-409']);

/** Whether a failure says the operation is not offered on this server (not that this request was wrong). */
export function isNotOffered(e: RcError): boolean {
  if (e.status === 501 || e.status === 405) return true;
  if (e.status !== 403) return false;
  return NOT_OFFERED_CODES.has(e.code) || /not (available|supported|implemented)/i.test(e.message);
}

export const isOffered = (all: ServerFeatures | null, server: string, feature: OptionalFeature) =>
  !all?.[server]?.[feature];

const WORDS: Record<OptionalFeature, string> = {
  messageDelete: 'This RingCentral server does not offer deleting messages.',
  mmsSend: 'This RingCentral server does not accept attachments in thread messages; send text only.',
};

let writes: Promise<unknown> = Promise.resolve();

async function recordRefusal(feature: OptionalFeature, e: RcError): Promise<void> {
  const { server } = await serverSettings.getValue();
  writes = writes.then(async () => {
    const all = (await serverFeatures.getValue()) ?? {};
    const refusal: FeatureRefusal = { at: Date.now(), code: e.code, message: e.message };
    await serverFeatures.setValue({ ...all, [server]: { ...all[server], [feature]: refusal } });
  });
  await writes;
}

/** Runs an optional operation; a "not offered" refusal is recorded and rethrown in words for the agent. */
export async function tryOptional<T>(feature: OptionalFeature, run: () => Promise<T>): Promise<T> {
  try {
    return await run();
  } catch (e) {
    const rc = await toRcError(e);
    if (!isNotOffered(rc)) throw e;
    await recordRefusal(feature, rc);
    throw new RcError(rc.code, WORDS[feature], { status: rc.status, body: rc.body, cause: e });
  }
}
