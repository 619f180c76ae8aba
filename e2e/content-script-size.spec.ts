// The content script runs on every CRM page the agent opens: its built, minified bundle stays within 80 KB
// (docs/architecture.md). Reads the build global-setup.ts made.
import { readFile, stat } from 'node:fs/promises';
import path from 'node:path';
import { expect, test } from './fixtures.ts';
import { EXTENSION_DIR } from './harness.ts';

test('every content script of the build is at most 80 KB', async () => {
  const manifest = JSON.parse(await readFile(path.join(EXTENSION_DIR, 'manifest.json'), 'utf8')) as {
    content_scripts: Array<{ js: string[] }>;
  };
  const files = manifest.content_scripts.flatMap((c) => c.js);
  expect(files.length).toBeGreaterThan(0);
  for (const file of files) {
    const { size } = await stat(path.join(EXTENSION_DIR, file));
    console.info(`${file}: ${(size / 1024).toFixed(1)} KB`);
    expect(size, file).toBeLessThanOrEqual(80 * 1024);
  }
});
