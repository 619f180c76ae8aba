// `npm run bench`: every benchmark, each in its own process (some set globals a service worker would have),
// printing its numbers. `npm run bench -- phone` runs one.
import { spawnSync } from 'node:child_process';
import { readdir } from 'node:fs/promises';
import path from 'node:path';

const BENCHES = ['emulator-isync', 'background', 'phone', 'sidepanel', 'crm', 'handover', 'presence'];
const only = process.argv.slice(2);
const dir = import.meta.dirname;
const present = new Set((await readdir(dir)).map((f) => f.replace(/\.ts$/, '')));
const names = BENCHES.filter((n) => present.has(n) && (only.length === 0 || only.includes(n)));

let failed = 0;
for (const name of names) {
  console.log(`\n== ${name}`);
  const run = spawnSync('npx', ['tsx', '--expose-gc', path.join(dir, `${name}.ts`)], { stdio: 'inherit' });
  if (run.status !== 0) {
    failed++;
    console.error(`${name} failed (exit ${run.status})`);
  }
}
process.exit(failed ? 1 : 0);
