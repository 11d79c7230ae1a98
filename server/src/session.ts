// The server's state without the protocol: corpora (one per distinct set of
// source folders) and one check result per document version. Every LSP
// feature reads results from here, so a document is analysed once per
// version however many features ask.

import { fileURLToPath } from 'node:url';
import { formatOf } from './analysis/analyze.js';
import type { IgnoreMarker } from './analysis/ignores.js';
import { Corpus, sourceRoot, type SourceRoot } from './corpus/corpus.js';
import { archiveMessage } from './archive/db.js';
import { ArchiveStore } from './archive/store.js';
import type { CorpusStore } from './corpus/store.js';
import { checkArticle, checkArticleSliced, checkArticleWith, type CheckedCorpus, type CheckResult, type SlicedRun } from './engine.js';
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
  /** What features read of the corpus: the local corpus, or the view of the archive the check used. */
  corpus: CheckedCorpus;
  /** The archive it was checked against, if any. */
  store?: CorpusStore;
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
  /** The total the load reads (claimlens.maxSourcesSize). */
  maxTotalBytes: number;
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

/** After an archive failed, checks use the local corpus for this long before it is tried again. */
const ARCHIVE_RETRY_MS = 30_000;

export class Session {
  private readonly corpora = new Map<string, { corpus: Corpus; ready: Promise<Corpus>; cancel: AbortController }>();
  private readonly archives = new Map<string, { store?: Promise<ArchiveStore>; failedAt?: number }>();
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
    const key = JSON.stringify([request.folders, request.maxFileSize, request.maxTotalBytes]);
    let slot = this.corpora.get(key);
    if (!slot) {
      const limits = { maxFileSize: request.maxFileSize, maxTotalBytes: request.maxTotalBytes, maxTotalBytesName: 'claimlens.maxSourcesSize' };
      const corpus = new Corpus({ ...limits, ...this.setup, admits: this.trusted ? undefined : (path) => this.admits(path) });
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

  /**
   * The shared archive at this connection string, opened once. While it
   * fails (and for ARCHIVE_RETRY_MS after) it is undefined and checks use the
   * local corpus; `warn` hears of each failure once.
   */
  async archive(url: string, warn: (message: string) => void): Promise<ArchiveStore | undefined> {
    let slot = this.archives.get(url);
    if (slot?.failedAt !== undefined && Date.now() - slot.failedAt < ARCHIVE_RETRY_MS) return undefined;
    if (!slot?.store) {
      const store = ArchiveStore.open(url);
      store.catch(() => undefined);
      slot = { store, failedAt: slot?.failedAt };
      this.archives.set(url, slot);
    }
    try {
      const store = await slot.store!;
      slot.failedAt = undefined;
      return store;
    } catch (e) {
      this.archiveFailed(url, e, warn);
      return undefined;
    }
  }

  /** The archive failed (at opening or during a check): checks fall back to the local corpus. */
  archiveFailed(url: string, e: unknown, warn: (message: string) => void): void {
    const slot = this.archives.get(url);
    void slot?.store?.then((s) => s.close(), () => undefined);
    // Said once per spell of failures: a retry that fails again stays quiet.
    if (slot?.failedAt === undefined) warn(archiveMessage(e, url).message);
    this.archives.set(url, { failedAt: Date.now() });
  }

  /** The check result for this exact document version, computed at most once. */
  check(doc: DocumentInput, corpus: Corpus, maxFileSize: number, ignored: IgnoreMarker[] = []): Entry {
    const ignoredKey = JSON.stringify(ignored);
    const cached = this.entries.get(doc.uri);
    if (cached && cached.version === doc.version && cached.corpus === corpus && cached.ignoredKey === ignoredKey) return cached;
    const { path, format, skipped } = this.input(doc, maxFileSize);
    const result = skipped ? checkArticle('', { format, corpus }) : checkArticle(doc.text, { format, corpus, path, ignored });
    return this.remember(doc, ignoredKey, result, corpus, skipped);
  }

  /**
   * The same, for a document of SLICED_FROM characters or more, without
   * holding the thread (checkArticleSliced); a smaller one is checked at
   * once. Requests for the version being checked share its run. Undefined
   * when the run was cancelled (a newer version arrived).
   */
  async checkSliced(doc: DocumentInput, corpus: Corpus, maxFileSize: number, ignored: IgnoreMarker[], run: SlicedRun): Promise<Entry | undefined> {
    const ignoredKey = JSON.stringify(ignored);
    const cached = this.entries.get(doc.uri);
    if (cached && cached.version === doc.version && cached.corpus === corpus && cached.ignoredKey === ignoredKey) return cached;
    const { path, format, skipped } = this.input(doc, maxFileSize);
    if (skipped || doc.text.length < SLICED_FROM) return this.check(doc, corpus, maxFileSize, ignored);
    const key = JSON.stringify([doc.uri, doc.version, ignoredKey]);
    const running = this.running.get(doc.uri);
    if (running && running.key === key && running.corpus === corpus) return running.entry;
    const entry = checkArticleSliced(doc.text, { format, corpus, path, ignored }, run)
      .then((result) => (result ? this.remember(doc, ignoredKey, result, corpus, undefined) : undefined))
      .finally(() => {
        if (this.running.get(doc.uri)?.entry === entry) this.running.delete(doc.uri);
      });
    this.running.set(doc.uri, { key, corpus, entry });
    return entry;
  }

  private readonly running = new Map<string, { key: string; corpus: Corpus; entry: Promise<Entry | undefined> }>();

  /** The same against a corpus store (the archive); throws an ArchiveError when it fails. */
  async checkIn(doc: DocumentInput, store: CorpusStore, maxFileSize: number, ignored: IgnoreMarker[] = []): Promise<Entry> {
    const ignoredKey = JSON.stringify(ignored);
    const cached = this.entries.get(doc.uri);
    if (cached && cached.version === doc.version && cached.store === store && cached.ignoredKey === ignoredKey) return cached;
    const { path, format, skipped } = this.input(doc, maxFileSize);
    const { result, corpus } = await checkArticleWith(store, skipped ? '' : doc.text, { format, path, ignored });
    return this.remember(doc, ignoredKey, result, corpus, skipped, store);
  }

  private input(doc: DocumentInput, maxFileSize: number) {
    const path = fileUriToPath(doc.uri);
    const format: 'markdown' | 'plaintext' = doc.languageId === 'markdown' || (path && formatOf(path) === 'markdown') ? 'markdown' : 'plaintext';
    // A NUL character never appears in an article, wherever it is: the editor opened a binary file as
    // text; and the replacement character is what an editor shows for bytes that are not UTF-8.
    const skipped =
      doc.text.length > maxFileSize
        ? ('too-large' as const)
        : doc.text.includes('\u0000')
          ? ('binary' as const)
          : doc.text.slice(0, 8192).includes('\ufffd')
            ? ('invalid-utf8' as const)
            : undefined;
    return { path, format, skipped };
  }

  private remember(doc: DocumentInput, ignoredKey: string, result: CheckResult, corpus: CheckedCorpus, skipped: Entry['skipped'], store?: CorpusStore): Entry {
    const entry: Entry = { uri: doc.uri, version: doc.version, ignoredKey, text: doc.text, lines: new LineIndex(doc.text), result, corpus, store, skipped };
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
