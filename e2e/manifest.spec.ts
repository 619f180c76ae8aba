// The demo CRM's hosts (localhost, 127.0.0.1) are only in emulator builds. Builds a production
// extension (no WXT_RC_SERVER: RingCentral itself) into a temp folder and reads its manifest; the emulator
// build the other specs use (global-setup.ts) is read beside it.
import { mkdtemp, readFile, rm, stat } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { build } from 'wxt';
import { expect, test } from '@playwright/test';
import { EXTENSION_DIR } from './harness.ts';

interface Manifest {
  content_scripts?: Array<{ matches: string[]; js: string[] }>;
  host_permissions?: string[];
  optional_host_permissions?: string[];
}

const LOOPBACK = /^https?:\/\/(127\.0\.0\.1|localhost|\[::1\])[/:]/;
const readManifest = async (dir: string) =>
  JSON.parse(await readFile(path.join(dir, 'manifest.json'), 'utf8')) as Manifest;

test('a production manifest matches CRM hosts only; the emulator build adds the demo hosts', async () => {
  test.setTimeout(180_000);
  const out = await mkdtemp(path.join(tmpdir(), 'td-prod-build-'));
  const saved = process.env.WXT_RC_SERVER;
  delete process.env.WXT_RC_SERVER;
  try {
    await build({ outDir: out, filterEntrypoints: ['background', 'crm'] });
  } finally {
    if (saved !== undefined) process.env.WXT_RC_SERVER = saved;
  }
  try {
    const prod = await readManifest(path.join(out, 'chrome-mv3'));
    const matches = prod.content_scripts!.flatMap((c) => c.matches);
    expect(matches).toContain('https://*.lightning.force.com/*');
    expect(matches.filter((m) => LOOPBACK.test(m))).toEqual([]);
    expect(matches.every((m) => m.startsWith('https://'))).toBe(true);
    expect(prod.host_permissions).toEqual(['https://*.ringcentral.com/*', 'wss://*.ringcentral.com/*']);
    expect((prod.optional_host_permissions ?? []).filter((m) => LOOPBACK.test(m))).toEqual([]);
    // The production content script stays within its budget too.
    const js = prod.content_scripts![0]!.js[0]!;
    expect((await stat(path.join(out, 'chrome-mv3', js))).size).toBeLessThanOrEqual(80 * 1024);

    const emulatorBuild = await readManifest(EXTENSION_DIR);
    const demo = emulatorBuild.content_scripts!.flatMap((c) => c.matches).filter((m) => LOOPBACK.test(m));
    expect(demo).toEqual(['http://127.0.0.1/crm/*', 'http://localhost/crm/*']);
  } finally {
    await rm(out, { recursive: true, force: true });
  }
});
