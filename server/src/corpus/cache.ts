// The corpus index persisted between runs, so a large corpus starts warm:
// every source's analysis and passages plus the search index, in V8's
// serialization format (fast to read back, keeps Maps and Sets). A source
// is reused only while its file keeps the size and modification time it had.

import { createHash } from 'node:crypto';
import { closeSync, mkdirSync, openSync, readSync, renameSync, writeSync } from 'node:fs';
import { homedir } from 'node:os';
import { join } from 'node:path';
import { deserialize, serialize } from 'node:v8';
import type { IndexSnapshot } from './passages.js';
import type { SourceRecord } from './source.js';

/** Bump when the analysis or the cached shape changes: older caches are then ignored. */
const FORMAT = 9;
/** Smaller corpora load faster than a cache reads. */
export const CACHE_MIN_SOURCES = 200;

export type CachedSource = SourceRecord;

export interface CacheData {
  format: number;
  key: string;
  index: IndexSnapshot;
  sources: CachedSource[];
  /** The open cache file the sources' bodies are read from (the corpus closes it). */
  fd?: number;
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

/*
 * The file: a 4-byte length, a V8-serialized header (the index and every
 * source's summary, with where its body lies), then the bodies. A warm start
 * reads the header only; bodies are read from the still-open file when a
 * check needs them.
 */

/** The cache, or undefined if there is none, it is for another corpus or engine, or it is damaged. */
export function readCache(path: string, key: string): CacheData | undefined {
  let fd: number | undefined;
  try {
    fd = openSync(path, 'r');
    const size = new Uint8Array(4);
    readSync(fd, size, 0, 4, 0);
    const headerLength = new DataView(size.buffer).getUint32(0);
    const header = new Uint8Array(headerLength);
    if (readSync(fd, header, 0, headerLength, 4) !== headerLength) throw new Error('short header');
    const data = deserialize(header) as Omit<CacheData, 'sources'> & { sources: (Omit<CachedSource, 'blob'> & { offset: number; length: number })[] };
    if (!data || data.format !== FORMAT || data.key !== key) throw new Error('another cache');
    const base = 4 + headerLength;
    const file = fd;
    return { ...data, fd: file, sources: data.sources.map(({ offset, length, ...s }) => ({ ...s, blob: { fd: file, offset: base + offset, length } })) };
  } catch {
    if (fd !== undefined) closeSync(fd);
    return undefined;
  }
}

/** Writes atomically (a temporary file renamed into place), so a reader never sees half a cache. */
export function writeCache(path: string, data: Omit<CacheData, 'format' | 'fd'>, bytesOf: (s: CachedSource, i: number) => Uint8Array): void {
  mkdirSync(join(path, '..'), { recursive: true });
  const tmp = `${path}.${process.pid}.tmp`;
  const bodies = data.sources.map(bytesOf);
  let offset = 0;
  const sources = data.sources.map((s, i) => {
    const { blob: _blob, ...rest } = s;
    const entry = { ...rest, offset, length: bodies[i].length };
    offset += bodies[i].length;
    return entry;
  });
  const header = serialize({ format: FORMAT, key: data.key, index: data.index, sources });
  const size = new Uint8Array(4);
  new DataView(size.buffer).setUint32(0, header.length);
  const fd = openSync(tmp, 'w');
  try {
    writeSync(fd, size);
    writeSync(fd, header);
    for (const b of bodies) writeSync(fd, b);
  } finally {
    closeSync(fd);
  }
  renameSync(tmp, path);
}
