// What evidence reads of the corpus, synchronously, while it checks one
// article. The in-memory Corpus is such a view as it is; the archive gives
// one filled in a few round trips before the rules run (archive/view.ts).

import type { PersonRecord } from './people.js';
import type { Passage } from './passages.js';
import type { Source } from './source.js';
import type { TermStats } from './store.js';

export interface CorpusView {
  passages: {
    idf: TermStats;
    /** See CorpusStore.retrieve: one query, the exclusion as a test. */
    query(terms: Iterable<string>, limit: number, exclude?: (s: Source) => boolean): Passage[];
    /** A source's passages (from its body, which every source carries). */
    passagesOf(source: Source): Passage[];
  };
  /** TF-IDF cosine between an article's vector and a whole source. */
  similarity(articleVector: Map<string, number>, source: Source): number;
  person(name: string): PersonRecord | undefined;
  groups(): { count(sources: Iterable<Source>): number; sameGroup(a: Source, b: Source): boolean };
  getByPath(path: string): Source | undefined;
}
