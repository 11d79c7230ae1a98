// Where sources come from: a `claimlens.sources` entry or `--sources` value
// read as a root — a folder, a glob ("archive/**/*.md") read as its folder
// ("archive") and the pattern files below it must match, or a single file
// read as its folder with a pattern that matches only its name.

import { statSync } from 'node:fs';
import { basename, dirname, resolve, sep } from 'node:path';
import picomatch from 'picomatch';

export interface SourceRoot {
  folder: string;
  pattern?: string;
}

/** The file names a source can have. */
export const SOURCE_EXT_RE = /\.(?:txt|md|markdown|html?)$/i;

const GLOB_RE = /[*?[\]{}]/;

/** A `claimlens.sources` entry (or `--sources` value) as a root, relative paths against `base`. */
export function sourceRoot(entry: string, base = process.cwd()): SourceRoot {
  const parts = entry.split(/[\\/]/);
  const magic = parts.findIndex((p) => GLOB_RE.test(p));
  if (magic < 0) {
    const path = resolve(base, entry);
    // A single file is its folder with a pattern that matches only its name.
    if (isFile(path)) return { folder: dirname(path), pattern: basename(path).replace(/[*?[\]{}()!+@\\]/g, '\\$&') };
    return { folder: path };
  }
  const folder = resolve(base, parts.slice(0, magic).join('/') || '.');
  return { folder, pattern: parts.slice(magic).join('/') };
}

export function isFile(path: string): boolean {
  try {
    return statSync(path).isFile();
  } catch {
    return false;
  }
}

/** The file name a pattern spells out literally (a single-file root), or undefined for a real glob. */
export function literalName(pattern: string | undefined): string | undefined {
  if (!pattern || pattern.includes('/') || GLOB_RE.test(pattern.replace(/\\./g, ''))) return undefined;
  return pattern.replace(/\\(.)/g, '$1');
}

/** One string per root: roots that are the same are taken once, and the cache is keyed by them. */
export function rootKey(r: SourceRoot): string {
  return r.pattern ? `${r.folder}${sep}${r.pattern}` : r.folder;
}

/** A root with its glob compiled. */
export interface MatchedRoot extends SourceRoot {
  matches?: (relative: string) => boolean;
}

/** The roots these entries name, each once, globs compiled. */
export function matchedRoots(entries: (string | SourceRoot)[]): MatchedRoot[] {
  const unique = new Map<string, SourceRoot>();
  for (const f of entries) {
    const r = typeof f === 'string' ? sourceRoot(f) : { folder: resolve(f.folder), pattern: f.pattern };
    unique.set(rootKey(r), r);
  }
  return [...unique.values()].map((r) => ({ ...r, matches: r.pattern ? picomatch(r.pattern, { dot: false }) : undefined }));
}
