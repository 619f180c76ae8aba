import { existsSync } from 'node:fs';

/** The Chromium binary the tests drive: CHROMIUM_PATH when set, else Debian's. */
export function chromiumPath(): string | undefined {
  if (process.env.CHROMIUM_PATH)
    return existsSync(process.env.CHROMIUM_PATH) ? process.env.CHROMIUM_PATH : undefined;
  return ['/usr/bin/chromium', '/usr/bin/chromium-browser'].find((p) => existsSync(p));
}

/** The Chromium to launch; without one, says how to get it (`npm test` runs scripts/ensure-chromium.ts first). */
export function requireChromium(): string {
  const found = chromiumPath();
  if (!found)
    throw new Error(
      'No Chromium: run `npx tsx scripts/ensure-chromium.ts` (npm test does) or set CHROMIUM_PATH.',
    );
  return found;
}
