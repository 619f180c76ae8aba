// Builds the extension once for the e2e run (the emulator's host is baked into host_permissions; each spec
// points the extension at its own emulator port through the serverSettings storage item).
import { execFileSync } from 'node:child_process';
import { requireChromium } from '../scripts/chromium-path.ts';

export default function globalSetup() {
  requireChromium();
  execFileSync('npx', ['wxt', 'build'], {
    stdio: 'inherit',
    env: { ...process.env, WXT_RC_SERVER: 'http://127.0.0.1:8600' },
  });
}
