// The corpus behind one interface. Evidence, hovers and claim search ask a
// CorpusStore; two backends answer: MemoryStore (the embedded default: the
// seeds and the user's folders, in this process) and the PostgreSQL archive
// (archive/store.ts) for a desk's shared archive. Every question is asked in
// a batch — all of an article's sentence queries at once — so a database
// answers a check in a few round trips. An answer may be a value or a
// promise: the in-memory backend answers at once, and a caller that awaits
// it pays nothing measurable (see ARCHITECTURE.md for the contract).

import { resolve } from 'node:path';
import type { PeopleIndex } from '../analysis/officials.js';
import type { Corpus } from './corpus.js';
import type { PersonRecord } from './people.js';
import type { Passage } from './passages.js';
import type { Source } from './source.js';

export type Awaitable<T> = T | Promise<T>;

/** Term statistics over the corpus's passages: the idf every score uses. */
export interface TermStats {
  /** How many passages there are. */
  readonly documents: number;
  /** In how many passages a term occurs (0 for a term the store was not asked about). */
  count(term: string): number;
  /** The term's inverse document frequency, log(1 + (documents + 1) / (count + 1)). */
  weight(term: string): number;
}

/** Sources that must never count as evidence for an article: the article's own file, and any copy of its text. */
export interface Exclusion {
  /** The article's path (a source at this locator is excluded). */
  locator?: string;
  /** The article's text (a source with exactly this text is excluded). */
  text?: string;
}

export interface CorpusStore {
  readonly kind: 'memory' | 'postgres';
  /** How many sources the store holds. */
  size(): Awaitable<number>;
  /** Statistics for these terms (and the passage count). */
  termStats(terms: Iterable<string>): Awaitable<TermStats>;
  /**
   * For each query (a list of terms, deduplicated in order): the passages of
   * the SOURCES_PER_QUERY best sources by BM25 (ties by locator) that share a
   * query term, scored by the summed idf of the terms they share, best first
   * (ties in source rank, then sentence order), at most `limit`; never from
   * excluded sources.
   */
  retrieve(queries: string[][], limit: number, exclude?: Exclusion): Awaitable<Passage[][]>;
  /** Sources by locator (a file's path), undefined where there is none. */
  sources(locators: string[]): Awaitable<(Source | undefined)[]>;
  /** A people index that resolves these names and surnames as the whole corpus would (the whole index when none are given). */
  people(names?: string[]): Awaitable<PeopleIndex>;
  /** What the sources say about each of these people (canonical names); absent for a person no source names. */
  persons(names: string[]): Awaitable<Map<string, PersonRecord>>;
  /** For each list of sources (from this store): how many independent groups they form. */
  independent(lists: Source[][]): Awaitable<number[]>;
  /** TF-IDF cosine of an article's vector with each source as a whole (0–1). */
  similarity(vector: Map<string, number>, sources: Source[]): Awaitable<number[]>;
  close(): Promise<void>;
}

/** The exclusion as a test on sources. Comparing sizes first spares loading every source's text. */
export function excludes(exclude: Exclusion | undefined): ((s: Source) => boolean) | undefined {
  if (!exclude || (exclude.locator === undefined && exclude.text === undefined)) return undefined;
  const own = exclude.locator !== undefined ? resolve(exclude.locator) : undefined;
  const text = exclude.text;
  const bytes = text !== undefined ? Buffer.byteLength(text) : -1;
  return (s) => s.path === own || (text !== undefined && s.size === bytes && s.text === text);
}

/** The embedded backend: today's Corpus, answering at once. */
export class MemoryStore implements CorpusStore {
  readonly kind = 'memory' as const;

  constructor(readonly corpus: Corpus) {}

  size(): number {
    return this.corpus.size;
  }

  termStats(): TermStats {
    return this.corpus.passages.idf;
  }

  retrieve(queries: string[][], limit: number, exclude?: Exclusion): Passage[][] {
    const test = excludes(exclude);
    return queries.map((q) => this.corpus.passages.query(q, limit, test));
  }

  sources(locators: string[]): (Source | undefined)[] {
    return locators.map((l) => this.corpus.getByPath(l));
  }

  people(): PeopleIndex {
    return this.corpus.people;
  }

  persons(names: string[]): Map<string, PersonRecord> {
    const out = new Map<string, PersonRecord>();
    for (const n of names) {
      const p = this.corpus.person(n);
      if (p) out.set(n, p);
    }
    return out;
  }

  independent(lists: Source[][]): number[] {
    const groups = this.corpus.groups();
    return lists.map((l) => groups.count(l));
  }

  similarity(vector: Map<string, number>, sources: Source[]): number[] {
    return sources.map((s) => this.corpus.similarity(vector, s));
  }

  async close(): Promise<void> {}
}
