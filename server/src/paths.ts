// Where the bundled files are (the bundles live in dist/, the seeds and the
// indexing worker ship beside them), and paths inside a folder.

import { existsSync } from 'node:fs';
import { join, relative, sep } from 'node:path';

export function seedsFolder(): string {
  return join(__dirname, '..', 'seeds');
}

/** The bundled indexing worker, when there is one (not when running from sources). */
export function workerScript(): string | undefined {
  const path = join(__dirname, 'indexer.js');
  return existsSync(path) ? path : undefined;
}

/** Whether an absolute path is the folder or lies below it ("/a/b" is not inside "/a/bc"). */
export function isInside(folder: string, path: string): boolean {
  return path === folder || path.startsWith(folder.endsWith(sep) ? folder : folder + sep);
}

/** A path relative to a folder with forward slashes, as globs and ignore entries spell it. */
export function relativePath(folder: string, path: string): string {
  return relative(folder, path).split(sep).join('/');
}
