// `npm start`: the product on the local emulator. Starts the emulator with its seed, builds the extension
// configured for it, and opens Chromium with the extension, a demo CRM page and the customer simulator.
// With no display it prints the URLs and the extension folder. Ctrl-C stops everything it started.
import { spawn, execFileSync, type ChildProcess } from 'node:child_process';
import path from 'node:path';
import { startEmulator } from '../emulator/server.ts';
import { chromiumPath } from './chromium-path.ts';

const port = Number(process.env.PORT ?? 8600);
const root = path.resolve(import.meta.dirname, '..');
const extensionDir = path.join(root, '.output/chrome-mv3');

const emulator = await startEmulator({ port, dataDir: path.join(root, '.emulator-data') });
const credentials = (await (await fetch(`${emulator.url}/__emulator/credentials`)).json()) as {
  publicClientId?: string;
  clientId?: string;
  users?: { name: string; username: string; password: string }[];
};
const clientId = credentials.publicClientId ?? credentials.clientId ?? '';

console.log('Building the extension for the emulator…');
execFileSync('npx', ['wxt', 'build'], {
  cwd: root,
  stdio: ['ignore', 'ignore', 'inherit'],
  env: { ...process.env, WXT_RC_SERVER: emulator.url, WXT_RC_CLIENT_ID: clientId },
});

const demoCrm = `${emulator.url}/crm/demo.html`;
const simulator = `${emulator.url}/simulator`;
console.log(`
ThreadDesk on the local RingCentral emulator
  emulator        ${emulator.url}
  demo CRM        ${demoCrm}
  simulator       ${simulator}
  extension       ${extensionDir}  (chrome://extensions → Load unpacked)
  sign in as      ${(credentials.users ?? [])
    .slice(0, 4)
    .map((u) => `${u.username} / ${u.password}`)
    .join('\n                  ')}
`);

let browser: ChildProcess | undefined;
const chromium = chromiumPath();
if ((process.env.DISPLAY || process.env.WAYLAND_DISPLAY) && chromium) {
  browser = spawn(
    chromium,
    [
      `--user-data-dir=${path.join(root, '.output/chromium-profile')}`,
      `--disable-extensions-except=${extensionDir}`,
      `--load-extension=${extensionDir}`,
      '--no-first-run',
      '--disable-background-networking',
      '--disable-component-update',
      '--disable-sync',
      demoCrm,
      simulator,
    ],
    { stdio: 'ignore' },
  );
  browser.on('exit', () => void stop());
} else {
  console.log('No display found: open the URLs above in a browser with the extension loaded.');
}
console.log('Press Ctrl-C to stop.');

let stopping = false;
async function stop() {
  if (stopping) return;
  stopping = true;
  browser?.kill();
  await emulator.close();
  process.exit(0);
}
process.on('SIGINT', () => void stop());
process.on('SIGTERM', () => void stop());
