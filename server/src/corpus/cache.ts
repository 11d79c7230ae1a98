// The corpus index persisted between runs, so a large corpus starts warm:
// every source's analysis and passages plus the search index, in V8's
// serialization format (fast to read back, keeps Maps and Sets). A source
// is reused only while its file keeps the size and modification time it had.
//
// The cache is never trusted: a damaged, truncated or crafted file must not
// break a run nor change a finding. Each section carries a CRC-32, every
// field of the header is checked, and the bodies must lie end to end exactly
// as the header says; anything else makes the whole cache be ignored and
// rebuilt, with one message.

import { createHash } from 'node:crypto';
import { closeSync, fstatSync, mkdirSync, openSync, readSync, renameSync, rmSync, statSync, writeSync } from 'node:fs';
import { homedir } from 'node:os';
import { dirname, join } from 'node:path';
import { deserialize, serialize } from 'node:v8';
import { crc32 } from 'node:zlib';
import type { IndexSnapshot } from './passages.js';
import type { SourceRecord } from './source.js';

/** Bump when the analysis or the cached shape changes: older caches are then ignored. */
const FORMAT = 11;
/** Smaller corpora load faster than a cache reads. */
export const CACHE_MIN_SOURCES = 200;

const MAGIC = 0x434c4958; // "CLIX"
/** magic, format, header length, then a CRC-32 of the header and one of the bodies. */
const PREFIX = 12 + 4 + 4;
/** A header larger than this is not a header (10,000 sources take some tens of MB). */
const MAX_HEADER = 1 << 30;

export type CachedSource = SourceRecord;

export interface CacheData {
  format: number;
  key: string;
  index: IndexSnapshot;
  sources: CachedSource[];
  /** The open cache file the sources' bodies are read from (the corpus closes it). */
  fd?: number;
}

/** Why a cache file was not used (it exists, but is damaged or not ours). */
export interface CacheDamage {
  damaged: string;
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
 * The file: a fixed prefix (magic, format, header length, the two
 * checksums), a V8-serialized header (the index and every source's summary,
 * with where its body lies), then the bodies end to end. A warm start reads
 * the header and checks the bodies' checksum in one pass; bodies are turned
 * into objects from the still-open file when a check needs them.
 */

/** The cache; undefined if there is none; why not, if it is damaged or not for this corpus and engine. */
export function readCache(path: string, key: string): CacheData | CacheDamage | undefined {
  let fd: number | undefined;
  try {
    fd = openSync(path, 'r');
  } catch {
    return undefined;
  }
  try {
    const size = fstatSync(fd).size;
    if (size < PREFIX) throw new Damage('shorter than its header');
    const prefix = readExactly(fd, 0, PREFIX);
    const view = new DataView(prefix.buffer, prefix.byteOffset, prefix.byteLength);
    if (view.getUint32(0) !== MAGIC) throw new Damage('not a Claim Lens cache');
    // An older format is not damage: it is simply replaced.
    if (view.getUint32(4) !== FORMAT) throw new Damage('written by another version', true);
    const headerLength = view.getUint32(8);
    if (headerLength > MAX_HEADER || PREFIX + headerLength > size) throw new Damage('header length out of range');
    const header = readExactly(fd, PREFIX, headerLength);
    if (crc32(header) !== view.getUint32(12)) throw new Damage('header checksum mismatch');
    const base = PREFIX + headerLength;
    if (crcOfRange(fd, base, size - base) !== view.getUint32(16)) throw new Damage('body checksum mismatch');
    const data = validHeader(deserialize(header), key, size - base);
    const file = fd;
    return { ...data, fd: file, sources: data.sources.map(({ offset, length, ...s }) => ({ ...s, blob: { fd: file, offset: base + offset, length } })) };
  } catch (e) {
    closeSync(fd);
    if (e instanceof Damage && e.quiet) return undefined;
    return { damaged: e instanceof Damage ? e.message : `unreadable (${(e as Error).message})` };
  }
}

class Damage extends Error {
  constructor(
    message: string,
    readonly quiet = false,
  ) {
    super(message);
  }
}

type StoredSource = Omit<CachedSource, 'blob'> & { offset: number; length: number };

/** The header if every field has the type and range it must have; throws Damage otherwise. */
function validHeader(value: unknown, key: string, bodyBytes: number): Omit<CacheData, 'sources'> & { sources: StoredSource[] } {
  const h = object(value, 'header');
  if (h.format !== FORMAT) throw new Damage('format field mismatch');
  if (h.key !== key) throw new Damage('written for another corpus');
  const index = object(h.index, 'index');
  if (typeof index.search !== 'string') throw new Damage('index.search is not text');
  const idf = object(index.idf, 'index.idf');
  if (!isCount(idf.n) || !Array.isArray(idf.df) || !idf.df.every((e) => Array.isArray(e) && typeof e[0] === 'string' && isCount(e[1]))) throw new Damage('index.idf is malformed');
  if (!Array.isArray(index.docs) || !index.docs.every((e) => Array.isArray(e) && typeof e[0] === 'string' && isCount(e[1]) && (e[2] === undefined || isCount(e[2])))) {
    throw new Damage('index.docs is malformed');
  }
  if (!Array.isArray(h.sources)) throw new Damage('sources is not a list');
  let at = 0;
  for (const [i, s] of (h.sources as unknown[]).entries()) {
    const r = object(s, `source ${i}`);
    const bad = (field: string) => new Damage(`source ${i}: ${field} is malformed`);
    for (const f of ['id', 'path', 'folder'] as const) if (typeof r[f] !== 'string' || !r[f]) throw bad(f);
    if (typeof r.mtimeMs !== 'number' || !Number.isFinite(r.mtimeMs)) throw bad('mtimeMs');
    if (!isCount(r.size)) throw bad('size');
    // Bodies lie end to end in order: an offset anywhere else would hand one source another's body.
    if (r.offset !== at || !isCount(r.length) || r.length === 0) throw bad('offset or length');
    at += r.length as number;
    const summary = object(r.summary, `source ${i} summary`);
    if (!Array.isArray(summary.officials) || !summary.officials.every(isSpan)) throw bad('summary.officials');
    if (!Array.isArray(summary.quotes) || !summary.quotes.every(isSpan)) throw bad('summary.quotes');
    if (!Array.isArray(summary.pending)) throw bad('summary.pending');
    if (!(summary.shingles instanceof Uint32Array)) throw bad('summary.shingles');
    if (!Array.isArray(summary.outlets) || !summary.outlets.every((o) => typeof o === 'string')) throw bad('summary.outlets');
    if (summary.derivedFrom !== undefined && typeof summary.derivedFrom !== 'string') throw bad('summary.derivedFrom');
    if (summary.meta !== undefined && (typeof summary.meta !== 'object' || summary.meta === null)) throw bad('summary.meta');
  }
  if (at !== bodyBytes) throw new Damage(`bodies take ${bodyBytes} bytes, the header says ${at}`);
  return h as unknown as Omit<CacheData, 'sources'> & { sources: StoredSource[] };
}

function object(v: unknown, what: string): Record<string, unknown> {
  if (typeof v !== 'object' || v === null || Array.isArray(v)) throw new Damage(`${what} is not an object`);
  return v as Record<string, unknown>;
}

function isCount(v: unknown): v is number {
  return typeof v === 'number' && Number.isSafeInteger(v) && v >= 0;
}

function isSpan(v: unknown): boolean {
  if (typeof v !== 'object' || v === null) return false;
  const { start, end } = v as { start?: unknown; end?: unknown };
  return isCount(start) && isCount(end) && end >= start;
}

function readExactly(fd: number, position: number, length: number): Uint8Array {
  const bytes = new Uint8Array(length);
  let done = 0;
  while (done < length) {
    const n = readSync(fd, bytes, done, length - done, position + done);
    if (n <= 0) throw new Damage('truncated');
    done += n;
  }
  return bytes;
}

/**
 * CRC-32 of a range of the file, read four megabytes at a time. A CRC finds
 * damage as surely as a cryptographic hash and costs a fraction of it: a
 * warm start checks some hundreds of megabytes of bodies.
 */
function crcOfRange(fd: number, position: number, length: number): number {
  const chunk = new Uint8Array(Math.min(length, 4 << 20));
  let crc = 0;
  let done = 0;
  while (done < length) {
    const n = readSync(fd, chunk, 0, Math.min(chunk.length, length - done), position + done);
    if (n <= 0) throw new Damage('truncated');
    crc = crc32(chunk.subarray(0, n), crc);
    done += n;
  }
  return crc;
}

/** Writes atomically (a temporary file renamed into place), so a reader never sees half a cache. */
export function writeCache(path: string, data: Omit<CacheData, 'format' | 'fd'>, bytesOf: (s: CachedSource, i: number) => Uint8Array): void {
  makeFolder(dirname(path));
  const tmp = `${path}.${process.pid}.tmp`;
  const bodies = data.sources.map(bytesOf);
  let offset = 0;
  let bodyCrc = 0;
  const sources = data.sources.map((s, i) => {
    const { blob: _blob, ...rest } = s;
    const entry = { ...rest, offset, length: bodies[i].length };
    offset += bodies[i].length;
    bodyCrc = crc32(bodies[i], bodyCrc);
    return entry;
  });
  const header = serialize({ format: FORMAT, key: data.key, index: data.index, sources });
  const prefix = new Uint8Array(PREFIX);
  const view = new DataView(prefix.buffer);
  view.setUint32(0, MAGIC);
  view.setUint32(4, FORMAT);
  view.setUint32(8, header.length);
  view.setUint32(12, crc32(header));
  view.setUint32(16, bodyCrc);
  const fd = openSync(tmp, 'w');
  try {
    writeSync(fd, prefix);
    writeSync(fd, header);
    for (const b of bodies) writeSync(fd, b);
  } catch (e) {
    closeSync(fd);
    rmSync(tmp, { force: true });
    throw e;
  }
  closeSync(fd);
  renameSync(tmp, path);
}

/**
 * Creates a folder and its missing parents one at a time. mkdirSync with
 * `recursive` never returns for some paths (under /proc it loops on ENOENT);
 * one level at a time fails at once with the first error.
 */
function makeFolder(dir: string): void {
  const missing: string[] = [];
  for (let d = dir; ; d = dirname(d)) {
    try {
      if (!statSync(d).isDirectory()) throw new Error(`${d} is not a folder`);
      break;
    } catch (e) {
      if ((e as NodeJS.ErrnoException).code !== 'ENOENT') throw e;
      if (dirname(d) === d) break;
      missing.push(d);
    }
  }
  for (const d of missing.reverse()) mkdirSync(d);
}
