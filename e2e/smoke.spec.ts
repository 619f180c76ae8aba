import { readFile } from 'node:fs/promises';
import path from 'node:path';
import { expect, test } from './fixtures.ts';
import { EXTENSION_DIR, unpackedExtensionId } from './harness.ts';

test('the built extension loads in Chromium and its service worker runs', async ({ profile }) => {
  const manifest = JSON.parse(await readFile(path.join(EXTENSION_DIR, 'manifest.json'), 'utf8'));
  expect(profile.extensionId).toBe(unpackedExtensionId(EXTENSION_DIR));
  expect(profile.worker.url()).toBe(`chrome-extension://${profile.extensionId}/background.js`);
  const runtimeName = await profile.worker.evaluate(() => chrome.runtime.getManifest().name);
  expect(runtimeName).toBe('ThreadDesk');
  expect(manifest.manifest_version).toBe(3);
});

test('the side panel and options pages render', async ({ profile }) => {
  for (const page of ['sidepanel', 'options'] as const) {
    const p = await profile.open(page);
    await expect.poll(() => p.locator('#app').innerHTML()).not.toBe('');
    await p.close();
  }
});
