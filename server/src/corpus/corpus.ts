// The source corpus: folders of articles (the bundled seeds plus the user's),
// each analysed with the same engine as the article being checked. The
// corpus also knows every titled person in its sources, which resolves bare
// surnames in articles ("Kirby" → "John Kirby").

import { readdirSync, statSync } from 'node:fs';
import { basename, join, relative, resolve, sep } from 'node:path';
import { analyzeWithTokens, formatOf, withPeople } from '../analysis/analyze.js';
import type { Token } from '../analysis/text.js';
import { PeopleIndex } from '../analysis/officials.js';
import type { Analysis } from '../analysis/types.js';
import { READ_FAILURE_MESSAGES, readTextFile } from './files.js';
import { Independence } from './independence.js';
import { PassageIndex } from './passages.js';
import { cosine, termsOf, vector } from './terms.js';

export interface Source {
  /** Path relative to its corpus folder, prefixed with the folder's name: "seeds/000_….txt". */
  id: string;
  path: string;
  folder: string;
  text: string;
  analysis: Analysis;
  mtimeMs: number;
  size: number;
}

/** Everything the corpus says about one person, for hovers and title checks. */
export interface PersonRecord {
  name: string;
  /** Each title with the sources that give it. */
  titles: Map<string, Set<string>>;
  mentions: { source: Source; start: number; end: number; title?: string; titleSpan?: { start: number; end: number } }[];
  quotes: { source: Source; start: number; end: number; text: string }[];
}

export interface CorpusProblem {
  path: string;
  message: string;
  severity: 'warning' | 'info';
}

export interface CorpusOptions {
  /** Files larger than this are skipped (bytes). */
  maxFileSize?: number;
}

const SOURCE_EXT_RE = /\.(?:txt|md|markdown)$/i;
const SKIP_DIRS = new Set(['node_modules', '.git', '.hg', '.svn', 'dist', 'out', '.vscode-test']);
export const DEFAULT_MAX_FILE_SIZE = 1024 * 1024;

export class Corpus {
  private readonly byPath = new Map<string, Source>();
  private folders: string[] = [];
  people = new PeopleIndex();
  readonly passages = new PassageIndex();
  private independence?: Independence;
  private vectors = new Map<Source, Map<string, number>>();
  /** The analysis each source's passages were built from. */
  private indexed = new Map<Source, Analysis>();
  /** Tokens of sources read but not yet indexed, so indexing does not tokenize again. */
  private tokens = new Map<Source, Token[]>();
  private persons = new Map<string, PersonRecord>();
  readonly problems: CorpusProblem[] = [];

  constructor(private readonly options: CorpusOptions = {}) {}

  /** Replaces the corpus folders and loads every source in them. */
  load(folders: string[]): void {
    for (const [folder, path] of this.reset(folders)) this.read(folder, path);
    this.changed();
  }

  /**
   * The same as load, yielding to the event loop between batches so a server
   * keeps answering while a large corpus is read; reports progress.
   */
  async loadAsync(folders: string[], onProgress?: (done: number, total: number) => void): Promise<void> {
    const files = this.reset(folders);
    const started = Date.now();
    for (let i = 0; i < files.length; i++) {
      this.read(files[i][0], files[i][1]);
      if (Date.now() - started > 20 && i % 25 === 24) {
        onProgress?.(i + 1, files.length);
        await new Promise((r) => setImmediate(r));
      }
    }
    onProgress?.(files.length, files.length);
    this.changed();
  }

  get folderList(): readonly string[] {
    return this.folders;
  }

  private reset(folders: string[]): [string, string][] {
    for (const s of this.indexed.keys()) this.passages.remove(s);
    this.indexed.clear();
    this.tokens.clear();
    this.byPath.clear();
    this.problems.length = 0;
    this.folders = [...new Set(folders.map((f) => resolve(f)))];
    return this.folders.flatMap((folder) => this.listFolder(folder).map((path): [string, string] => [folder, path]));
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

  /** Whether a path lies inside one of the corpus folders and has a source extension. */
  owns(path: string): string | undefined {
    const abs = resolve(path);
    if (!SOURCE_EXT_RE.test(abs)) return undefined;
    return this.folders.find((f) => abs === f || abs.startsWith(f.endsWith(sep) ? f : f + sep));
  }

  /** Re-reads files after they changed, appeared or disappeared. Returns whether the corpus changed. */
  refresh(paths: string | string[]): boolean {
    let any = false;
    for (const path of Array.isArray(paths) ? paths : [paths]) {
      const abs = resolve(path);
      const folder = this.owns(abs);
      if (!folder) continue;
      const old = this.byPath.get(abs);
      if (old) {
        this.passages.remove(old);
        this.indexed.delete(old);
        this.byPath.delete(abs);
      }
      const added = this.read(folder, abs);
      any ||= Boolean(old) || added;
    }
    if (any) this.changed();
    return any;
  }

  private listFolder(folder: string): string[] {
    let stat;
    try {
      stat = statSync(folder);
    } catch {
      this.problems.push({ path: folder, message: `Source folder ${folder} does not exist`, severity: 'warning' });
      return [];
    }
    if (!stat.isDirectory()) {
      this.problems.push({ path: folder, message: `Source folder ${folder} is not a folder`, severity: 'warning' });
      return [];
    }
    const out: string[] = [];
    const walk = (dir: string) => {
      let entries;
      try {
        entries = readdirSync(dir, { withFileTypes: true });
      } catch (e) {
        this.problems.push({ path: dir, message: `Cannot read folder ${dir}: ${(e as Error).message}`, severity: 'warning' });
        return;
      }
      for (const e of entries) {
        if (e.isDirectory()) {
          if (!SKIP_DIRS.has(e.name) && !e.name.startsWith('.')) walk(join(dir, e.name));
        } else if (SOURCE_EXT_RE.test(e.name)) out.push(join(dir, e.name));
      }
    };
    walk(folder);
    return out.sort();
  }

  private read(folder: string, path: string): boolean {
    const r = readTextFile(path, this.options.maxFileSize ?? DEFAULT_MAX_FILE_SIZE);
    if (!r.ok) {
      if (r.reason !== 'missing') {
        this.problems.push({ path, message: `Skipped source ${path}: ${READ_FAILURE_MESSAGES[r.reason]}`, severity: 'info' });
      }
      return false;
    }
    const id = [basename(folder), ...relative(folder, path).split(sep)].join('/');
    const { analysis, tokens } = analyzeWithTokens(r.text, { format: formatOf(path) });
    const source: Source = { id, path, folder, text: r.text, analysis, mtimeMs: r.mtimeMs, size: r.size };
    this.byPath.set(path, source);
    this.tokens.set(source, tokens);
    return true;
  }

  /** After sources came or went: people, passages and independence follow. */
  private changed(): void {
    this.reindexPeople();
    // Passages keep the analysis they were built from: index new sources, and re-index those whose names the corpus now resolves.
    for (const s of this.byPath.values()) {
      if (this.indexed.get(s) === s.analysis) continue;
      if (this.indexed.has(s)) this.passages.remove(s);
      this.passages.add(s, this.tokens.get(s));
      this.indexed.set(s, s.analysis);
    }
    this.tokens.clear();
    this.independence = undefined;
    this.vectors.clear();
  }

  /** Which sources count as one: declared copies and near-duplicates. */
  groups(): Independence {
    this.independence ??= new Independence(this.sources(), this.passages.idf);
    return this.independence;
  }

  /** TF-IDF cosine between a text's terms and a whole source. */
  similarity(terms: string[], articleVector: Map<string, number> | undefined, source: Source): number {
    let v = this.vectors.get(source);
    if (!v) {
      v = vector(termsOf(source.text), this.passages.idf);
      this.vectors.set(source, v);
    }
    return cosine(articleVector ?? vector(terms, this.passages.idf), v);
  }

  /** Collects titled people from every source, then resolves each source's bare names against them. */
  private reindexPeople(): void {
    const people = new PeopleIndex();
    for (const s of this.byPath.values()) {
      for (const o of s.analysis.officials) if (o.form !== 'bare' && o.name.includes(' ')) people.add(o.name, o.title);
    }
    for (const s of this.byPath.values()) s.analysis = withPeople(s.analysis, people);
    for (const s of this.byPath.values()) for (const o of s.analysis.officials) if (o.form === 'bare' || !o.name.includes(' ')) people.add(o.name, undefined);
    this.people = people;
    this.persons = new Map();
    for (const s of this.byPath.values()) {
      for (const o of s.analysis.officials) {
        const p = this.record(o.name);
        p.mentions.push({ source: s, start: o.start, end: o.end, title: o.form === 'bare' ? undefined : o.title, titleSpan: o.titleSpan });
        if (o.form !== 'bare' && o.title) {
          if (!p.titles.has(o.title)) p.titles.set(o.title, new Set());
          p.titles.get(o.title)!.add(s.id);
        }
      }
      for (const q of s.analysis.quotes) if (q.speaker && this.persons.has(q.speaker)) this.record(q.speaker).quotes.push({ source: s, start: q.start, end: q.end, text: q.text });
    }
  }

  private record(name: string): PersonRecord {
    let p = this.persons.get(name);
    if (!p) {
      p = { name, titles: new Map(), mentions: [], quotes: [] };
      this.persons.set(name, p);
    }
    return p;
  }

  /** What the sources say about a person, by canonical name. */
  person(name: string): PersonRecord | undefined {
    return this.persons.get(name);
  }
}
