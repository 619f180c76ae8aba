// The phone-number detector: what the content script, the tests and the benchmark all call.
export { detectPhoneNumbers, insideIgnoredContent } from './detect';
export { CHIP_TAG, isInlineElement } from './elements';
export { toNumber as phoneToE164 } from './find-in-text';
export { formatForDisplay } from './format';
export type { DetectOptions, MatchSource, PhoneMatch } from './types';
