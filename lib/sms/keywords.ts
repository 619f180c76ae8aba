// Carrier keywords RingCentral handles for us (docs/emulator.md, Thread rules): we only need to know their effect.
const STOP = new Set(['STOP', 'STOPALL', 'UNSUBSCRIBE', 'CANCEL', 'END', 'QUIT', 'REVOKE', 'OPTOUT']);
const START = new Set(['START', 'UNSTOP']);

export type Keyword = 'stop' | 'start' | 'help';

/** The keyword a message consists of (alone, any case, surrounding space ignored), if any. */
export function keywordOf(text: string | undefined): Keyword | undefined {
  const word = text?.trim().toUpperCase();
  if (!word) return undefined;
  if (STOP.has(word)) return 'stop';
  if (START.has(word)) return 'start';
  if (word === 'HELP') return 'help';
  return undefined;
}

/** Opted out when the customer's latest STOP-family keyword is not followed by a START. Oldest text first. */
export function isOptedOut(inboundTextsOldestFirst: Iterable<string | undefined>): boolean {
  let out = false;
  for (const text of inboundTextsOldestFirst) {
    const k = keywordOf(text);
    if (k === 'stop') out = true;
    else if (k === 'start') out = false;
  }
  return out;
}
