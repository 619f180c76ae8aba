// `npm run bench`: every benchmark, one after another, printing its numbers. `npm run bench -- phone` runs one.
import { readdir } from 'node:fs/promises';
import path from 'node:path';

const only = process.argv.slice(2);
const dir = import.meta.dirname;
const names = (await readdir(dir))
  .filter((f) => f.endsWith('.ts') && f !== 'run.ts' && !f.includes('.test.') && !f.startsWith('_'))
  .map((f) => f.replace(/\.ts$/, ''))
  .filter((n) => only.length === 0 || only.includes(n))
  .sort();

let failed = 0;
for (const name of names) {
  const mod = (await import(path.join(dir, `${name}.ts`))) as {
    run?: () => Promise<Record<string, unknown>>;
  };
  if (typeof mod.run !== 'function') continue;
  console.log(`\n== ${name}`);
  try {
    const results = await mod.run();
    for (const [key, value] of Object.entries(results)) console.log(`${key.padEnd(48)} ${value}`);
  } catch (error) {
    failed++;
    console.error(`${name} failed:`, error);
  }
}
process.exit(failed ? 1 : 0);
