// Fixtures for e2e specs, in the shape of WXT's Playwright example (`context`, `extensionId`), plus the
// emulator and signed-in profiles. Import `test` and `expect` from here, not from @playwright/test:
//
//   test('…', async ({ emulator, profile, signIn }) => {
//     const panel = await signIn(emulator.advisors()[0]!);   // PKCE sign-in, then the side panel in a tab
//     await emulator.control('inbound', { from, to, text });  // the test-control API (docs/emulator.md)
//   });
//
// Each test gets its own emulator (defaults: rate limits on) and its own Chromium profile pointed at it;
// `newProfile()` adds more profiles on the same emulator (a second agent). Traces of every profile are kept
// only when a test fails, in test-results/e2e/<test>/ (git-ignored): `npx playwright show-trace <zip>`.
import { test as base, expect, type BrowserContext, type Page } from '@playwright/test';
import {
  launchEmulator,
  launchProfile,
  liveProfiles,
  type Emulator,
  type Profile,
  type SeededUser,
} from './harness.ts';
import { openSignedInPanel } from './panel.ts';

interface Fixtures {
  emulator: Emulator;
  /** A fresh profile with the extension, pointed at `emulator`. */
  profile: Profile;
  /** WXT's example names: the profile's browser context and the extension's id. */
  context: BrowserContext;
  extensionId: string;
  /** More profiles on the same emulator, closed after the test. */
  newProfile: () => Promise<Profile>;
  /** Signs `profile` (or the one given) in as the user through the PKCE window and opens the side panel. */
  signIn: (user: SeededUser, profile?: Profile) => Promise<Page>;
  /** Cuts the trace of every open profile after each test, keeping it when the test failed. */
  traces: void;
}

export const test = base.extend<Fixtures>({
  traces: [
    async ({}, use, testInfo) => {
      await use();
      const failed = testInfo.status !== testInfo.expectedStatus;
      let n = 0;
      for (const p of liveProfiles())
        await p.cutTrace(failed ? testInfo.outputPath(`trace-${++n}.zip`) : undefined).catch(() => undefined);
    },
    { auto: true },
  ],
  emulator: async ({}, use) => {
    const emulator = await launchEmulator();
    await use(emulator);
    await emulator.close();
  },
  newProfile: async ({ emulator }, use, testInfo) => {
    const launched: Profile[] = [];
    await use(async () => {
      const p = await launchProfile(emulator);
      launched.push(p);
      return p;
    });
    const failed = testInfo.status !== testInfo.expectedStatus;
    for (const [i, p] of launched.entries()) {
      if (failed) await p.cutTrace(testInfo.outputPath(`trace-profile-${i + 1}.zip`)).catch(() => undefined);
      await p.close();
    }
  },
  profile: async ({ newProfile }, use) => {
    await use(await newProfile());
  },
  context: async ({ profile }, use) => {
    await use(profile.context);
  },
  extensionId: async ({ profile }, use) => {
    await use(profile.extensionId);
  },
  signIn: async ({ profile }, use) => {
    await use((user, other) => openSignedInPanel(other ?? profile, user));
  },
});

export { expect };
