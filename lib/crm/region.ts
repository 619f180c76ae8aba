// The region whose national numbers a page's unprefixed numbers are read as: the browser's preferred
// language region (en-GB → GB), else the United States, where RingCentral's thread messaging lives.
import { isKnownRegion } from '../phone/numbering';

export const FALLBACK_REGION = 'US';

export function regionFromLanguages(languages: readonly string[]): string {
  for (const tag of languages) {
    const region = /^[a-z]{2,3}(?:-[A-Za-z]{4})?-([A-Za-z]{2})\b/.exec(tag)?.[1]?.toUpperCase();
    if (region && isKnownRegion(region)) return region;
  }
  return FALLBACK_REGION;
}
