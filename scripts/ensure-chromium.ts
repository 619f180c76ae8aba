// The one place that gets a Chromium for everything that launches one (the simulator's integration test, the
// e2e specs, the benchmarks): `npm test` and `npm run bench` run it before anything else, so a fresh machine
// installs Debian's chromium (when root with apt-get) before the first browser starts.
import { execFileSync } from 'node:child_process';
import { existsSync } from 'node:fs';
import { chromiumPath } from './chromium-path.ts';

const INSTALL = 'apt-get update && apt-get install -y chromium';

function fail(message: string): never {
  console.error(message);
  process.exit(1);
}

function ensureChromium(): string {
  const found = chromiumPath();
  if (found) return found;
  if (process.env.CHROMIUM_PATH) fail(`CHROMIUM_PATH=${process.env.CHROMIUM_PATH} does not exist.`);
  if (process.getuid?.() !== 0 || !existsSync('/usr/bin/apt-get'))
    fail(`No Chromium found. Install one with:\n  sudo sh -c '${INSTALL}'\nor set CHROMIUM_PATH.`);
  console.info(`No Chromium found; running: ${INSTALL}`);
  execFileSync('sh', ['-c', `${INSTALL} >/dev/null`], {
    stdio: 'inherit',
    env: { ...process.env, DEBIAN_FRONTEND: 'noninteractive' },
  });
  return chromiumPath() ?? fail('Chromium is still missing after apt-get install.');
}

console.info(`Chromium: ${ensureChromium()}`);
