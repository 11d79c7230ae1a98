// The server's state without the protocol: corpora (one per distinct set of
// source folders) and one check result per document version. Every LSP
// feature reads results from here, so a document is analysed once per
// version however many features ask.

import { resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import { formatOf } from './analysis/analyze.js';
import { Corpus } from './corpus/corpus.js';
import { checkArticle, type CheckResult } from './engine.js';
import { LineIndex } from './positions.js';
import type { Settings } from './settings.js';

export interface Entry {
  uri: string;
  version: number;
  text: string;
  lines: LineIndex;
  result: CheckResult;
  corpus: Corpus;
  /** The document was too large to analyse; `result` is empty. */
  skipped?: 'too-large';
}

export interface DocumentInput {
  uri: string;
  version: number;
  text: string;
  languageId?: string;
}

export interface CorpusRequest {
  folders: string[];
  maxFileSize: number;
}

export class Session {
  private readonly corpora = new Map<string, Corpus>();
  private readonly entries = new Map<string, Entry>();

  constructor(
    /** The bundled seeds folder. */
    readonly seeds: string,
    private readonly onCorpusLoaded: (corpus: Corpus) => void = () => {},
  ) {}

  /** The source folders a document's settings ask for, resolved against its workspace folder. */
  folders(settings: Settings, workspaceFolder: string | undefined): string[] {
    const base = workspaceFolder ?? process.cwd();
    const extra = settings.sources.map((s) => resolve(base, expandHome(s)));
    return [...(settings.useBundledSeeds ? [this.seeds] : []), ...extra];
  }

  corpus(request: CorpusRequest): Corpus {
    const key = JSON.stringify([request.folders, request.maxFileSize]);
    let corpus = this.corpora.get(key);
    if (!corpus) {
      corpus = new Corpus({ maxFileSize: request.maxFileSize });
      corpus.load(request.folders);
      this.corpora.set(key, corpus);
      this.onCorpusLoaded(corpus);
    }
    return corpus;
  }

  allCorpora(): Corpus[] {
    return [...this.corpora.values()];
  }

  /** The check result for this exact document version, computed at most once. */
  check(doc: DocumentInput, corpus: Corpus, maxFileSize: number): Entry {
    const cached = this.entries.get(doc.uri);
    if (cached && cached.version === doc.version && cached.corpus === corpus) return cached;
    const path = fileUriToPath(doc.uri);
    const format = doc.languageId === 'markdown' || (path && formatOf(path) === 'markdown') ? 'markdown' : 'plaintext';
    const tooLarge = doc.text.length > maxFileSize;
    const result = tooLarge
      ? checkArticle('', { format, corpus })
      : checkArticle(doc.text, { format, corpus, path });
    const entry: Entry = {
      uri: doc.uri,
      version: doc.version,
      text: doc.text,
      lines: new LineIndex(doc.text),
      result,
      corpus,
      skipped: tooLarge ? 'too-large' : undefined,
    };
    this.entries.set(doc.uri, entry);
    return entry;
  }

  cached(uri: string): Entry | undefined {
    return this.entries.get(uri);
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
