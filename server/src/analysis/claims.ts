// Claims: the parts of sentences that assert something a source could
// confirm or deny — a figure, a quote, a named official, an attributed
// statement, or an action of an organisation or country. A sentence often
// makes several claims ("killed 1,400 and displaced a million, prompting
// concerns…, which…"): it is cut into parts at clause boundaries, so each part
// is checked on its own. Headlines, subheads and footnote definitions are not
// claims.

import parts from './data/claim-parts.json';
import { ATTRIBUTION_PHRASES, ATTRIBUTION_VERBS, NOT_NAMES, ORG_NAMES, PhraseTable, PLACES, STOPWORDS } from './lexicon.js';
import { tokenAt, type Token } from './text.js';
import type { Claim, ClaimReason, Figure, Official, Quote, Sentence, Span } from './types.js';

const CLAIM_KINDS = new Set(['paragraph', 'list', 'blockquote']);
const MIN_WORDS = 4;

const table = (list: string[]) => new PhraseTable<true>(list.map((w): [string, true] => [w, true]));
const AFTER_COMMA = table(parts.afterComma);
const ANYWHERE = table(parts.anywhere);
const OPENING = table(parts.opening);
const RELATIVES = new Set(parts.relatives);

/**
 * Whether the relative clause starting at token `i` sits inside its sentence's
 * main clause ("the river, which rose overnight, would crest"): it closes with
 * a comma and the main clause goes on after it.
 */
function embedded(tokens: Token[], i: number, limit: number): boolean {
  for (let j = i + 1; j < limit - 1; j++) {
    if (tokens[j].text !== ',' && tokens[j].text !== ';') continue;
    const next = tokens[j + 1];
    return next.kind === 'word' && !next.cap && !AFTER_COMMA.at(tokens, j + 1, limit);
  }
  return false;
}

/**
 * Whether tokens [from, to] end in an attribution that closes what comes
 * before it ("…a cease-fire, US officials said"): a comma before "said" with
 * words before the comma. Such a part is complete; "officials said" alone
 * introduces the next part.
 */
function attributed(tokens: Token[], from: number, to: number): boolean {
  if (!SAID.has(tokens[to].lower)) return false;
  for (let j = to - 1; j > from; j--) if (tokens[j].text === ',' || tokens[j].text === ';') return true;
  return false;
}
const SAID = new Set(['said', 'says', 'told', 'stated', 'added', 'noted']);

/** A part that ends like this only introduces the next one ("officials said that …"). */
const FRAME_ENDS = new Set(['that', 'whether', 'said', 'says', 'told', 'stated', 'added', 'noted']);

export function findClaims(
  text: string,
  tokens: Token[],
  sentences: Sentence[],
  figures: Figure[],
  officials: Official[],
  quotes: Quote[],
): Claim[] {
  const claims: Claim[] = [];
  const items = itemsBySentence(sentences, figures, officials, quotes);
  for (const s of sentences) {
    if (!CLAIM_KINDS.has(s.kind)) continue;
    const own = items.get(s.index) ?? NO_ITEMS;
    const first = tokenAt(tokens, s.start);
    const limit = tokenAt(tokens, s.end);
    let words = 0;
    for (let i = first; i < limit; i++) if (tokens[i].kind === 'word') words++;
    if (words < MIN_WORDS) continue;
    const whole = claimAt(text, tokens, first, limit, first, limit, s, figures, officials, quotes, own);
    if (!whole.reasons.length) continue;
    const cuts = partCuts(tokens, first, limit, own.quotes.map((i) => quotes[i]));
    if (cuts.length === 1) {
      claims.push(whole);
      continue;
    }
    for (let k = 0; k < cuts.length; k++) {
      const to = k + 1 < cuts.length ? cuts[k + 1] : limit;
      const part = claimAt(text, tokens, cuts[k], to, first, limit, s, figures, officials, quotes, own);
      // A part carries the sentence's subject and attribution even where it does not repeat them.
      if (!part.reasons.length) part.reasons = whole.reasons.filter((r) => r === 'attribution' || r === 'actor');
      if (!part.reasons.length) part.reasons = ['actor'];
      claims.push(part);
    }
  }
  return claims;
}

/** The document indexes of the figures, officials and quotes of one sentence. */
interface SentenceItems {
  figures: number[];
  officials: number[];
  quotes: number[];
}
const NO_ITEMS: SentenceItems = { figures: [], officials: [], quotes: [] };

/**
 * Each sentence's items, grouped once: comparing every part of every sentence
 * with the whole document's lists made a table or a long list (thousands of
 * one-line sentences, each with its figures) quadratic. A quote counts in every
 * sentence its words or its marks reach.
 */
function itemsBySentence(sentences: Sentence[], figures: Figure[], officials: Official[], quotes: Quote[]): Map<number, SentenceItems> {
  const groups = new Map<number, SentenceItems>();
  const group = (sentence: number) => {
    let g = groups.get(sentence);
    if (!g) groups.set(sentence, (g = { figures: [], officials: [], quotes: [] }));
    return g;
  };
  figures.forEach((x, i) => group(x.sentence).figures.push(i));
  officials.forEach((x, i) => group(x.sentence).officials.push(i));
  quotes.forEach((q, i) => {
    const from = Math.min(q.start, q.outer.start);
    const to = Math.max(q.end, q.outer.end);
    for (let k = firstEndingAfter(sentences, from); k < sentences.length && sentences[k].start < to; k++) group(sentences[k].index).quotes.push(i);
  });
  return groups;
}

/** The first of the sentences (in text order) that ends after `offset`. */
function firstEndingAfter(sentences: Sentence[], offset: number): number {
  let lo = 0;
  let hi = sentences.length;
  while (lo < hi) {
    const mid = (lo + hi) >> 1;
    if (sentences[mid].end > offset) hi = mid;
    else lo = mid + 1;
  }
  return lo;
}

/** Punctuation that joins a part to its neighbours (what `/^[,;:—–-]$/` matches). */
const JOINERS = new Set([',', ';', ':', '—', '–', '-']);

/** The claim over tokens [from, to) of sentence `s` (whose tokens are [first, limit)), trimmed of the punctuation that joined it to its neighbours. */
function claimAt(text: string, tokens: Token[], from: number, to: number, first: number, limit: number, s: Sentence, figures: Figure[], officials: Official[], quotes: Quote[], own: SentenceItems): Claim {
  while (from < to - 1 && tokens[from].kind === 'punct' && JOINERS.has(tokens[from].text)) from++;
  while (to > from + 1 && tokens[to - 1].kind === 'punct' && JOINERS.has(tokens[to - 1].text)) to--;
  const start = from === first ? s.start : tokens[from].start;
  const end = to === limit ? s.end : tokens[to - 1].end;
  const span: Span = { start, end };
  const inside = (x: Span) => x.start >= span.start && x.end <= span.end;
  let attribution = false;
  let actor = false;
  for (let i = from; i < to; i++) {
    const t = tokens[i];
    if (t.kind !== 'word') continue;
    if (!attribution && !t.cap && (ATTRIBUTION_VERBS.at(tokens, i, to) || ATTRIBUTION_PHRASES.at(tokens, i, to))) attribution = true;
    // An organisation or country, or any proper noun inside the sentence, is an actor.
    if (!actor && t.cap && !NOT_NAMES.hasToken(t) && !STOPWORDS.hasToken(t)) {
      if (t.start > s.start || ORG_NAMES.at(tokens, i, to) || PLACES.at(tokens, i, to)) actor = true;
    }
  }
  const f = own.figures.filter((i) => inside(figures[i]));
  const o = own.officials.filter((i) => inside(officials[i]));
  const q = own.quotes.filter((i) => quotes[i].start < span.end && quotes[i].end > span.start);
  const reasons: ClaimReason[] = [];
  if (f.length) reasons.push('figure');
  if (q.length) reasons.push('quote');
  if (o.length) reasons.push('official');
  if (attribution) reasons.push('attribution');
  if (actor) reasons.push('actor');
  return { start, end, text: text.slice(start, end), sentence: s.index, reasons, figures: f, officials: o, quotes: q };
}

/**
 * Token indexes where the parts of a sentence start (the first is the
 * sentence's first token): before a clause word that follows a comma, before
 * "while …" anywhere, and after the first comma of a sentence that opens with
 * a subordinate clause. Short parts and parts that only introduce the next
 * ("officials said that") join their neighbour; quotes are never cut.
 */
function partCuts(tokens: Token[], first: number, limit: number, quotes: Quote[]): number[] {
  const quoted = (i: number) => quotes.some((q) => tokens[i].start >= q.outer.start && tokens[i].start < q.outer.end);
  const cuts = [first];
  const opening = OPENING.at(tokens, first, limit);
  let mainClause = false;
  for (let i = first + 1; i < limit; i++) {
    const t = tokens[i];
    if (t.kind !== 'word' || quoted(i)) continue;
    const prev = tokens[i - 1];
    const afterComma = prev.text === ',' || prev.text === ';';
    if (afterComma && RELATIVES.has(t.lower) && embedded(tokens, i, limit)) continue;
    if ((afterComma && AFTER_COMMA.at(tokens, i, limit)) || ANYWHERE.at(tokens, i, limit)) cuts.push(i);
    else if (prev.text === ';') cuts.push(i);
    else if (opening && afterComma && !mainClause) {
      // The main clause after an opening subordinate one ("Following …, which …, officials said …").
      cuts.push(i);
      mainClause = true;
    }
  }
  // Merge parts that are too short or that only frame the next part.
  const words = (a: number, b: number) => {
    let n = 0;
    for (let i = a; i < b; i++) if (tokens[i].kind === 'word') n++;
    return n;
  };
  const kept = [first];
  for (let k = 1; k < cuts.length; k++) {
    const prevStart = kept[kept.length - 1];
    const end = k + 1 < cuts.length ? cuts[k + 1] : limit;
    let lastWord = cuts[k] - 1;
    while (lastWord > prevStart && tokens[lastWord].kind !== 'word') lastWord--;
    if (words(prevStart, cuts[k]) < parts.minWords || words(cuts[k], end) < parts.minWords || (FRAME_ENDS.has(tokens[lastWord].lower) && !attributed(tokens, prevStart, lastWord))) continue;
    kept.push(cuts[k]);
  }
  return kept;
}
