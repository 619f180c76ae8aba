// Where RingCentral's OpenAPI subset lives: beside the repository, never inside it.
import { existsSync } from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';

export const repoRoot = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '../..');

export const specPath = path.resolve(repoRoot, '../shared/rc/openapi/rc-thread-messaging-subset.yml');

export function specExists(file = specPath): boolean {
  return existsSync(file);
}
