// Static pages the emulator hosts when their folders exist: the customer simulator (emulator/simulator/) at
// /simulator and a demo CRM page (emulator/crm/) under /crm/. Other people own those folders.
import { existsSync, readFileSync, statSync } from 'node:fs';
import path from 'node:path';
import { notFound } from './http/errors.ts';
import type { AppRouter, Reply, RequestCtx } from './http/route.ts';

const TYPES: Record<string, string> = {
  '.html': 'text/html; charset=utf-8',
  '.js': 'text/javascript; charset=utf-8',
  '.mjs': 'text/javascript; charset=utf-8',
  '.css': 'text/css; charset=utf-8',
  '.json': 'application/json; charset=utf-8',
  '.svg': 'image/svg+xml',
  '.png': 'image/png',
  '.ico': 'image/x-icon',
};

/** Reads `<dir>/<file>` if it is a servable file inside `dir`; undefined otherwise. */
export function readStatic(dir: string, file: string): { bytes: Uint8Array; type: string } | undefined {
  const type = TYPES[path.extname(file).toLowerCase()];
  if (!type) return undefined;
  const full = path.resolve(dir, file);
  if (!full.startsWith(path.resolve(dir) + path.sep)) return undefined;
  if (!existsSync(full) || !statSync(full).isFile()) return undefined;
  return { bytes: new Uint8Array(readFileSync(full)), type };
}

function serve(dir: string, file: string): Reply {
  const found = readStatic(dir, file);
  if (!found) throw notFound('path');
  return {
    status: 200,
    bytes: found.bytes,
    headers: { 'Content-Type': found.type, 'Cache-Control': 'no-store' },
  };
}

export function addStaticRoutes(router: AppRouter, root: string): void {
  const simulator = path.join(root, 'simulator');
  const crm = path.join(root, 'crm');
  const page = (handler: (ctx: RequestCtx) => Reply) => ({
    kind: 'public' as const,
    style: 'legacy' as const,
    handler,
  });
  router.add(
    'GET',
    '/simulator',
    page(() => serve(simulator, 'index.html')),
  );
  router.add(
    'GET',
    '/simulator/:file',
    page((ctx) => serve(simulator, ctx.params.file ?? '')),
  );
  router.add(
    'GET',
    '/crm/:file',
    page((ctx) => serve(crm, ctx.params.file ?? '')),
  );
  router.add(
    'GET',
    '/',
    page(() => ({
      status: 200,
      html: `<!doctype html><html lang="en"><head><meta charset="utf-8"><title>RingCentral emulator</title></head><body><h1>RingCentral emulator</h1><ul><li><a href="/simulator">Customer simulator</a></li><li><a href="/crm/demo.html">Demo CRM page</a></li><li><a href="/__emulator/credentials">Credentials</a></li></ul></body></html>`,
    })),
  );
}
