// Source sentences as searchable passages. MiniSearch does the inverted
// index and ranking; each passage also keeps what the analysis found in it
// (figures, officials, quotes) so evidence rules need no re-analysis.

import MiniSearch, { type AsPlainObject } from 'minisearch';
import type { Figure, Official, Quote } from '../analysis/types.js';
import type { Source } from './corpus.js';
import { passagesOf, type PreparedPassage } from './prepare.js';
import { Idf } from './terms.js';

/** A source sentence with what it says, kept compact: a corpus holds hundreds of thousands. */
export interface Passage {
  id: number;
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

/** The index term for passages with a figure of this class. */
export function figureTerm(cls: string): string {
  return `fig:${cls}`;
}

const SEARCH_OPTIONS = {
  fields: ['terms'],
  // Terms are already stemmed and filtered (corpus/terms.ts); MiniSearch only indexes them.
  tokenize: (s: string) => s.split(' '),
  processTerm: (t: string) => t || null,
};

/** What the cache keeps of the index. */
export interface IndexSnapshot {
  search: AsPlainObject;
  idf: ReturnType<Idf['toJSON']>;
  nextId: number;
}

export class PassageIndex {
  private search = new MiniSearch<{ id: number; terms: string }>(SEARCH_OPTIONS);
  private readonly byId = new Map<number, Passage>();
  private readonly bySource = new Map<Source, Passage[]>();
  idf = new Idf();
  private nextId = 1;

  get size(): number {
    return this.byId.size;
  }

  /** Indexes a source's passages, prepared elsewhere (a worker, the cache) or now. */
  add(source: Source, prepared: PreparedPassage[] = passagesOf(source.text, source.analysis)): void {
    const list = prepared.map((p) => this.passage(source, p, this.nextId++));
    for (const p of list) {
      this.byId.set(p.id, p);
      this.idf.add(p.terms);
    }
    // Figure classes are indexed as terms too, so a figure finds passages that count the same kind of thing.
    this.search.addAll(list.map((p) => ({ id: p.id, terms: [...p.terms, ...p.figures.map((f) => figureTerm(f.class))].join(' ') })));
    this.bySource.set(source, list);
  }

  private passage(source: Source, p: PreparedPassage, id: number): Passage {
    const { analysis } = source;
    return {
      id,
      source,
      sentence: p.sentence,
      start: p.start,
      end: p.end,
      terms: p.terms,
      entities: p.entities,
      figures: analysis.figures.filter((f) => f.sentence === p.sentence),
      officials: analysis.officials.filter((o) => o.sentence === p.sentence),
      quotes: analysis.quotes.filter((q) => q.start < p.end && q.end > p.start),
    };
  }

  remove(source: Source): void {
    for (const p of this.bySource.get(source) ?? []) {
      this.search.discard(p.id);
      this.byId.delete(p.id);
      this.idf.remove(p.terms);
    }
    this.bySource.delete(source);
  }

  passagesOf(source: Source): Passage[] {
    return this.bySource.get(source) ?? [];
  }

  /** The index as plain data, with each source's passage ids, for the cache. */
  snapshot(): IndexSnapshot {
    return { search: this.search.toJSON(), idf: this.idf.toJSON(), nextId: this.nextId };
  }

  /** Rebuilds the index from a snapshot and the sources it was made from (passages in the same order and with the same ids). */
  restore(snapshot: IndexSnapshot, sources: { source: Source; passages: PreparedPassage[]; ids: number[] }[]): void {
    this.search = MiniSearch.loadJS(snapshot.search, SEARCH_OPTIONS);
    this.idf = Idf.fromJSON(snapshot.idf);
    this.nextId = snapshot.nextId;
    this.byId.clear();
    this.bySource.clear();
    for (const { source, passages, ids } of sources) {
      const list = passages.map((p, i) => this.passage(source, p, ids[i]));
      for (const p of list) this.byId.set(p.id, p);
      this.bySource.set(source, list);
    }
  }

  /** Passage ids by source, in passage order (what restore needs). */
  idsOf(source: Source): number[] {
    return this.passagesOf(source).map((p) => p.id);
  }

  /** The best-ranked passages sharing terms with the query, most relevant first. */
  query(terms: Iterable<string>, limit: number, exclude?: (p: Passage) => boolean): Passage[] {
    const q = [...new Set(terms)].join(' ');
    if (!q) return [];
    const out: Passage[] = [];
    for (const hit of this.search.search(q, { combineWith: 'OR' })) {
      const p = this.byId.get(hit.id as number);
      if (!p || exclude?.(p)) continue;
      out.push(p);
      if (out.length >= limit) break;
    }
    return out;
  }
}
