// Bundles project code into classic scripts for pages in headless Chromium: the detector alone (what
// score.mjs loads) and the decorator with its scan loop (for live measurements).
import { readFileSync } from 'node:fs';
import { mkdtemp, readFile, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { build } from 'vite';
import { parse } from 'yaml';

export const projectRoot = fileURLToPath(new URL('..', import.meta.url));

const lib = (file: string) => JSON.stringify(path.join(projectRoot, file));

/** Defines globalThis.detectPhoneNumbers, as score.mjs expects. */
const DETECTOR_ENTRY = `import { detectPhoneNumbers } from ${lib('lib/phone/index.ts')};
(globalThis as { detectPhoneNumbers?: unknown }).detectPhoneNumbers = detectPhoneNumbers;
`;

/** locales/en.yml as browser.i18n.getMessage reads the built messages.json: keys joined by "_". */
function englishMessages(): Record<string, string> {
  const messages: Record<string, string> = {};
  const walk = (prefix: string, value: unknown) => {
    if (typeof value === 'string') messages[prefix] = value;
    else if (value && typeof value === 'object')
      for (const [k, v] of Object.entries(value)) walk(prefix ? `${prefix}_${k}` : k, v);
  };
  walk('', parse(readFileSync(path.join(projectRoot, 'locales/en.yml'), 'utf8')));
  return messages;
}

/**
 * Defines globalThis.startThreadDesk(): the real decorator (scan loop, chips) on the generic adapter,
 * with a stand-in for the background that answers every lookup with "no thread yet", and English chip
 * wording where the extension would ask browser.i18n (a plain page has no extension APIs).
 */
const DECORATOR_ENTRY = `import './english-i18n.ts';
import { startCrmDecorator } from ${lib('lib/crm/decorator.ts')};
import { generic } from ${lib('lib/crm/adapters/generic.ts')};
(globalThis as { startThreadDesk?: unknown }).startThreadDesk = () => {
  const controller = new AbortController();
  startCrmDecorator({
    doc: document,
    adapter: generic,
    defaultCountry: 'US',
    signal: controller.signal,
    onInvalidated: () => controller.abort(),
    transport: {
      threadStates: async (phones: string[]) => Object.fromEntries(phones.map((p) => [p, { kind: 'none', unread: false }])),
      openThread: async () => {},
      onChanged: () => () => {},
    },
  });
  return controller;
};
`;

/** Evaluated before the decorator's modules, which take the extension API object as they load. */
const ENGLISH_I18N = () => `const messages: Record<string, string> = ${JSON.stringify(englishMessages())};
(globalThis as { chrome?: unknown }).chrome = {
  runtime: { id: 'bench' },
  i18n: { getMessage: (key: string) => messages[key] ?? '' },
};
`;

async function bundle(
  source: string,
  name: string,
  outDir?: string,
): Promise<{ file: string; bytes: number }> {
  const dir = outDir ?? (await mkdtemp(path.join(tmpdir(), 'td-phone-bundle-')));
  const entry = path.join(dir, `${name}-entry.ts`);
  await writeFile(entry, source);
  await writeFile(path.join(dir, 'english-i18n.ts'), ENGLISH_I18N());
  await build({
    configFile: false,
    root: dir,
    logLevel: 'error',
    resolve: { alias: { '#i18n': path.join(projectRoot, '.wxt/i18n/index.ts') } },
    build: {
      outDir: dir,
      emptyOutDir: false,
      // BENCH_NO_MINIFY=1 keeps function names, for reading a CPU profile.
      minify: !process.env.BENCH_NO_MINIFY,
      lib: { entry, formats: ['iife'], name: 'ThreadDeskBench', fileName: () => `${name}.js` },
    },
  });
  const file = path.join(dir, `${name}.js`);
  return { file, bytes: (await readFile(file)).byteLength };
}

export const bundleDetector = (outDir?: string) => bundle(DETECTOR_ENTRY, 'detector', outDir);
export const bundleDecorator = (outDir?: string) => bundle(DECORATOR_ENTRY, 'decorator', outDir);
