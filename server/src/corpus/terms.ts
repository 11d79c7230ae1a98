// What two sentences have in common: content terms (stemmed, without stop
// words), numbers, and entities (officials, countries, organisations and other
// proper nouns), weighted by how rare each term is in the corpus.

import { stemmer } from 'stemmer';
import { NATIONALITIES, ORG_NAMES, PLACES, STOPWORDS } from '../analysis/lexicon.js';
import { normalizeQuotes, tokenAt, tokenize, type Token } from '../analysis/text.js';
import { mentionSpan, type Analysis, type Span } from '../analysis/types.js';

export interface Features {
  /** Stemmed content words and numbers, with counts. */
  terms: Map<string, number>;
  /** Terms that only name someone (an official's name and title): who, not what. */
  nameTerms: Set<string>;
  /** What the sentence says happened: lower-case content words and numbers outside names and titles. */
  predicate: Set<string>;
  /** Canonical entities: "person:John Kirby", "country:US", "org:white-house", "name:rafah". */
  entities: Set<string>;
}

const NUMBER_RE = /^\d[\d,.]*$/;

/** Stems by word: a corpus repeats its vocabulary, and stemming is the costly part of indexing. */
const STEMS = new Map<string, string | null>();
const MAX_STEMS = 200_000;

/** A stemmed, lower-case content term, or undefined for stop words and punctuation. */
export function term(word: string): string | undefined {
  const cached = STEMS.get(word);
  if (cached !== undefined) return cached ?? undefined;
  const w = normalizeQuotes(word).toLowerCase().replace(/'s$/, '');
  let t: string | null;
  if (NUMBER_RE.test(w)) t = w.replace(/,/g, '');
  else if (w.length < 2 || STOPWORDS.has(w) || !/\p{L}/u.test(w)) t = null;
  else t = stemmer(w.replace(/['’]/g, ''));
  if (STEMS.size >= MAX_STEMS) STEMS.clear();
  STEMS.set(word, t);
  return t ?? undefined;
}

/** Content terms of a piece of text (or of its tokens), in order (repeats kept). */
export function termsOf(text: string, tokens: Token[] = tokenize(text)): string[] {
  const out: string[] = [];
  for (const t of tokens) {
    if (t.kind === 'punct' || t.kind === 'poss') continue;
    const x = tokenTerm(t);
    if (x) out.push(x);
  }
  return out;
}

/** A word token's term. "cease-fire" and "ceasefire" meet halfway: hyphenated words count joined. */
export function tokenTerm(t: Token): string | undefined {
  return term(t.text.includes('-') ? t.text.replace(/-/g, '') : t.text);
}

/**
 * Features of one sentence of an analysed text: its terms and the entities it
 * names. Officials count by canonical name; countries and organisations by
 * their id ("the US" and "Washington" agree); other capitalised words inside
 * the sentence by themselves.
 */
export function sentenceFeatures(text: string, span: Span, analysis: Analysis, allTokens?: Token[]): Features {
  // Tokens of the whole text, when the caller has them, spare tokenizing each sentence again.
  const tokens = allTokens ? allTokens.slice(tokenAt(allTokens, span.start), tokenAt(allTokens, span.end)) : rebase(tokenize(text.slice(span.start, span.end)), span.start);
  const terms = new Map<string, number>();
  for (const t of termsOf('', tokens)) terms.set(t, (terms.get(t) ?? 0) + 1);
  const entities = new Set<string>();
  const nameTerms = new Set<string>();
  for (const o of analysis.officials) {
    if (o.start < span.start || o.end > span.end) continue;
    entities.add(`person:${o.name}`);
    const m = mentionSpan(o);
    for (const t of termsOf('', tokens.slice(tokenAt(tokens, m.start), tokenAt(tokens, m.end)))) nameTerms.add(t);
  }
  const predicate = new Set<string>();
  for (const t of tokens) {
    if (t.kind === 'punct' || t.kind === 'poss' || t.cap) continue;
    const x = tokenTerm(t);
    if (x && !nameTerms.has(x)) predicate.add(x);
  }
  for (let i = 0; i < tokens.length; i++) {
    const t = tokens[i];
    if (t.kind !== 'word' || !t.cap) continue;
    const place = PLACES.at(tokens, i) ?? NATIONALITIES.at(tokens, i);
    if (place) {
      entities.add(`country:${place.value}`);
      i = place.to;
      continue;
    }
    const org = ORG_NAMES.at(tokens, i);
    if (org) {
      entities.add(`org:${org.value}`);
      i = org.to;
      continue;
    }
    // Other proper nouns, but not a capitalised first word of the sentence or of a quote.
    const first = i === 0 || (i === 1 && tokens[0].kind === 'punct');
    if (!first && !STOPWORDS.has(t.lower) && t.text.length > 1) entities.add(`name:${t.lower}`);
  }
  return { terms, nameTerms, predicate, entities };
}

/** Tokens of a slice, moved to the offsets of the whole text. */
function rebase(tokens: Token[], offset: number): Token[] {
  if (offset) for (const t of tokens) (t.start += offset), (t.end += offset);
  return tokens;
}

/** Countries are named in most sentences of a story; people, organisations and other names say more. */
export function entityWeight(entity: string): number {
  return entity.startsWith('country:') ? 0.5 : 1;
}

/** Inverse document frequency over a passage collection. */
export class Idf {
  private df = new Map<string, number>();
  private n = 0;
  /** Weights computed since the counts last changed: the same terms are weighed again and again. */
  private weights = new Map<string, number>();

  add(terms: Iterable<string>): void {
    this.weights.clear();
    this.n++;
    for (const t of terms) this.df.set(t, (this.df.get(t) ?? 0) + 1);
  }

  remove(terms: Iterable<string>): void {
    this.weights.clear();
    this.n = Math.max(0, this.n - 1);
    for (const t of terms) {
      const d = (this.df.get(t) ?? 1) - 1;
      if (d <= 0) this.df.delete(t);
      else this.df.set(t, d);
    }
  }

  weight(term: string): number {
    let w = this.weights.get(term);
    if (w === undefined) {
      const df = this.df.get(term) ?? 0;
      w = Math.log(1 + (this.n + 1) / (df + 1));
      this.weights.set(term, w);
    }
    return w;
  }

  get documents(): number {
    return this.n;
  }

  /** In how many documents a term occurs. */
  count(term: string): number {
    return this.df.get(term) ?? 0;
  }

  toJSON(): { n: number; df: [string, number][] } {
    return { n: this.n, df: [...this.df] };
  }

  static fromJSON(json: { n: number; df: [string, number][] }): Idf {
    const idf = new Idf();
    idf.n = json.n;
    idf.df = new Map(json.df);
    return idf;
  }
}

export function isNumberTerm(t: string): boolean {
  return NUMBER_RE.test(t);
}

/** Cosine similarity of two weighted term vectors. */
export function cosine(a: Map<string, number>, b: Map<string, number>): number {
  let dot = 0;
  let na = 0;
  let nb = 0;
  for (const [t, w] of a) {
    na += w * w;
    const v = b.get(t);
    if (v) dot += w * v;
  }
  for (const w of b.values()) nb += w * w;
  return na && nb ? dot / Math.sqrt(na * nb) : 0;
}

/** TF-IDF vector of a whole text. */
export function vector(terms: Iterable<string>, idf: Pick<Idf, 'weight'>): Map<string, number> {
  const tf = new Map<string, number>();
  for (const t of terms) tf.set(t, (tf.get(t) ?? 0) + 1);
  const v = new Map<string, number>();
  for (const [t, n] of tf) v.set(t, (1 + Math.log(n)) * idf.weight(t));
  return v;
}
