// What every evidence rule needs about one article: its sentences' features,
// how close it is to each source as a whole, and retrieval of candidate
// passages from the corpus (never from excluded sources).

import { ofSentence, overlapping } from '../analysis/bySentence.js';
import { mentionSpan, type Analysis, type Span } from '../analysis/types.js';
import type { Source } from '../corpus/corpus.js';
import type { CorpusView } from '../corpus/view.js';
import { figureTerm, PassageIndex, type Passage } from '../corpus/passages.js';
import { entityWeight, isNumberTerm, sentenceFeatures, termsOf, vector, type Features } from '../corpus/terms.js';
import type { SourceRef } from './types.js';
import { Recent } from './recent.js';

/** How many of a sentence's rarest terms retrieve its candidates, and how many candidates. */
const QUERY_TERMS = 8;
const MIN_QUERY_TERMS = 3;
const CANDIDATES = 40;
/**
 * A term in more than this share of passages (at least COMMON_MIN, at most COMMON_MAX passages) is
 * too common to retrieve by: looking it up costs in proportion to how many passages have it.
 */
const COMMON_SHARE = 0.03;
const COMMON_MIN = 50;
const COMMON_MAX = 400;

export class EvidenceContext {
  private readonly features = new Map<number, Features>();
  private readonly retrieved = new Map<number, Passage[]>();
  private readonly queries = new Map<string, Passage[]>();
  /** Figure comparisons the rules made: tests hold it linear in the text, whatever its shape. */
  readonly work = { comparisons: 0 };
  private readonly docSims = new Map<Source, number>();
  private articleVector?: Map<string, number>;
  /** What is kept across checks while the corpus stays the same (see Memo). */
  readonly memo: Memo;

  constructor(
    readonly text: string,
    readonly analysis: Analysis,
    readonly corpus: CorpusView,
    /** Sources that must never count as evidence (the article itself). */
    readonly excluded: (s: Source) => boolean,
    /** The article's publication date (ISO day), when known. */
    readonly date?: string,
  ) {
    this.memo = memoFor(corpus);
  }

  /**
   * The same context (every cache shared) over another view of the analysis:
   * the sliced evidence runs each rule on a slice of the figures, quotes or
   * officials. The sentences must be the same.
   */
  withAnalysis(view: Analysis): EvidenceContext {
    const ctx = Object.create(this) as EvidenceContext;
    Object.defineProperty(ctx, 'analysis', { value: view });
    return ctx;
  }

  /** Features of sentence `index` of the article. */
  sentence(index: number): Features {
    let f = this.features.get(index);
    if (!f) {
      f = featuresOf(this.text, this.analysis.sentences[index], this.analysis);
      this.features.set(index, f);
    }
    return f;
  }

  /** How much the article as a whole is about what the source is about (TF-IDF cosine, 0–1). */
  docSimilarity(source: Source): number {
    let s = this.docSims.get(source);
    if (s === undefined) {
      this.articleVector ??= vector(articleTerms(this.text), this.corpus.passages.idf);
      s = this.corpus.similarity(this.articleVector, source);
      this.docSims.set(source, s);
    }
    return s;
  }

  /** How many passages may have a term for it to be rare enough to retrieve by. */
  get common(): number {
    return Math.max(COMMON_MIN, Math.min(COMMON_MAX, this.corpus.passages.idf.documents * COMMON_SHARE));
  }

  /**
   * The passages worth comparing with a sentence: retrieved once per sentence
   * by its rarest terms and the classes of its figures, then shared by every
   * rule (support, figures, quotes).
   */
  candidates(sentence: number): Passage[] {
    let list = this.retrieved.get(sentence);
    if (!list) {
      const idf = this.corpus.passages.idf;
      const common = this.common;
      // Common words cost the most to look up and say the least about which passage is meant:
      // the rarest terms retrieve, and terms in more than a few percent of passages only when nothing rarer is left.
      const ranked = this.ranked(sentence);
      const rare = ranked.filter((t) => idf.count(t) <= common);
      const terms = (rare.length >= MIN_QUERY_TERMS ? rare : ranked.slice(0, MIN_QUERY_TERMS)).slice(0, QUERY_TERMS);
      const classes = [...new Set(ofSentence(this.analysis.figures, sentence).map((f) => figureTerm(f.class)))]
        .filter((t) => idf.count(t) <= common);
      list = this.query([...terms, ...classes]);
      this.retrieved.set(sentence, list);
    }
    return list;
  }

  /** A sentence's terms, rarest first (a stable sort: equally rare terms in the order the sentence has them). */
  ranked(sentence: number): string[] {
    const f = this.sentence(sentence);
    let list = this.memo.ranked.get(f);
    if (!list) {
      const idf = this.corpus.passages.idf;
      list = [...f.terms.keys()].sort((a, b) => idf.weight(b) - idf.weight(a));
      this.memo.ranked.set(f, list);
    }
    return list;
  }

  /**
   * The passages a list of terms retrieves, asked once per check: sentences
   * and claim parts that ask the same (a list or table repeating itself) share
   * one query.
   */
  query(terms: string[], limit = CANDIDATES): Passage[] {
    const key = `${limit} ${terms.join(' ')}`;
    let list = this.queries.get(key);
    if (!list) {
      list = rememberedQuery(this.corpus, this.memo, key, terms, limit, this.excluded);
      this.queries.set(key, list);
    }
    return list;
  }

  /** The candidates of every sentence a span touches (a quote can run over several). */
  candidatesFor(span: Span): Passage[] {
    const out = new Set<Passage>();
    for (const s of overlapping(this.analysis.sentences, span.start, span.end)) for (const p of this.candidates(s.index)) out.add(p);
    return [...out];
  }

  /** Dice similarity of an article sentence and a passage by rare content words, numbers left out (0–1). */
  wordingSimilarity(sentence: number, passage: Passage): number {
    const o = this.overlap(sentence, passage, false);
    return o.coverage + o.precision > 0 ? (2 * o.coverage * o.precision) / (o.coverage + o.precision) : 0;
  }

  /**
   * Weighted overlap of a sentence's terms with a passage's: the share of the
   * sentence's weight the passage has (coverage) and the share of the
   * passage's weight the sentence has (precision). Weights are computed once
   * per check: every claim meets the same passages.
   */
  overlap(sentence: number, passage: Passage, withNumbers = true): { coverage: number; precision: number } {
    const mine = this.weighted(sentence);
    const theirs = this.passageWeights(passage);
    let both = 0;
    for (const [t, w, number] of mine.terms) if ((withNumbers || !number) && theirs.set.has(t)) both += w;
    const a = withNumbers ? mine.all : mine.words;
    const b = withNumbers ? theirs.all : theirs.words;
    return { coverage: a ? both / a : 0, precision: b ? both / b : 0 };
  }

  /** The share of what a sentence says (its predicate: lower-case words outside names and titles) a passage has. */
  predicateCoverage(sentence: number, passage: Passage): number {
    const mine = this.weighted(sentence);
    const theirs = this.passageWeights(passage);
    let both = 0;
    for (const [t, w] of mine.predicate) if (theirs.set.has(t)) both += w;
    return mine.predicateTotal ? both / mine.predicateTotal : 0;
  }

  private readonly sentenceWeights = new Map<number, { terms: [string, number, boolean][]; all: number; words: number; predicate: [string, number][]; predicateTotal: number }>();
  private readonly passageWeightCache = new WeakMap<Passage, { set: Set<string>; all: number; words: number }>();

  private weighted(sentence: number) {
    let w = this.sentenceWeights.get(sentence);
    if (!w) {
      const idf = this.corpus.passages.idf;
      const f = this.sentence(sentence);
      const terms = [...f.terms.keys()].map((t): [string, number, boolean] => [t, idf.weight(t), isNumberTerm(t)]);
      const predicate = [...f.predicate].map((t): [string, number] => [t, idf.weight(t)]);
      w = {
        terms,
        all: terms.reduce((n, [, x]) => n + x, 0),
        words: terms.reduce((n, [, x, number]) => (number ? n : n + x), 0),
        predicate,
        predicateTotal: predicate.reduce((n, [, x]) => n + x, 0),
      };
      this.sentenceWeights.set(sentence, w);
    }
    return w;
  }

  private passageWeights(p: Passage) {
    let w = this.passageWeightCache.get(p);
    if (!w) {
      const idf = this.corpus.passages.idf;
      let all = 0;
      let words = 0;
      for (const t of p.terms) {
        const x = idf.weight(t);
        all += x;
        if (!isNumberTerm(t)) words += x;
      }
      w = { set: new Set(p.terms), all, words };
      this.passageWeightCache.set(p, w);
    }
    return w;
  }

  /** Entities two sentences share, countries counting half. */
  sharedEntities(sentence: number, passage: Passage): number {
    let n = 0;
    for (const e of this.sentence(sentence).entities) if (passage.entities.includes(e)) n += entityWeight(e);
    return n;
  }
}

/** How many lines' terms are kept across checks. */
const REMEMBERED_LINES = 4096;
const rememberedLines = new Recent<string[]>(REMEMBERED_LINES);

/**
 * The terms of a whole text (termsOf), line by line, each line's kept across
 * checks: no token runs over a line break, so the lines' terms one after the
 * other are the text's, and a keystroke changes one line.
 */
function articleTerms(text: string): string[] {
  const out: string[] = [];
  for (const line of text.split('\n')) {
    for (const t of rememberedLines.get(line, () => termsOf(line))) out.push(t);
  }
  return out;
}

/** How many spans' features are kept across checks. */
const REMEMBERED_FEATURES = 4096;
const rememberedFeatures = new Recent<Features>(REMEMBERED_FEATURES);

/**
 * The features of a span of an analysed text (corpus/terms.ts
 * sentenceFeatures), kept across checks: they depend only on the span's
 * words and on where in it the officials inside it are mentioned, and a
 * keystroke leaves most sentences as they were. Callers only read them.
 */
export function featuresOf(text: string, span: Span, analysis: Analysis): Features {
  let key = text.slice(span.start, span.end);
  for (const o of analysis.officials) {
    if (o.start < span.start || o.end > span.end) continue;
    const m = mentionSpan(o);
    key += `\u0000${o.name}\u0001${m.start - span.start}\u0001${m.end - span.start}`;
  }
  return rememberedFeatures.get(key, () => sentenceFeatures(text, span, analysis));
}

/** How many query results are kept per corpus state. */
const REMEMBERED_QUERIES = 4096;

interface Remembered {
  list: Passage[];
  /** The sources the query asked the exclusion about, in order, and what it answered. */
  asked: Source[];
  answers: boolean[];
}

/**
 * What depends only on the corpus (its index and term weights), kept across
 * checks while the corpus stays as it is: each keystroke re-checks a document
 * whose sentences mostly ask what they asked a keystroke before. The corpus's
 * independence groups are made anew whenever its sources change: they mark
 * its state. Other views (the archive's, filled in rounds) get a memo of
 * their own for each check.
 */
export interface Memo {
  /** Query results of the in-memory index (see rememberedQuery). */
  results: Map<string, Remembered>;
  /** A sentence's terms by weight, for the features of its words. */
  ranked: WeakMap<Features, string[]>;
  /** A concept's other wordings rare enough to retrieve by, with their weights. */
  wordings: Map<string, [string, number][]>;
}

const memos = new WeakMap<PassageIndex, Memo & { state: object; documents: number }>();

function memoFor(corpus: CorpusView): Memo {
  const fresh = (): Memo => ({ results: new Map(), ranked: new WeakMap(), wordings: new Map() });
  const index = corpus.passages;
  if (!(index instanceof PassageIndex)) return fresh();
  const state = corpus.groups();
  let memo = memos.get(index);
  if (!memo || memo.state !== state || memo.documents !== index.idf.documents) {
    memo = { ...fresh(), state, documents: index.idf.documents };
    memos.set(index, memo);
  }
  return memo;
}

/**
 * A query, its result kept across checks for the in-memory index. The result
 * depends only on the index and on what the exclusion (the article itself,
 * which an edit changes) says of the sources the query looked into, so it is
 * reused only when the exclusion says the same of each of them.
 */
function rememberedQuery(corpus: CorpusView, memo: Memo, key: string, terms: string[], limit: number, excluded: (s: Source) => boolean): Passage[] {
  const index = corpus.passages;
  if (!(index instanceof PassageIndex)) return index.query(terms, limit, excluded);
  const known = memo.results.get(key);
  if (known && known.asked.every((s, i) => excluded(s) === known.answers[i])) {
    // Most recently used last: the oldest goes first when the memo is full.
    memo.results.delete(key);
    memo.results.set(key, known);
    return known.list;
  }
  const asked: Source[] = [];
  const answers: boolean[] = [];
  const list = index.query(terms, limit, (s) => {
    const answer = excluded(s);
    asked.push(s);
    answers.push(answer);
    return answer;
  });
  memo.results.delete(key);
  memo.results.set(key, { list, asked, answers });
  if (memo.results.size > REMEMBERED_QUERIES) memo.results.delete(memo.results.keys().next().value as string);
  return list;
}

export function ref(source: Source, span: Span): SourceRef {
  return { sourceId: source.id, sourcePath: source.path, start: span.start, end: span.end, text: source.text.slice(span.start, span.end) };
}
