// Finds a Chromium for the e2e tests and benchmarks; installs Debian's when it can.
import { execFileSync } from 'node:child_process';
import { existsSync } from 'node:fs';
import { chromiumPath } from './chromium-path.ts';

const found = chromiumPath();
if (found) {
  console.info(`Chromium: ${found}`);
} else {
  const isRoot = process.getuid?.() === 0;
  const hasApt = existsSync('/usr/bin/apt-get');
  const command = 'apt-get update && apt-get install -y chromium';
  if (!isRoot || !hasApt) {
    console.error(`No Chromium found. Install one with:\n  sudo sh -c '${command}'\nor set CHROMIUM_PATH.`);
    process.exit(1);
  }
  console.info(`No Chromium found; running: ${command}`);
  execFileSync('sh', ['-c', `${command} >/dev/null`], {
    stdio: 'inherit',
    env: { ...process.env, DEBIAN_FRONTEND: 'noninteractive' },
  });
  if (!chromiumPath()) {
    console.error('Chromium is still missing after apt-get install.');
    process.exit(1);
  }
}
