// What every evidence rule needs about one article: its sentences' features,
// how close it is to each source as a whole, and retrieval of candidate
// passages from the corpus (never from excluded sources).

import type { Analysis, Span } from '../analysis/types.js';
import type { Corpus, Source } from '../corpus/corpus.js';
import type { Passage } from '../corpus/passages.js';
import { entityWeight, overlap, sentenceFeatures, termsOf, vector, type Features } from '../corpus/terms.js';
import type { SourceRef } from './types.js';

export class EvidenceContext {
  private readonly features = new Map<number, Features>();
  private readonly docSims = new Map<Source, number>();
  private articleVector?: Map<string, number>;

  constructor(
    readonly text: string,
    readonly analysis: Analysis,
    readonly corpus: Corpus,
    /** Sources that must never count as evidence (the article itself). */
    readonly excluded: (s: Source) => boolean,
  ) {}

  /** Features of sentence `index` of the article. */
  sentence(index: number): Features {
    let f = this.features.get(index);
    if (!f) {
      f = sentenceFeatures(this.text, this.analysis.sentences[index], this.analysis);
      this.features.set(index, f);
    }
    return f;
  }

  /** How much the article as a whole is about what the source is about (TF-IDF cosine, 0–1). */
  docSimilarity(source: Source): number {
    let s = this.docSims.get(source);
    if (s === undefined) {
      this.articleVector ??= vector(termsOf(this.text), this.corpus.passages.idf);
      s = this.corpus.similarity([], this.articleVector, source);
      this.docSims.set(source, s);
    }
    return s;
  }

  /** Candidate passages for some terms; extra terms (figure classes) rank higher. */
  candidates(terms: Iterable<string>, limit: number): Passage[] {
    return this.corpus.passages.query(terms, limit, (p) => this.excluded(p.source));
  }

  /** Dice similarity of an article sentence and a passage by rare content words, numbers left out (0–1). */
  wordingSimilarity(sentence: number, passage: Passage): number {
    const o = overlap(this.sentence(sentence).terms, passage.terms, this.corpus.passages.idf, false);
    return o.coverage + o.precision > 0 ? (2 * o.coverage * o.precision) / (o.coverage + o.precision) : 0;
  }

  /** Entities two sentences share, countries counting half. */
  sharedEntities(sentence: number, passage: Passage): number {
    let n = 0;
    for (const e of this.sentence(sentence).entities) if (passage.entities.includes(e)) n += entityWeight(e);
    return n;
  }
}

export function ref(source: Source, span: Span): SourceRef {
  return { sourceId: source.id, sourcePath: source.path, start: span.start, end: span.end, text: source.text.slice(span.start, span.end) };
}
