// `npm run emulator -- --port N [--reset] [--data DIR] [--no-rate-limits] [--host H] [--profile production]
// [--thread-ttl-hours N] [--allow-remote]`:
// the emulator alone.
import path from 'node:path';
import { parseArgs } from 'node:util';
import { isProfile, PROFILES } from './profile.ts';
import { startEmulator } from './server.ts';

const { values } = parseArgs({
  options: {
    port: { type: 'string', default: '8600' },
    host: { type: 'string', default: '127.0.0.1' },
    data: { type: 'string', default: '.emulator-data' },
    reset: { type: 'boolean', default: false },
    'no-rate-limits': { type: 'boolean', default: false },
    profile: { type: 'string', default: 'default' },
    'thread-ttl-hours': { type: 'string', default: '72' },
    'allow-remote': { type: 'boolean', default: false },
  },
  strict: true,
});

const port = Number(values.port);
if (!Number.isInteger(port) || port < 0 || port > 65535) {
  console.error(`emulator: invalid --port ${values.port}`);
  process.exit(2);
}

if (!isProfile(values.profile)) {
  console.error(`emulator: unknown --profile ${values.profile} (one of ${PROFILES.join(', ')})`);
  process.exit(2);
}

const threadTtlHours = Number(values['thread-ttl-hours']);
if (!(threadTtlHours > 0)) {
  console.error(`emulator: invalid --thread-ttl-hours ${values['thread-ttl-hours']}`);
  process.exit(2);
}

if (values['allow-remote']) {
  console.warn(
    `emulator: WARNING listening on ${values.host}: anyone who reaches it can sign in with the demo passwords; the ` +
      'test-control API still answers loopback peers only.',
  );
}

const emulator = await startEmulator({
  allowRemote: values['allow-remote'],
  threadTtlHours,
  profile: values.profile,
  port,
  host: values.host,
  dataDir: path.resolve(values.data),
  reset: values.reset,
  rateLimits: !values['no-rate-limits'],
});

let stopping = false;
async function stop(signal: string): Promise<void> {
  if (stopping) return;
  stopping = true;
  console.log(`\n${signal}: saving state and stopping…`);
  await emulator.close();
  process.exit(0);
}
process.on('SIGINT', () => void stop('SIGINT'));
process.on('SIGTERM', () => void stop('SIGTERM'));

const credentials = (await (await fetch(`${emulator.url}/__emulator/credentials`)).json()) as {
  publicClientId: string;
  privateApp: { clientId: string; clientSecret: string };
  users: { name: string; username: string; extensionNumber: string; password: string; handles: unknown[] }[];
};

console.log(`RingCentral emulator  ${emulator.url}
  WebSocket            ${emulator.gateway ? emulator.wsUrl : '(gateway not present)'}
  customer simulator   ${emulator.url}/simulator
  data                 ${path.resolve(values.data)}${values.reset ? ' (reset to seed)' : ''}
  rate limits          ${values['no-rate-limits'] ? 'off' : 'on'}
  profile              ${values.profile}
  public client id     ${credentials.publicClientId}
  private app          ${credentials.privateApp.clientId} / ${credentials.privateApp.clientSecret}
  demo users (username or extension number / password):
${credentials.users
  .map(
    (u) =>
      `    ${u.name.padEnd(14)} ${u.username.padEnd(36)} ext ${u.extensionNumber.padEnd(4)} ${u.password}${u.handles.length ? '' : '  (handles no shared number)'}`,
  )
  .join('\n')}
Press Ctrl-C to stop.`);
