// Phone detector benchmark: accuracy and speed against RingCentral's ringcentral-c2d on the shared
// labelled corpus (score.mjs), the content script's size, and the live scan loop's numbers.
// Run alone with `npx tsx bench/phone.ts` (options: --rows N --seed N).
import { execFile } from 'node:child_process';
import { mkdtemp, readdir, readFile, stat } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { promisify } from 'node:util';
import { bundleDecorator, bundleDetector, projectRoot } from './phone-bundle';
import { measureFirstChips, measureLive } from './phone-live';
import { compareSpeed } from './phone-speed';

const run$ = promisify(execFile);
const BENCH = path.join('..', 'shared', 'phone-bench');

interface Score {
  name: string;
  median_ms: number;
  precision: number;
  recall: number;
  f1: number;
  tp: number;
  fp: number;
  fn: number;
}

function option(name: string, fallback: string): string {
  const i = process.argv.indexOf(`--${name}`);
  return i > 0 ? (process.argv[i + 1] ?? fallback) : fallback;
}

async function node(args: string[]): Promise<string> {
  const { stdout } = await run$(process.execPath, args, { cwd: projectRoot, maxBuffer: 64 * 1024 * 1024 });
  return stdout;
}

/** Builds the extension and returns the size of its minified content scripts. */
async function contentScriptBytes(): Promise<number> {
  await run$('npx', ['wxt', 'build'], { cwd: projectRoot, maxBuffer: 64 * 1024 * 1024 });
  const dir = path.join(projectRoot, '.output', 'chrome-mv3', 'content-scripts');
  let bytes = 0;
  for (const file of await readdir(dir))
    if (file.endsWith('.js')) bytes += (await stat(path.join(dir, file))).size;
  return bytes;
}

export async function run(): Promise<Record<string, number>> {
  const dir = await mkdtemp(path.join(tmpdir(), 'td-phone-bench-'));
  console.info(
    await node([
      path.join(BENCH, 'gen.mjs'),
      '--rows',
      option('rows', '5000'),
      '--seed',
      option('seed', '1'),
      '--out',
      dir,
    ]),
  );
  const detector = await bundleDetector(dir);
  const decorator = await bundleDecorator(dir);
  const json = path.join(dir, 'scores.json');
  const args = ['--page', dir, '--detector', detector.file, '--c2d', '--runs', '5', '--json', json];
  console.info(await node([path.join(BENCH, 'score.mjs'), ...args]));
  const [ours, c2d] = JSON.parse(await readFile(json, 'utf8')) as [Score, Score];
  // Our own CRM-shaped corpus (bench/phone-corpus.ts), scored by the same script in the same run.
  const own = path.join(dir, 'own');
  console.info(
    (
      await run$(
        'npx',
        [
          'tsx',
          'bench/phone-corpus.ts',
          '--records',
          option('records', '1500'),
          '--seed',
          option('seed', '1'),
          '--out',
          own,
        ],
        {
          cwd: projectRoot,
        },
      )
    ).stdout,
  );
  const ownJson = path.join(own, 'scores.json');
  const ownArgs = [
    '--page',
    own,
    '--detector',
    detector.file,
    '--c2d',
    '--runs',
    '5',
    '--json',
    ownJson,
    '--samples',
  ];
  console.info(await node([path.join(BENCH, 'score.mjs'), ...ownArgs]));
  const [ownOurs, ownC2d] = JSON.parse(await readFile(ownJson, 'utf8')) as [Score, Score];
  // Both corpora again, ours and c2d's timed turn about (bench/phone-speed.ts): the ratio to read on a busy machine.
  const speed = await compareSpeed(path.join(dir, 'page.html'), detector.file);
  const ownSpeed = await compareSpeed(path.join(own, 'page.html'), detector.file);
  // The live loop runs on a list of CRM size (500 rows): on the 5,000-row page every DOM change costs the
  // page itself a relayout of 100 ms or more, whoever makes it.
  const liveDir = path.join(dir, 'live');
  await node([path.join(BENCH, 'gen.mjs'), '--rows', '500', '--seed', option('seed', '1'), '--out', liveDir]);
  const live = await measureLive(path.join(liveDir, 'page.html'), decorator.file);
  // First chips on the 5,000-row page itself.
  const first = await measureFirstChips(path.join(dir, 'page.html'), decorator.file);
  const results: Record<string, number> = {
    precision: ours.precision,
    recall: ours.recall,
    f1: ours.f1,
    false_positives: ours.fp,
    false_negatives: ours.fn,
    full_scan_ms: ours.median_ms,
    c2d_full_scan_ms: c2d.median_ms,
    speed_ratio_vs_c2d: +(ours.median_ms / c2d.median_ms).toFixed(3),
    c2d_precision: c2d.precision,
    c2d_recall: c2d.recall,
    own_corpus_precision: ownOurs.precision,
    own_corpus_recall: ownOurs.recall,
    own_corpus_scan_ms: ownOurs.median_ms,
    own_corpus_c2d_precision: ownC2d.precision,
    own_corpus_c2d_recall: ownC2d.recall,
    own_corpus_c2d_scan_ms: ownC2d.median_ms,
    own_corpus_speed_ratio_vs_c2d: +(ownOurs.median_ms / ownC2d.median_ms).toFixed(3),
    turnabout_scan_ms: speed.ours_ms,
    turnabout_c2d_scan_ms: speed.c2d_ms,
    turnabout_ratio: speed.ratio,
    turnabout_cpu_ratio: speed.cpu_ratio,
    own_turnabout_scan_ms: ownSpeed.ours_ms,
    own_turnabout_c2d_scan_ms: ownSpeed.c2d_ms,
    own_turnabout_ratio: ownSpeed.ratio,
    own_turnabout_cpu_ratio: ownSpeed.cpu_ratio,
    detector_bundle_kb: +(detector.bytes / 1024).toFixed(1),
    content_script_kb: +((await contentScriptBytes()) / 1024).toFixed(1),
    ...live,
    ...first,
  };
  for (const [key, value] of Object.entries(results)) console.info(`${key.padEnd(30)} ${value}`);
  return results;
}

if (process.argv[1] && fileURLToPath(import.meta.url) === path.resolve(process.argv[1])) await run();
