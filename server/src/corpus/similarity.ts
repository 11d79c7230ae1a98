// Whole-source TF-IDF vectors, shared by article checks (how close an article
// is to a source) and by independence (which sources are near-duplicates).
// Computed when first asked for and forgotten when the corpus changes (the
// IDF weights move with it); a large corpus keeps only the vectors of the
// sources checks meet most.

import type { Source } from './source.js';
import { cosine, termsOf, vector, type Idf } from './terms.js';

/** Source vectors kept for document similarity. */
const MAX_VECTORS = 5000;

export class SourceVectors {
  private readonly vectors = new Map<Source, Map<string, number>>();

  constructor(
    /** The corpus's current IDF weights (read at each computation: the index is replaced on reload). */
    private readonly idf: () => Pick<Idf, 'weight'>,
  ) {}

  /** A source's TF-IDF vector. */
  of(source: Source): Map<string, number> {
    let v = this.vectors.get(source);
    if (!v) {
      if (this.vectors.size >= MAX_VECTORS) this.vectors.clear();
      v = vector(termsOf(source.text), this.idf());
      this.vectors.set(source, v);
    }
    return v;
  }

  /** TF-IDF cosine between two sources. */
  between(a: Source, b: Source): number {
    return cosine(this.of(a), this.of(b));
  }

  /** TF-IDF cosine between an article's vector and a whole source. */
  to(articleVector: Map<string, number>, source: Source): number {
    return cosine(articleVector, this.of(source));
  }

  clear(): void {
    this.vectors.clear();
  }
}
