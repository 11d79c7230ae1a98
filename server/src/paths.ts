// Where the bundled files are: the bundles live in dist/, the seeds and the
// indexing worker ship beside them.

import { existsSync } from 'node:fs';
import { join } from 'node:path';

export function seedsFolder(): string {
  return join(__dirname, '..', 'seeds');
}

/** The bundled indexing worker, when there is one (not when running from sources). */
export function workerScript(): string | undefined {
  const path = join(__dirname, 'indexer.js');
  return existsSync(path) ? path : undefined;
}
