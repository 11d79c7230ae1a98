// The server's state without the protocol: corpora (one per distinct set of
// source folders) and one check result per document version. Every LSP
// feature reads results from here, so a document is analysed once per
// version however many features ask.

import { fileURLToPath } from 'node:url';
import { formatOf } from './analysis/analyze.js';
import type { IgnoreMarker } from './analysis/ignores.js';
import { Corpus, sourceRoot, type SourceRoot } from './corpus/corpus.js';
import type { Format } from './analysis/types.js';
import { checkArticle, checkArticleSliced, type CheckResult, type SlicedRun } from './engine.js';
import { reallyInside } from './paths.js';
import { LineIndex } from './positions.js';
import type { Settings } from './settings.js';

/** Documents this long or longer are checked without holding the thread (Session.checkSliced). */
export const SLICED_FROM = 64 * 1024;

export interface Entry {
  uri: string;
  version: number;
  /** The dismissed findings it was checked with. */
  ignoredKey: string;
  text: string;
  lines: LineIndex;
  result: CheckResult;
  corpus: Corpus;
  /** The document was not analysed (too large, or binary); `result` is empty. */
  skipped?: 'too-large' | 'binary' | 'invalid-utf8';
}

export interface DocumentInput {
  uri: string;
  version: number;
  text: string;
  languageId?: string;
}

export interface CorpusRequest {
  folders: SourceRoot[];
  maxFileSize: number;
}

export interface CorpusSetup {
  cacheDir?: string;
  workerScript?: string;
  version?: string;
}

export interface SessionHooks {
  /** A corpus starts loading; the promise settles when it is ready. */
  loading?(corpus: Corpus, ready: Promise<void>, progress: (report: (done: number, total: number) => void) => void): void;
  loaded?(corpus: Corpus): void;
}

export class Session {
  private readonly corpora = new Map<string, { corpus: Corpus; ready: Promise<Corpus>; cancel: AbortController }>();
  private readonly entries = new Map<string, Entry>();
  /** Workspace folders, and whether the workspace is trusted to read sources outside them. */
  workspaceFolders: string[] = [];
  trusted = true;
  /** Source folders left out because the workspace is not trusted. */
  readonly untrustedSkipped = new Set<string>();

  constructor(
    /** The bundled seeds folder. */
    readonly seeds: string,
    private readonly hooks: SessionHooks = {},
    /** How corpora cache and index (see CorpusOptions). */
    readonly setup: CorpusSetup = {},
  ) {}

  /**
   * The source folders a document's settings ask for, resolved against its
   * workspace folder. In an untrusted workspace, folders outside the
   * workspace are left out (the bundled seeds ship with the extension).
   */
  folders(settings: Settings, workspaceFolder: string | undefined): SourceRoot[] {
    const base = workspaceFolder ?? this.workspaceFolders[0] ?? process.cwd();
    const extra = settings.sources.map((s) => sourceRoot(expandHome(s), base));
    // The decision is made on real paths: a folder inside the workspace that is a link to one
    // outside is outside.
    const allowed = extra.filter(({ folder: f }) => {
      if (this.trusted || reallyInside(this.workspaceFolders, f)) return true;
      this.untrustedSkipped.add(f);
      return false;
    });
    return [...(settings.useBundledSeeds ? [{ folder: this.seeds }] : []), ...allowed];
  }

  /**
   * Whether an untrusted workspace may have this file read: its real path
   * lies in a workspace folder or in the bundled seeds. A trusted workspace
   * may read anything its settings name.
   */
  admits(path: string): boolean {
    return this.trusted || reallyInside([...this.workspaceFolders, this.seeds], path);
  }

  /** The corpus for these folders, loading it the first time it is asked for. */
  corpus(request: CorpusRequest): Promise<Corpus> {
    const key = JSON.stringify([request.folders, request.maxFileSize]);
    let slot = this.corpora.get(key);
    if (!slot) {
      const corpus = new Corpus({ maxFileSize: request.maxFileSize, ...this.setup, admits: this.trusted ? undefined : (path) => this.admits(path) });
      let report: ((done: number, total: number) => void) | undefined;
      // Settings that change while a corpus loads cancel the load: its folders are no longer wanted.
      const cancel = new AbortController();
      const ready = corpus.loadAsync(request.folders, (d, t) => report?.(d, t), cancel.signal).then(() => {
        if (!cancel.signal.aborted) this.hooks.loaded?.(corpus);
        return corpus;
      });
      slot = { corpus, ready, cancel };
      this.corpora.set(key, slot);
      this.hooks.loading?.(corpus, ready.then(() => undefined), (r) => (report = r));
    }
    return slot.ready;
  }

  allCorpora(): Corpus[] {
    return [...this.corpora.values()].map((s) => s.corpus);
  }

  /** Re-reads changed source files in every corpus that holds them; returns the corpora that changed. */
  refreshSources(paths: string[]): Corpus[] {
    const changed = new Set<Corpus>();
    for (const corpus of this.allCorpora()) if (corpus.refresh(paths)) changed.add(corpus);
    for (const c of changed) this.invalidate(c);
    return [...changed];
  }

  /** The check result for this exact document version, computed at most once. */
  check(doc: DocumentInput, corpus: Corpus, maxFileSize: number, ignored: IgnoreMarker[] = []): Entry {
    const ignoredKey = JSON.stringify(ignored);
    const cached = this.fresh(doc, corpus, ignoredKey);
    if (cached) return cached;
    const { format, path, skipped } = this.describe(doc, maxFileSize);
    const result = skipped ? checkArticle('', { format, corpus }) : checkArticle(doc.text, { format, corpus, path, ignored });
    return this.store(doc, corpus, ignoredKey, result, skipped);
  }

  /**
   * The same, for a document of SLICED_FROM characters or more, without
   * holding the thread (checkArticleSliced); a smaller one is checked at
   * once. Requests for the version being checked share its run. Undefined
   * when the run was cancelled (a newer version arrived).
   */
  async checkSliced(doc: DocumentInput, corpus: Corpus, maxFileSize: number, ignored: IgnoreMarker[], run: SlicedRun): Promise<Entry | undefined> {
    const ignoredKey = JSON.stringify(ignored);
    const cached = this.fresh(doc, corpus, ignoredKey);
    if (cached) return cached;
    const { format, path, skipped } = this.describe(doc, maxFileSize);
    if (skipped || doc.text.length < SLICED_FROM) return this.check(doc, corpus, maxFileSize, ignored);
    const key = JSON.stringify([doc.uri, doc.version, ignoredKey]);
    const running = this.running.get(doc.uri);
    if (running && running.key === key && running.corpus === corpus) return running.entry;
    const entry = checkArticleSliced(doc.text, { format, corpus, path, ignored }, run)
      .then((result) => (result ? this.store(doc, corpus, ignoredKey, result, undefined) : undefined))
      .finally(() => {
        if (this.running.get(doc.uri)?.entry === entry) this.running.delete(doc.uri);
      });
    this.running.set(doc.uri, { key, corpus, entry });
    return entry;
  }

  private readonly running = new Map<string, { key: string; corpus: Corpus; entry: Promise<Entry | undefined> }>();

  private fresh(doc: DocumentInput, corpus: Corpus, ignoredKey: string): Entry | undefined {
    const cached = this.entries.get(doc.uri);
    return cached && cached.version === doc.version && cached.corpus === corpus && cached.ignoredKey === ignoredKey ? cached : undefined;
  }

  private describe(doc: DocumentInput, maxFileSize: number) {
    const path = fileUriToPath(doc.uri);
    const format: Format = doc.languageId === 'markdown' || (path && formatOf(path) === 'markdown') ? 'markdown' : 'plaintext';
    // A NUL character never appears in an article, wherever it is: the editor opened a binary file as
    // text; and the replacement character is what an editor shows for bytes that are not UTF-8.
    const skipped: Entry['skipped'] =
      doc.text.length > maxFileSize ? 'too-large' : doc.text.includes('\u0000') ? 'binary' : doc.text.slice(0, 8192).includes('\ufffd') ? 'invalid-utf8' : undefined;
    return { path, format, skipped };
  }

  private store(doc: DocumentInput, corpus: Corpus, ignoredKey: string, result: CheckResult, skipped: Entry['skipped']): Entry {
    const entry: Entry = { uri: doc.uri, version: doc.version, ignoredKey, text: doc.text, lines: new LineIndex(doc.text), result, corpus, skipped };
    this.entries.set(doc.uri, entry);
    return entry;
  }

  cached(uri: string): Entry | undefined {
    return this.entries.get(uri);
  }

  /** How much the session holds, for the claimlens/stats request. */
  stats(): { entries: number; corpora: number; sources: number } {
    return { entries: this.entries.size, corpora: this.corpora.size, sources: this.allCorpora().reduce((n, c) => n + c.size, 0) };
  }

  forget(uri: string): void {
    this.entries.delete(uri);
  }

  /** Drops every result computed against a corpus (its sources changed). */
  invalidate(corpus?: Corpus): void {
    for (const [uri, e] of this.entries) if (!corpus || e.corpus === corpus) this.entries.delete(uri);
  }

  /** Drops all corpora, e.g. when the source settings change. */
  resetCorpora(): void {
    for (const slot of this.corpora.values()) slot.cancel.abort();
    this.corpora.clear();
    this.entries.clear();
  }
}

function expandHome(p: string): string {
  return p.startsWith('~/') && process.env.HOME ? process.env.HOME + p.slice(1) : p;
}

export function fileUriToPath(uri: string): string | undefined {
  if (!uri.startsWith('file:')) return undefined;
  try {
    return fileURLToPath(uri);
  } catch {
    return undefined;
  }
}
