// The corpus index persisted between runs, so a large corpus starts warm:
// every source's analysis and passages plus the search index, in V8's
// serialization format (fast to read back, keeps Maps and Sets). A source
// is reused only while its file keeps the size and modification time it had.

import { createHash } from 'node:crypto';
import { mkdirSync, readFileSync, renameSync, writeFileSync } from 'node:fs';
import { homedir } from 'node:os';
import { join } from 'node:path';
import { deserialize, serialize } from 'node:v8';
import type { IndexSnapshot } from './passages.js';
import type { Prepared } from './prepare.js';

/** Bump when the analysis or the cached shape changes: older caches are then ignored. */
const FORMAT = 3;
/** Smaller corpora load faster than a cache reads. */
export const CACHE_MIN_SOURCES = 200;

export interface CacheData {
  format: number;
  key: string;
  index: IndexSnapshot;
  sources: (Prepared & { ids: number[] })[];
}

/** Where caches live by default: $XDG_CACHE_HOME/claimlens or ~/.cache/claimlens. */
export function defaultCacheDir(): string {
  return join(process.env.XDG_CACHE_HOME || join(homedir(), '.cache'), 'claimlens');
}

function keyOf(folders: readonly string[], maxFileSize: number, version: string): string {
  return createHash('sha1').update(JSON.stringify([FORMAT, version, folders, maxFileSize, process.versions.v8])).digest('hex').slice(0, 16);
}

export function cacheFile(dir: string, folders: readonly string[], maxFileSize: number, version: string): { path: string; key: string } {
  const key = keyOf(folders, maxFileSize, version);
  return { path: join(dir, `corpus-${key}.bin`), key };
}

/** The cache, or undefined if there is none, it is for another corpus or engine, or it is damaged. */
export function readCache(path: string, key: string): CacheData | undefined {
  try {
    const data = deserialize(readFileSync(path)) as CacheData;
    return data && data.format === FORMAT && data.key === key ? data : undefined;
  } catch {
    return undefined;
  }
}

/** Writes atomically (a temporary file renamed into place), so a reader never sees half a cache. */
export function writeCache(path: string, data: Omit<CacheData, 'format'>): void {
  mkdirSync(join(path, '..'), { recursive: true });
  const tmp = `${path}.${process.pid}.tmp`;
  writeFileSync(tmp, serialize({ format: FORMAT, ...data }));
  renameSync(tmp, path);
}
