// The source corpus: folders of articles (the bundled seeds plus the user's),
// each analysed with the same engine as the article being checked. This file
// keeps the sources and their search index and orchestrates loading them
// (from the cache, on worker threads, or here) and re-reading changed files;
// where the files come from is roots.ts and listing.ts, how much of them one
// load reads is budget.ts, who the sources name is peopleIndex.ts, and how
// alike two sources are is similarity.ts.
//
// A large corpus is prepared on several threads when a worker script is
// given, and kept in a cache between runs when a cache folder is given.

import { closeSync, statSync } from 'node:fs';
import { resolve } from 'node:path';
import { isInside, relativePath } from '../paths.js';
import { PeopleIndex } from '../analysis/officials.js';
import { DEFAULT_MAX_TOTAL_BYTES, fitsBeside, withinBudget, type Budget, type FileStats } from './budget.js';
import { CACHE_MIN_SOURCES, cacheFile, readCache, writeCache, type CachedSource } from './cache.js';
import { READ_FAILURE_MESSAGES, tooLargeMessage, type ReadFailure } from './files.js';
import { Independence } from './independence.js';
import { SourceLister, type CorpusProblem } from './listing.js';
import { PassageIndex } from './passages.js';
import { indexPeople } from './peopleIndex.js';
import type { PersonRecord } from './people.js';
import { isSidecar, Sidecars } from './metadataSidecar.js';
import { prepare, type PrepareResult } from './prepare.js';
import { matchedRoots, rootKey, SOURCE_EXT_RE, type MatchedRoot, type SourceRoot } from './roots.js';
import { SourceVectors } from './similarity.js';
import { Source } from './source.js';
import type { WalkLimits } from './walk.js';
import { prepareInWorkers, WORKERS_FROM } from './workerPool.js';

export { Source };
export { DEFAULT_MAX_TOTAL_BYTES } from './budget.js';
export { sourceRoot } from './roots.js';
export type { PersonRecord, CorpusProblem, SourceRoot };

export interface CorpusOptions {
  /** Files larger than this are skipped (bytes). */
  maxFileSize?: number;
  /** Keep the index here between runs (for corpora of CACHE_MIN_SOURCES sources or more). */
  cacheDir?: string;
  /** The bundled indexing worker (dist/indexer.js); without it everything runs on this thread. */
  workerScript?: string;
  /** The engine's version, part of the cache key. */
  version?: string;
  /**
   * Whether a file may be read (an untrusted workspace's boundary, judged on
   * real paths); without it every file of the folders is read.
   */
  admits?: (path: string) => boolean;
  /** Limits of the folder walks (WALK_LIMITS by default). */
  walkLimits?: Partial<WalkLimits>;
  /** How the user sets maxFileSize, for messages ("claimlens.maxFileSize", "--max-file-size"). */
  maxFileSizeName?: string;
  /** A load reads sources up to this many bytes in all (DEFAULT_MAX_TOTAL_BYTES by default; Infinity for no limit). */
  maxTotalBytes?: number;
  /** How the user sets maxTotalBytes, for messages ("--max-sources-size"). */
  maxTotalBytesName?: string;
}

export interface LoadStats {
  /** Sources taken from the cache, and sources read and analysed. */
  cached: number;
  prepared: number;
}

export const DEFAULT_MAX_FILE_SIZE = 1024 * 1024;

export class Corpus {
  private readonly byPath = new Map<string, Source>();
  private roots: MatchedRoot[] = [];
  people = new PeopleIndex();
  passages = new PassageIndex();
  /** The cache file the restored sources read their bodies from. */
  private cacheFd?: number;
  private independence?: Independence;
  private readonly vectors = new SourceVectors(() => this.passages.idf);
  private persons = new Map<string, PersonRecord>();
  readonly problems: CorpusProblem[] = [];
  private readonly lister: SourceLister;
  /** Sizes and times of the files the last load listed (read once, for the total and the cache's freshness). */
  private listedStats: FileStats = new Map();
  /** The folders' metadata sidecars, read once per load. */
  private readonly sidecars = new Sidecars();
  lastLoad: LoadStats = { cached: 0, prepared: 0 };

  constructor(private readonly options: CorpusOptions = {}) {
    this.lister = new SourceLister(this.problems, options);
  }

  private get maxFileSize(): number {
    return this.options.maxFileSize ?? DEFAULT_MAX_FILE_SIZE;
  }

  /** Replaces the corpus folders and loads every source in them, on this thread. */
  load(folders: (string | SourceRoot)[]): void {
    const files = this.reset(folders);
    this.listedStats = new Map();
    for (const [folder, path] of files) this.accept(prepare(folder, path, this.maxFileSize));
    this.lastLoad = { cached: 0, prepared: files.length };
    this.changed();
  }

  /**
   * Loads the folders without blocking: from the cache for files that have
   * not changed, on worker threads for many files, in batches otherwise;
   * reports progress. Writes the cache afterwards when it changed.
   */
  async loadAsync(folders: (string | SourceRoot)[], onProgress?: (done: number, total: number) => void, signal?: AbortSignal): Promise<void> {
    const files = await this.resetAsync(folders, signal, (found) => onProgress?.(0, found));
    if (signal?.aborted) return;
    const cache = this.options.cacheDir && files.length >= CACHE_MIN_SOURCES ? cacheFile(this.options.cacheDir, this.roots.map(rootKey), this.maxFileSize, this.options.version ?? '') : undefined;
    const todo = cache ? this.restore(cache, files) : files;
    this.listedStats = new Map();
    let done = files.length - todo.length;
    const report = () => onProgress?.(done, files.length);
    if (todo.length >= WORKERS_FROM && this.options.workerScript) {
      await prepareInWorkers(this.options.workerScript, todo, this.maxFileSize, (r) => {
        this.accept(r);
        if (++done % 100 === 0) report();
      });
    } else {
      let last = Date.now();
      for (const [folder, path] of todo) {
        if (signal?.aborted) return;
        this.accept(prepare(folder, path, this.maxFileSize));
        done++;
        if (Date.now() - last > 20) {
          report();
          await new Promise((r) => setImmediate(r));
          last = Date.now();
        }
      }
    }
    report();
    this.lastLoad = { cached: files.length - todo.length, prepared: todo.length };
    this.changed();
    if (cache && todo.length) this.saveCache(cache);
  }

  /** The folders sources come from (a glob's own folder for a glob). */
  get folderList(): readonly string[] {
    return this.roots.map((r) => r.folder);
  }

  get rootList(): readonly SourceRoot[] {
    return this.roots.map(({ folder, pattern }) => ({ folder, pattern }));
  }

  /** Forgets every source and takes new roots; returns their files. */
  private reset(folders: (string | SourceRoot)[]): [string, string][] {
    this.forget();
    return this.budgeted(this.listFiles(folders));
  }

  private async resetAsync(folders: (string | SourceRoot)[], signal?: AbortSignal, onFound?: (n: number) => void): Promise<[string, string][]> {
    this.forget();
    this.takeRoots(folders);
    const out: [string, string][] = [];
    for (const root of this.roots) {
      const before = out.length;
      for (const path of await this.lister.listAsync(root, signal, (n) => onFound?.(before + n))) out.push([root.folder, path]);
    }
    return this.budgeted(out);
  }

  private get budget(): Budget {
    return { maxFileSize: this.maxFileSize, maxTotalBytes: this.options.maxTotalBytes ?? DEFAULT_MAX_TOTAL_BYTES, name: this.options.maxTotalBytesName ?? 'the limit on the sources\' total size' };
  }

  /** The files a load reads: those that fit the total, in the order listed. */
  private budgeted(files: [string, string][]): [string, string][] {
    const r = withinBudget(files, this.budget);
    if (r.problem) this.problems.push(r.problem);
    this.listedStats = r.stats;
    return r.files;
  }

  /** Whether a file that appeared or changed still fits beside the sources loaded. */
  private fits(path: string): boolean {
    const r = fitsBeside(path, this.byPath.values(), this.budget);
    if (!r.ok) this.problems.push(r.problem);
    return r.ok;
  }

  private forget(): void {
    for (const s of this.byPath.values()) s.release();
    this.passages = new PassageIndex();
    this.byPath.clear();
    if (this.cacheFd !== undefined) closeSync(this.cacheFd);
    this.cacheFd = undefined;
  }

  /** The source files of these folders and globs, as [root folder, path]; what is wrong with a folder goes to `problems`. */
  listFiles(folders: (string | SourceRoot)[]): [string, string][] {
    this.takeRoots(folders);
    return this.roots.flatMap((root) => this.lister.list(root).map((path): [string, string] => [root.folder, path]));
  }

  private takeRoots(folders: (string | SourceRoot)[]): void {
    this.problems.length = 0;
    this.sidecars.clear();
    this.roots = matchedRoots(folders);
  }

  get size(): number {
    return this.byPath.size;
  }

  sources(): Source[] {
    return [...this.byPath.values()];
  }

  getByPath(path: string): Source | undefined {
    return this.byPath.get(resolve(path));
  }

  /** The folder of the root a path belongs to (inside it, with a source extension, matching its glob). */
  owns(path: string): string | undefined {
    const abs = resolve(path);
    if (!SOURCE_EXT_RE.test(abs)) return undefined;
    return this.roots.find((r) => {
      if (abs === r.folder || !isInside(r.folder, abs)) return false;
      return !r.matches || r.matches(relativePath(r.folder, abs));
    })?.folder;
  }

  /** Re-reads files after they changed, appeared or disappeared. Returns whether the corpus changed. */
  refresh(paths: string | string[]): boolean {
    let any = false;
    for (const path of Array.isArray(paths) ? paths : [paths]) {
      const abs = resolve(path);
      if (isSidecar(abs) && this.roots.some((r) => isInside(r.folder, abs))) {
        any = this.reapplySidecar(abs) || any;
        continue;
      }
      const folder = this.owns(abs);
      if (!folder) continue;
      const old = this.byPath.get(abs);
      if (old) this.drop(old);
      const added = this.lister.admitted(abs) && this.fits(abs) && this.accept(prepare(folder, abs, this.maxFileSize));
      any ||= Boolean(old) || added;
    }
    if (any) this.changed();
    return any;
  }

  /** A sidecar changed: its sources take what it says now (their files are not read again). */
  private reapplySidecar(path: string): boolean {
    this.sidecars.clear(path);
    for (const s of this.byPath.values()) s.sidecar = this.sidecars.lookup(s.folder, s.path);
    return this.byPath.size > 0;
  }

  private drop(source: Source): void {
    this.passages.remove(source);
    this.byPath.delete(source.path);
  }

  /** Takes a prepared source into the corpus and its passages into the index. */
  private accept(r: PrepareResult): boolean {
    if (!r.ok) {
      // A file deleted between listing and reading is simply gone.
      const why = r.reason === 'too-large' ? tooLargeMessage(this.options.maxFileSizeName ?? 'claimlens.maxFileSize', this.maxFileSize) : READ_FAILURE_MESSAGES[r.reason as ReadFailure] ?? r.reason;
      if (r.reason !== 'missing') this.problems.push({ path: r.path, message: `Skipped source ${r.path}: ${why}`, severity: 'info' });
      return false;
    }
    const source = this.source(r.prepared);
    this.passages.add(source, r.prepared.index);
    return true;
  }

  private source(p: CachedSource): Source {
    const source = new Source(p.id, p.path, p.folder, p.mtimeMs, p.size, p.summary, p.blob);
    source.sidecar = this.sidecars.lookup(p.folder, p.path);
    for (const m of p.summary.meta?.problems ?? []) this.problems.push({ path: p.path, message: `Source metadata in ${p.path}: ${m}; the source is read without it`, severity: 'warning' });
    this.byPath.set(source.path, source);
    return source;
  }

  /**
   * Restores what the cache holds; returns the files still to prepare (new or
   * changed since). Cached sources that changed or disappeared are dropped.
   */
  private restore(cache: { path: string; key: string }, files: [string, string][]): [string, string][] {
    const data = readCache(cache.path, cache.key);
    if (!data) return files;
    if ('damaged' in data) return this.rebuild(cache.path, data.damaged, files);
    this.cacheFd = data.fd;
    try {
      this.passages.restore(data.index, data.sources.map((p) => this.source(p)));
    } catch (e) {
      return this.rebuild(cache.path, `its search index is malformed (${(e as Error).message})`, files);
    }
    const wanted = new Set(files.map(([, path]) => path));
    const todo: [string, string][] = [];
    for (const [folder, path] of files) {
      const s = this.byPath.get(path);
      let fresh = false;
      if (s) {
        try {
          const st = this.listedStats.get(path) ?? statSync(path);
          fresh = st.size === s.size && st.mtimeMs === s.mtimeMs;
        } catch {
          fresh = false;
        }
      }
      if (fresh) continue;
      if (s) this.drop(s);
      todo.push([folder, path]);
    }
    for (const s of [...this.byPath.values()]) if (!wanted.has(s.path)) this.drop(s);
    return todo;
  }

  /** Forgets whatever a damaged cache gave, says so once, and has every file prepared again. */
  private rebuild(path: string, why: string, files: [string, string][]): [string, string][] {
    for (const s of this.byPath.values()) s.release();
    this.byPath.clear();
    this.passages = new PassageIndex();
    if (this.cacheFd !== undefined) closeSync(this.cacheFd);
    this.cacheFd = undefined;
    this.problems.push({ path, message: `The index cache ${path} is damaged (${why}); it is rebuilt`, severity: 'info' });
    return files;
  }

  private saveCache(cache: { path: string; key: string }): void {
    try {
      const list = this.sources();
      const sources: CachedSource[] = list.map((s) => ({ id: s.id, path: s.path, folder: s.folder, mtimeMs: s.mtimeMs, size: s.size, summary: s.summary, blob: new Uint8Array(0) }));
      writeCache(cache.path, { key: cache.key, index: this.passages.snapshot(), sources }, (_, i) => list[i].blob);
    } catch (e) {
      this.problems.push({ path: cache.path, message: `Could not write the index cache ${cache.path}: ${(e as Error).message}`, severity: 'info' });
    }
  }

  /** After sources came or went: people and independence follow. */
  private changed(): void {
    for (const p of this.sidecars.problems.splice(0)) this.problems.push({ ...p, severity: 'warning' });
    const people = indexPeople(this.byPath.values(), this.passages);
    this.people = people.index;
    this.persons = people.persons;
    this.independence = undefined;
    this.vectors.clear();
  }

  /** Which sources count as one: declared copies and near-duplicates. */
  groups(): Independence {
    this.independence ??= new Independence(this.sources(), (a, b) => this.vectors.between(a, b));
    return this.independence;
  }

  /** TF-IDF cosine between an article's vector and a whole source. */
  similarity(articleVector: Map<string, number>, source: Source): number {
    return this.vectors.to(articleVector, source);
  }

  /** What the sources say about a person, by canonical name. */
  person(name: string): PersonRecord | undefined {
    return this.persons.get(name);
  }
}
