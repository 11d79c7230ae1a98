// Every article of the workspace (files matching claimlens.include, minus
// claimlens.exclude), checked against the corpus, for workspace-wide claim
// search. Open documents count with their unsaved text. Plain data: the LSP
// features read it.

import { resolve } from 'node:path';
import picomatch from 'picomatch';
import { glob } from 'tinyglobby';
import { formatOf } from './analysis/analyze.js';
import type { Corpus } from './corpus/corpus.js';
import { readTextFile } from './corpus/files.js';
import { WALK_LIMITS } from './corpus/walk.js';
import { checkArticle, type CheckOptions, type CheckResult } from './engine.js';
import { isInside, relativePath } from './paths.js';

export interface Article {
  path: string;
  /** The workspace folder it belongs to. */
  folder: string;
  text: string;
  result: CheckResult;
  /** Its text comes from an open editor, not from disk. */
  open: boolean;
}

export interface IndexOptions {
  include: string[];
  exclude: string[];
  maxFileSize: number;
}

export class WorkspaceIndex {
  private readonly articles = new Map<string, Article>();
  private matchers: { folder: string; isMatch: (rel: string) => boolean }[] = [];

  constructor(
    private readonly corpusFor: (path: string) => Promise<Corpus>,
    private options: IndexOptions,
    /** Whether the workspace is trusted, and which files it may read (an untrusted one no links to files outside it). */
    private readonly trust: { readonly trusted: boolean; admits(path: string): boolean } = { trusted: true, admits: () => true },
    /** How an article is checked (the server checks large ones without holding its thread); undefined skips it. */
    private readonly check: (text: string, options: CheckOptions) => CheckResult | undefined | Promise<CheckResult | undefined> = checkArticle,
  ) {}

  get size(): number {
    return this.articles.size;
  }

  all(): Article[] {
    return [...this.articles.values()].sort((a, b) => a.path.localeCompare(b.path));
  }

  /** Finds and checks every article in the folders, yielding between files; reports progress. */
  async scan(folders: string[], options: IndexOptions, onProgress?: (done: number, total: number) => void): Promise<void> {
    this.options = options;
    this.articles.clear();
    this.matchers = folders.map((folder) => {
      const include = picomatch(options.include, { dot: false });
      const exclude = picomatch(options.exclude.length ? options.exclude : ['\u0000'], { dot: true });
      return { folder, isMatch: (rel: string) => include(rel) && !exclude(rel) };
    });
    const files: string[] = [];
    for (const folder of folders) {
      // An untrusted workspace's links are not followed: they may lead outside it.
      const found = await glob(options.include, {
        cwd: folder,
        ignore: options.exclude,
        absolute: true,
        onlyFiles: true,
        dot: false,
        followSymbolicLinks: this.trust.trusted,
        deep: WALK_LIMITS.maxDepth,
      }).catch(() => []);
      for (const f of found) files.push(resolve(f));
    }
    // A workspace opened at / or a home folder: claim search covers the first files, not all of them.
    files.length = Math.min(files.length, WALK_LIMITS.maxFiles);
    let last = Date.now();
    for (let i = 0; i < files.length; i++) {
      await this.update(files[i]);
      if (Date.now() - last > 20) {
        onProgress?.(i + 1, files.length);
        await new Promise((r) => setImmediate(r));
        last = Date.now();
      }
    }
    onProgress?.(files.length, files.length);
  }

  /** The workspace folder whose include/exclude globs match this path. */
  folderOf(path: string): string | undefined {
    const abs = resolve(path);
    for (const m of this.matchers) {
      if (isInside(m.folder, abs) && m.isMatch(relativePath(m.folder, abs))) return m.folder;
    }
    return undefined;
  }

  /** Re-reads a file from disk (unless it is open); returns whether the index changed. */
  async update(path: string): Promise<boolean> {
    const abs = resolve(path);
    const folder = this.folderOf(abs);
    const existing = this.articles.get(abs);
    if (existing?.open) return false;
    if (!folder || !this.trust.admits(abs)) return this.articles.delete(abs);
    const r = readTextFile(abs, this.options.maxFileSize);
    if (!r.ok) return this.articles.delete(abs);
    await this.put(abs, folder, r.text, false);
    return true;
  }

  /** An open editor's text (and the result the server already computed for it) replaces the file's. */
  setOpen(path: string, text: string, result: CheckResult): void {
    const abs = resolve(path);
    const folder = this.folderOf(abs);
    if (folder) this.articles.set(abs, { path: abs, folder, text, result, open: true });
  }

  /** The editor closed: go back to the text on disk. */
  async closed(path: string): Promise<void> {
    const abs = resolve(path);
    const a = this.articles.get(abs);
    if (a) a.open = false;
    await this.update(abs);
  }

  /** Re-checks every article, e.g. after the corpus changed. */
  async recheck(): Promise<void> {
    for (const a of this.all()) await this.put(a.path, a.folder, a.text, a.open);
  }

  private async put(path: string, folder: string, text: string, open: boolean): Promise<void> {
    const corpus = await this.corpusFor(path);
    const result = await this.check(text, { format: formatOf(path), corpus, path });
    if (result) this.articles.set(path, { path, folder, text, result, open });
  }
}
