// Source sentences as searchable passages. MiniSearch indexes and ranks the
// sources (one document per source: a tenth of the postings of one per
// sentence, which is what makes a large corpus quick to index, restore and
// query); the best sources' passages are then ranked by the query terms they
// share. A source's passages are built from its body when first needed and
// let go with it.

import MiniSearch from 'minisearch';
import type { Figure, Official, Quote } from '../analysis/types.js';
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
  /** The MiniSearch document id of each source, by path. */
  docs: [string, number][];
}

/** How many of the best-ranked sources a query looks into for passages. */
const SOURCES_PER_QUERY = 12;
/** Per-term results kept between queries: the common words of a story come back in every sentence and every keystroke. */
const CACHED_TERMS = 400;

export class PassageIndex {
  private search = new MiniSearch<{ id: number; terms: string }>(SEARCH_OPTIONS);
  /** Passages built from a loaded body; they go when the body is released. */
  private readonly built = new WeakMap<SourceBody, Passage[]>();
  private readonly docOf = new Map<Source, number>();
  private readonly sourceOf = new Map<number, Source>();
  idf = new Idf();
  private nextDoc = 1;
  private readonly termCache = new Map<string, { docs: Uint32Array; scores: Float32Array }>();

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
    this.termCache.clear();
  }

  /** The source's names changed (the corpus resolved them): its passages are built again when next needed. */
  renamed(source: Source): void {
    const body = source.loaded;
    if (body) this.built.delete(body);
  }

  passagesOf(source: Source): Passage[] {
    const body = source.load();
    let list = this.built.get(body);
    if (!list) {
      const { officials, quotes } = source.summary;
      list = body.passages.map((p) => this.passage(source, body, p, officials, quotes));
      this.built.set(body, list);
    }
    return list;
  }

  private passage(source: Source, body: SourceBody, p: PreparedPassage, officials: Official[], quotes: Quote[]): Passage {
    const mine = officials.filter((o) => o.sentence === p.sentence);
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
      figures: body.figures.filter((f) => f.sentence === p.sentence),
      officials: mine,
      quotes: quotes.filter((q) => q.start < p.end && q.end > p.start),
    };
  }

  /** The index as plain data, for the cache. */
  snapshot(): IndexSnapshot {
    return { search: JSON.stringify(this.search), idf: this.idf.toJSON(), docs: [...this.docOf].map(([s, d]) => [s.path, d]) };
  }

  /** Rebuilds the index from a snapshot and the sources it was made from. */
  restore(snapshot: IndexSnapshot, sources: Source[]): void {
    this.search = MiniSearch.loadJSON(snapshot.search, SEARCH_OPTIONS);
    this.idf = Idf.fromJSON(snapshot.idf);
    this.termCache.clear();
    this.docOf.clear();
    this.sourceOf.clear();
    const docs = new Map(snapshot.docs);
    this.nextDoc = Math.max(0, ...docs.values()) + 1;
    for (const source of sources) {
      const doc = docs.get(source.path);
      if (doc === undefined) continue;
      this.docOf.set(source, doc);
      this.sourceOf.set(doc, source);
    }
  }

  /**
   * The passages sharing the most (rare) query terms, from the sources
   * MiniSearch ranks best for the query; most relevant first.
   */
  query(terms: Iterable<string>, limit: number, exclude?: (s: Source) => boolean): Passage[] {
    const wanted = [...new Set(terms)];
    if (!wanted.length) return [];
    // The sources' BM25 scores for the terms, summed as MiniSearch's OR query would.
    const total = new Map<number, number>();
    for (const t of wanted) {
      const { docs, scores } = this.termResults(t);
      for (let i = 0; i < docs.length; i++) total.set(docs[i], (total.get(docs[i]) ?? 0) + scores[i]);
    }
    const ranked = [...total].sort((a, b) => b[1] - a[1]);
    const classes = wanted.filter((t) => t.startsWith('fig:'));
    const words = new Set(wanted.filter((t) => !t.startsWith('fig:')));
    const scored: [Passage, number][] = [];
    let sources = 0;
    for (const [doc] of ranked) {
      const source = this.sourceOf.get(doc);
      if (!source || exclude?.(source)) continue;
      for (const p of this.passagesOf(source)) {
        // One pass over the passage's (distinct) terms instead of one search per wanted term.
        let score = 0;
        for (const t of p.terms) if (words.has(t)) score += this.idf.weight(t);
        for (const t of classes) if (p.figures.some((f) => figureTerm(f.class) === t)) score += this.idf.weight(t);
        if (score > 0) scored.push([p, score]);
      }
      if (++sources >= SOURCES_PER_QUERY) break;
    }
    return scored
      .sort((a, b) => b[1] - a[1])
      .slice(0, limit)
      .map(([p]) => p);
  }

  /** MiniSearch's results for one term, kept until the index changes. */
  private termResults(term: string): { docs: Uint32Array; scores: Float32Array } {
    let r = this.termCache.get(term);
    if (r) {
      this.termCache.delete(term);
      this.termCache.set(term, r);
      return r;
    }
    const hits = this.search.search(term);
    r = { docs: Uint32Array.from(hits, (h) => h.id as number), scores: Float32Array.from(hits, (h) => h.score) };
    this.termCache.set(term, r);
    if (this.termCache.size > CACHED_TERMS) this.termCache.delete(this.termCache.keys().next().value as string);
    return r;
  }
}
