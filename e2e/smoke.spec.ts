import { readFile } from 'node:fs/promises';
import path from 'node:path';
import { afterAll, beforeAll, expect, test } from 'vitest';
import { EXTENSION_DIR, launchProfile, unpackedExtensionId, type Profile } from './harness.ts';

let profile: Profile;
beforeAll(async () => {
  profile = await launchProfile();
});
afterAll(() => profile?.close());

test('the built extension loads in Chromium and its service worker runs', async () => {
  const manifest = JSON.parse(await readFile(path.join(EXTENSION_DIR, 'manifest.json'), 'utf8'));
  expect(profile.extensionId).toBe(unpackedExtensionId(EXTENSION_DIR));
  expect(profile.worker.url()).toBe(`chrome-extension://${profile.extensionId}/background.js`);
  const runtimeName = await profile.worker.evaluate(() => chrome.runtime.getManifest().name);
  expect(runtimeName).toBe('ThreadDesk');
  expect(manifest.manifest_version).toBe(3);
});

test('the side panel and options pages render', async () => {
  for (const page of ['sidepanel', 'options']) {
    const p = await profile.context.newPage();
    await p.goto(`chrome-extension://${profile.extensionId}/${page}.html`);
    await expect.poll(() => p.locator('#app').innerHTML()).not.toBe('');
    await p.close();
  }
});
