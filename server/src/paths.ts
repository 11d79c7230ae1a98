// Where the bundled files are (the bundles live in dist/, the seeds and the
// indexing worker ship beside them), and paths inside a folder.

import { existsSync, realpathSync } from 'node:fs';
import { basename, dirname, join, relative, resolve, sep } from 'node:path';

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

/** The path with every symbolic link resolved, or undefined when it does not exist (or cannot be resolved). */
export function realPath(path: string): string | undefined {
  try {
    return realpathSync.native(path);
  } catch {
    return undefined;
  }
}

/**
 * Whether a path really lies in one of the folders: both sides with their
 * symbolic links resolved, so a link inside a folder to a file or folder
 * outside it does not count as inside. A path that does not exist is judged
 * by its nearest existing parent (the rest of it cannot be a link yet).
 */
export function reallyInside(folders: readonly string[], path: string): boolean {
  const real = realOrParent(path);
  if (real === undefined) return false;
  return folders.some((f) => {
    const folder = realPath(f);
    return folder !== undefined && isInside(folder, real);
  });
}

function realOrParent(path: string): string | undefined {
  let p = resolve(path);
  const rest: string[] = [];
  for (;;) {
    const real = realPath(p);
    if (real !== undefined) return rest.length ? join(real, ...rest.reverse()) : real;
    const parent = dirname(p);
    if (parent === p) return undefined;
    rest.push(basename(p));
    p = parent;
  }
}
