// Source sentences as searchable passages. MiniSearch does the inverted
// index and ranking; each passage also keeps what the analysis found in it
// (figures, officials, quotes) so evidence rules need no re-analysis.

import MiniSearch from 'minisearch';
import { tokenize, type Token } from '../analysis/text.js';
import type { Figure, Official, Quote } from '../analysis/types.js';
import type { Source } from './corpus.js';
import { Idf, sentenceFeatures, type Features } from './terms.js';

export interface Passage extends Features {
  id: number;
  source: Source;
  sentence: number;
  start: number;
  end: number;
  figures: Figure[];
  officials: Official[];
  quotes: Quote[];
}

/** Sentences of these kinds are evidence; headlines and footnotes are not. */
const EVIDENCE_KINDS = new Set(['paragraph', 'list', 'blockquote']);

/** The index term for passages with a figure of this class. */
export function figureTerm(cls: string): string {
  return `fig:${cls}`;
}

export class PassageIndex {
  private readonly search = new MiniSearch<{ id: number; terms: string }>({
    fields: ['terms'],
    // Terms are already stemmed and filtered (corpus/terms.ts); MiniSearch only indexes them.
    tokenize: (s) => s.split(' '),
    processTerm: (t) => t || null,
  });
  private readonly byId = new Map<number, Passage>();
  private readonly bySource = new Map<Source, Passage[]>();
  readonly idf = new Idf();
  private nextId = 1;

  get size(): number {
    return this.byId.size;
  }

  /** Indexes a source's sentences; `tokens` are the analysis' tokens when the caller still has them. */
  add(source: Source, tokens: Token[] = tokenize(source.text)): void {
    const { analysis, text } = source;
    const list: Passage[] = [];
    for (const s of analysis.sentences) {
      if (!EVIDENCE_KINDS.has(s.kind)) continue;
      const features = sentenceFeatures(text, s, analysis, tokens);
      const passage: Passage = {
        id: this.nextId++,
        source,
        sentence: s.index,
        start: s.start,
        end: s.end,
        ...features,
        figures: analysis.figures.filter((f) => f.sentence === s.index),
        officials: analysis.officials.filter((o) => o.sentence === s.index),
        quotes: analysis.quotes.filter((q) => q.start < s.end && q.end > s.start),
      };
      list.push(passage);
      this.byId.set(passage.id, passage);
      this.idf.add(features.terms.keys());
    }
    // Figure classes are indexed as terms too, so a figure finds passages that count the same kind of thing.
    this.search.addAll(list.map((p) => ({ id: p.id, terms: [...p.terms.keys(), ...p.figures.map((f) => figureTerm(f.class))].join(' ') })));
    this.bySource.set(source, list);
  }

  remove(source: Source): void {
    for (const p of this.bySource.get(source) ?? []) {
      this.search.discard(p.id);
      this.byId.delete(p.id);
      this.idf.remove(p.terms.keys());
    }
    this.bySource.delete(source);
  }

  passagesOf(source: Source): Passage[] {
    return this.bySource.get(source) ?? [];
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
