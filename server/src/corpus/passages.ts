// Source sentences as searchable passages. MiniSearch indexes and ranks the
// sources (one document per source: a tenth of the postings of one per
// sentence, which is what makes a large corpus quick to index, restore and
// query); the best sources' passages are then ranked by the query terms they
// share. A source's passages are built from its body when first needed and
// let go with it.

import MiniSearch from 'minisearch';
import type { Figure, Official, Quote } from '../analysis/types.js';
import { ofSentence, overlapping } from '../analysis/bySentence.js';
import { figureTerm, indexTerms, passageIndexTerms } from './prepare.js';
import type { PreparedPassage, Source, SourceBody } from './source.js';
import { Idf } from './terms.js';

export { figureTerm };

/** A source sentence with what it says. */
export interface Passage {
  /** Its distinct content terms (see corpus/terms.ts). */
  terms: string[];
  /** Its entities ("person:John Kirby", "country:US"). */
  entities: string[];
  source: Source;
  sentence: number;
  start: number;
  end: number;
  figures: Figure[];
  officials: Official[];
  quotes: Quote[];
}

const SEARCH_OPTIONS = {
  fields: ['terms'],
  // Terms are already stemmed and filtered (corpus/terms.ts); MiniSearch only indexes them.
  tokenize: (s: string) => s.split(' '),
  processTerm: (t: string) => t || null,
};

/** What the cache keeps of the index. */
export interface IndexSnapshot {
  search: string;
  idf: ReturnType<Idf['toJSON']>;
  /** The MiniSearch document id of each source, by path, and its length. */
  docs: [string, number, number][];
}

/**
 * A source's length for ranking: its distinct terms, counted as MiniSearch
 * counts a field (an empty source counts 1).
 */
export function docLength(doc: string): number {
  return new Set(doc.split(' ')).size;
}

/**
 * BM25+ (k = 1.2, b = 0.7, δ = 0.5, MiniSearch's defaults) of a term a source
 * has, among `total` sources of which `matching` have it. A source's terms are
 * distinct, so the term frequency is 1. The archive (archive/store.ts) computes
 * the same expression in SQL, in the same order, so both rank alike.
 */
export function bm25(matching: number, total: number, length: number, avgLength: number): number {
  const invDocFreq = Math.log(1 + (total - matching + 0.5) / (matching + 0.5));
  return invDocFreq * (0.5 + 2.2 / (1 + 1.2 * (1 - 0.7 + (0.7 * length) / avgLength)));
}

/** Best first; equal scores in the order of the sources' paths, which every backend knows. */
export function byScoreThenPath(a: { score: number; path: string }, b: { score: number; path: string }): number {
  return b.score - a.score || (a.path < b.path ? -1 : a.path > b.path ? 1 : 0);
}

/** How many of the best-ranked sources a query looks into for passages. */
export const SOURCES_PER_QUERY = 12;
/** Per-term results kept between queries: the common words of a story come back in every sentence and every keystroke. */
const CACHED_TERMS = 400;

/** Passages built from a loaded body; they go when the body is released. */
const built = new WeakMap<SourceBody, Passage[]>();

/** A source's passages, built from its body when first needed (every backend builds them alike). */
export function passagesOf(source: Source): Passage[] {
  const body = source.load();
  let list = built.get(body);
  if (!list) {
    const { officials, quotes } = source.summary;
    list = body.passages.map((p) => passage(source, body, p, officials, quotes));
    built.set(body, list);
  }
  return list;
}

function passage(source: Source, body: SourceBody, p: PreparedPassage, officials: Official[], quotes: Quote[]): Passage {
  const mine = [...ofSentence(officials, p.sentence)];
  // Person entities follow the names as the corpus resolves them now.
  const people = mine.filter((o) => o.start >= p.start && o.end <= p.end).map((o) => `person:${o.name}`);
  const entities = p.entities ? p.entities.split('\n').filter((e) => !e.startsWith('person:')) : [];
  return {
    source,
    sentence: p.sentence,
    start: p.start,
    end: p.end,
    terms: p.terms ? p.terms.split(' ') : [],
    entities: [...entities, ...new Set(people)],
    figures: [...ofSentence(body.figures, p.sentence)],
    officials: mine,
    quotes: overlapping(quotes, p.start, p.end),
  };
}

/** A query split into its words and its figure classes ("fig:…"). */
export function queryParts(wanted: string[]): { words: Set<string>; classes: string[] } {
  return { words: new Set(wanted.filter((t) => !t.startsWith('fig:'))), classes: wanted.filter((t) => t.startsWith('fig:')) };
}

/**
 * A passage's score for a query: the summed idf of the query's terms it has,
 * added in one order on every backend (its own terms, then the figure
 * classes) so equal passages score exactly alike.
 */
export function passageScore(p: Passage, query: { words: Set<string>; classes: string[] }, weight: (t: string) => number): number {
  let score = 0;
  // One pass over the passage's (distinct) terms instead of one search per wanted term.
  for (const t of p.terms) if (query.words.has(t)) score += weight(t);
  for (const t of query.classes) if (p.figures.some((f) => figureTerm(f.class) === t)) score += weight(t);
  return score;
}

export class PassageIndex {
  private search = new MiniSearch<{ id: number; terms: string }>(SEARCH_OPTIONS);
  private readonly docOf = new Map<Source, number>();
  private readonly sourceOf = new Map<number, Source>();
  private readonly lengthOf = new Map<number, number>();
  private totalLength = 0;
  idf = new Idf();
  private nextDoc = 1;
  private readonly termCache = new Map<string, { docs: Uint32Array; scores: Float64Array }>();

  /** Sources in the index. */
  get size(): number {
    return this.docOf.size;
  }

  /** Indexes a source; `index` are its terms when a worker already computed them. */
  add(source: Source, index = indexTerms(source.load())): void {
    for (const p of index.passages) this.idf.add(p ? p.split(' ') : []);
    const doc = this.nextDoc++;
    this.docOf.set(source, doc);
    this.sourceOf.set(doc, source);
    this.setLength(doc, docLength(index.doc));
    this.search.add({ id: doc, terms: index.doc });
    this.termCache.clear();
  }

  remove(source: Source): void {
    const doc = this.docOf.get(source);
    if (doc === undefined) return;
    const body = source.load();
    for (const p of body.passages) {
      const terms = passageIndexTerms(p, body);
      this.idf.remove(terms ? terms.split(' ') : []);
    }
    this.search.discard(doc);
    this.docOf.delete(source);
    this.sourceOf.delete(doc);
    this.setLength(doc, undefined);
    this.termCache.clear();
  }

  private setLength(doc: number, length: number | undefined): void {
    this.totalLength -= this.lengthOf.get(doc) ?? 0;
    if (length === undefined) this.lengthOf.delete(doc);
    else {
      this.lengthOf.set(doc, length);
      this.totalLength += length;
    }
  }

  /** The source's names changed (the corpus resolved them): its passages are built again when next needed. */
  renamed(source: Source): void {
    const body = source.loaded;
    if (body) built.delete(body);
  }

  passagesOf(source: Source): Passage[] {
    return passagesOf(source);
  }

  /** The index as plain data, for the cache. */
  snapshot(): IndexSnapshot {
    return { search: JSON.stringify(this.search), idf: this.idf.toJSON(), docs: [...this.docOf].map(([s, d]) => [s.path, d, this.lengthOf.get(d)!]) };
  }

  /** Rebuilds the index from a snapshot and the sources it was made from. */
  restore(snapshot: IndexSnapshot, sources: Source[]): void {
    this.search = MiniSearch.loadJSON(snapshot.search, SEARCH_OPTIONS);
    this.idf = Idf.fromJSON(snapshot.idf);
    this.termCache.clear();
    this.docOf.clear();
    this.sourceOf.clear();
    this.lengthOf.clear();
    this.totalLength = 0;
    const docs = new Map(snapshot.docs.map(([path, doc, length]) => [path, [doc, length]]));
    // A loop, not Math.max(...values): spreading 100,000 ids into a call overflows the stack.
    let last = 0;
    for (const [doc] of docs.values()) last = Math.max(last, doc);
    this.nextDoc = last + 1;
    for (const source of sources) {
      const entry = docs.get(source.path);
      if (entry === undefined) continue;
      this.docOf.set(source, entry[0]);
      this.sourceOf.set(entry[0], source);
      this.setLength(entry[0], entry[1]);
    }
  }

  /**
   * The passages sharing the most (rare) query terms, from the sources
   * MiniSearch ranks best for the query; most relevant first.
   */
  query(terms: Iterable<string>, limit: number, exclude?: (s: Source) => boolean): Passage[] {
    const wanted = [...new Set(terms)];
    if (!wanted.length) return [];
    // The sources' BM25 scores for the terms, summed in the order of the terms.
    const total = new Map<number, number>();
    for (const t of wanted) {
      const { docs, scores } = this.termResults(t);
      for (let i = 0; i < docs.length; i++) total.set(docs[i], (total.get(docs[i]) ?? 0) + scores[i]);
    }
    const ranked = [...total]
      .map(([doc, score]) => ({ source: this.sourceOf.get(doc), score, path: this.sourceOf.get(doc)?.path ?? '' }))
      .sort(byScoreThenPath);
    const parts = queryParts(wanted);
    const scored: [Passage, number][] = [];
    let sources = 0;
    for (const { source } of ranked) {
      if (!source || exclude?.(source)) continue;
      for (const p of this.passagesOf(source)) {
        const score = passageScore(p, parts, (t) => this.idf.weight(t));
        if (score > 0) scored.push([p, score]);
      }
      if (++sources >= SOURCES_PER_QUERY) break;
    }
    return scored
      .sort((a, b) => b[1] - a[1])
      .slice(0, limit)
      .map(([p]) => p);
  }

  /** The sources with a term and their BM25 scores (see bm25), kept until the index changes. */
  private termResults(term: string): { docs: Uint32Array; scores: Float64Array } {
    let r = this.termCache.get(term);
    if (r) {
      this.termCache.delete(term);
      this.termCache.set(term, r);
      return r;
    }
    const hits = this.search.search(term);
    const avgLength = this.totalLength / this.lengthOf.size;
    const docs = Uint32Array.from(hits, (h) => h.id as number);
    r = { docs, scores: Float64Array.from(docs, (d) => bm25(docs.length, this.lengthOf.size, this.lengthOf.get(d)!, avgLength)) };
    this.termCache.set(term, r);
    if (this.termCache.size > CACHED_TERMS) this.termCache.delete(this.termCache.keys().next().value as string);
    return r;
  }
}
