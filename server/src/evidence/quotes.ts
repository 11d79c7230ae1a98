// Quotes against the sources. A quote found in a source (after the wording
// equivalence of wording.ts) corroborates it, if the source gives it to the
// same speaker or to nobody. The same words given to another named person are
// a misattributed quote. A quote that closely resembles a source quote of
// the same speaker but differs in content words is a misquote, unless the
// sources themselves hold two wordings of the remark (a translation): then a
// third wording is one more translation.

import type { Official, Quote } from '../analysis/types.js';
import { mentionSpan } from '../analysis/types.js';
import type { Source } from '../corpus/corpus.js';
import type { Passage } from '../corpus/passages.js';
import { term } from '../corpus/terms.js';
import { ref, type EvidenceContext } from './context.js';
import { daysBetween, sourceDate, TITLE_WINDOW_DAYS } from './dates.js';
import type { Finding, Tier } from './types.js';
import { alignSegments, content, contentEdits, sameContent, segments, unmatchable, verbatim, WILDCARD, wordsWithOffsets, type Alignment, type Word } from './wording.js';
import { Recent } from './recent.js';

/** Fewer words than this and a quote is a phrase anyone might use. */
export const MIN_QUOTE_WORDS = 4;
/** How alike a differing quote must be to a source quote to be a misquote rather than another quote. */
const MISQUOTE_SIMILARITY = 0.6;
/** How alike (word stems compared) a quote must be to another person's quote to be the same remark given to the wrong person. */
const MISATTRIBUTION_SIMILARITY = 0.75;
/**
 * A misquote changes a few content words ("productive" for "counterproductive"); a quote that
 * differs in more than this (2, plus one per ten words) is another rendering of the remark, not a misquote.
 */
const MAX_CONTENT_EDITS = 2;
/** A misquote or misattribution must come from a source on the same story. */
const SAME_STORY = 0.12;

const wordCount = (segs: Word[][]) => segs.reduce((n, s) => n + s.length, 0);

const articleQuoteWords = new WeakMap<Quote, { text: string; segs: Word[][] }>();

/** The quote's words, split at ellipses; undefined when too short to check. Read once per quote of a check (support and quote findings both ask). */
export function quoteWords(text: string, q: Quote): Word[][] | undefined {
  let known = articleQuoteWords.get(q);
  if (known?.text !== text) {
    known = { text, segs: segmentsAt(text, q.start, q.end) };
    articleQuoteWords.set(q, known);
  }
  return wordCount(known.segs) >= MIN_QUOTE_WORDS ? known.segs : undefined;
}

/** How many quotes' words are kept across checks. */
const REMEMBERED_QUOTES = 2048;
const rememberedSegments = new Recent<Word[][]>(REMEMBERED_QUOTES);

/**
 * segments(text, start, end, dropBracketed), its words read once per wording
 * of a quote across checks: they depend on the quote's own text alone, moved
 * to where the quote stands now.
 */
function segmentsAt(text: string, start: number, end: number, dropBracketed = false): Word[][] {
  const slice = text.slice(start, end);
  const key = `${dropBracketed ? 1 : 0}${slice}`;
  const segs = rememberedSegments.get(key, () => segments(slice, 0, slice.length, dropBracketed));
  return segs.map((seg) => seg.map((x) => ({ w: x.w, start: x.start + start, end: x.end + start })));
}

const sourceQuoteWords = new WeakMap<Quote, (Word[] | undefined)[]>();

/** A source quote's words (with each editor's insertion as one wildcard, if asked), read once per quote of a passage. */
function wordsOfSourceQuote(p: Passage, sq: Quote, dropBracketed = false): Word[] {
  let both = sourceQuoteWords.get(sq);
  if (!both) sourceQuoteWords.set(sq, (both = []));
  const k = dropBracketed ? 1 : 0;
  return (both[k] ??= wordsWithOffsets(p.source.text, sq.start, sq.end, dropBracketed));
}

const passageWords = new WeakMap<Passage, Word[]>();
const quotedIn = new WeakMap<Word[][], Map<Passage, boolean>>();

/** Whether a passage contains the quote word for word; known once per quote and passage (support and quote findings both ask). */
export function passageQuotes(segs: Word[][], p: Passage): boolean {
  let known = quotedIn.get(segs);
  if (!known) quotedIn.set(segs, (known = new Map()));
  let answer = known.get(p);
  if (answer === undefined) {
    let words = passageWords.get(p);
    if (!words) {
      words = wordsWithOffsets(p.source.text, p.start, p.end);
      passageWords.set(p, words);
    }
    answer = verbatim(segs, words);
    known.set(p, answer);
  }
  return answer;
}

/** Whether a passage corroborates a quote: it has the words, and does not give them to another person. */
export function quoteSupportedBy(ctx: EvidenceContext, q: Quote, segs: Word[][], p: Passage): boolean {
  if (!passageQuotes(segs, p)) return false;
  const theirs = p.quotes.filter((sq) => verbatim(segs, wordsOfSourceQuote(p, sq)));
  return !theirs.length || theirs.some((sq) => speakerRelation(ctx, q, sq) !== 'other');
}

type Relation = 'same' | 'other' | 'unknown';

interface Match extends Alignment {
  passage: Passage;
  quote: Quote;
  source: Word[];
  /** The quote's words in the variant that matched best (with or without bracketed insertions). */
  mine: Word[][];
  /** The two differ at most in function words, spelling, typography. */
  equivalent: boolean;
  /** Similarity of word stems ("involved", "involvement"). */
  stems: number;
  speaker: Relation;
}

const stemmedWords = new WeakMap<Word[], Word[]>();
/** Words as their stems ("involved", "involvement"), kept with the word list. */
const stemmed = (words: Word[]) => {
  let out = stemmedWords.get(words);
  if (!out) stemmedWords.set(words, (out = words.map((x) => ({ ...x, w: term(x.w) ?? x.w }))));
  return out;
};

/**
 * The best alignment of the quote with each source quote among its
 * candidates. A source quote whose best alignment could not matter is left
 * out without aligning (see mayMatter).
 */
function matches(ctx: EvidenceContext, q: Quote, variants: Word[][][]): Match[] {
  const out: Match[] = [];
  for (const p of ctx.candidatesFor(q)) {
    for (const sq of p.quotes) {
      let best: Match | undefined;
      const speaker = speakerRelation(ctx, q, sq);
      // Without an editor's brackets or parentheses the second reading is the first.
      const edited = /[[(]/.test(p.source.text.slice(sq.start, sq.end));
      const readings = (edited ? [false, true] : [false]).map((dropBracketed) => wordsOfSourceQuote(p, sq, dropBracketed));
      if (!readings.some((b) => variants.some((mine) => mayMatter(mine, b, speaker)))) continue;
      for (const b of readings) {
        for (const mine of variants) {
          const r = alignSegments(mine, b);
          if (!r) continue;
          const equivalent = r.distance === 0 || sameContent(mine, b.slice(r.from, r.to));
          if (best && (best.equivalent || !equivalent) && best.similarity >= r.similarity) continue;
          // Stems matter only to tell the same remark given to another person.
          const stems = speaker === 'other' ? (alignSegments(mine.map(stemmed), stemmed(b))?.similarity ?? r.similarity) : r.similarity;
          best = { ...r, passage: p, quote: sq, source: b, mine, equivalent, stems, speaker };
        }
      }
      if (best) out.push(best);
    }
  }
  return out;
}

/**
 * Whether the alignment of a quote with a source quote could matter to
 * quoteFindings: an equivalent wording, or one close enough to be a misquote
 * (MISQUOTE_SIMILARITY, same speaker or unknown) or the remark given to
 * another person (MISATTRIBUTION_SIMILARITY, by words or by stems). Every
 * quote word the source cannot match without an edit costs one edit at
 * least, so their count bounds the similarity from above; a quote whose
 * content words are not all in the source's cannot be equivalent. Most
 * source quotes of a candidate passage share a word or two with the quote:
 * this spares their quadratic alignment.
 */
function mayMatter(mine: Word[][], b: Word[], speaker: Relation): boolean {
  if (mayBeEquivalent(mine, b)) return true;
  const n = wordCount(mine);
  const bound = (a: Word[][], c: Word[]) => 1 - a.reduce((k, seg) => k + unmatchable(seg, c), 0) / n;
  if (speaker !== 'other') return bound(mine, b) >= MISQUOTE_SIMILARITY;
  return bound(mine, b) >= MISATTRIBUTION_SIMILARITY || bound(mine.map(stemmed), stemmed(b)) >= MISATTRIBUTION_SIMILARITY;
}

/** Whether each segment's content (words without function words, run together) could be found in the source's: what sameContent needs. */
function mayBeEquivalent(mine: Word[][], b: Word[]): boolean {
  if (mine.every((seg) => unmatchable(seg, b) === 0)) return true;
  if (b.some((x) => x.w === WILDCARD)) return true;
  const theirs = content(b);
  return mine.some((seg) => !content(seg)) || mine.every((seg) => theirs.includes(content(seg)));
}

export function quoteFindings(ctx: EvidenceContext): Finding[] {
  const findings: Finding[] = [];
  for (const q of ctx.analysis.quotes) {
    const segs = quoteWords(ctx.text, q);
    if (!segs) continue;
    const edited = /[[(]/.test(ctx.text.slice(q.start, q.end));
    const variants = edited ? [segs, segmentsAt(ctx.text, q.start, q.end, true)].filter((v) => wordCount(v) >= MIN_QUOTE_WORDS) : [segs];
    const found = matches(ctx, q, variants).filter((m) => ctx.docSimilarity(m.passage.source) >= SAME_STORY || m.equivalent);
    const misattributed = misattribution(ctx, q, found);
    if (misattributed) {
      findings.push(misattributed);
      continue;
    }
    const candidates = ctx.candidatesFor(q);
    // Word for word in any candidate passage, or an equivalent wording from the same speaker: the quote is right.
    if (variants.some((v) => candidates.some((p) => passageQuotes(v, p)))) continue;
    const same = found.filter((m) => m.speaker !== 'other');
    if (same.some((m) => m.equivalent)) continue;
    const limit = MAX_CONTENT_EDITS + Math.floor(wordCount(segs) / 10);
    const near = same.filter(
      (m) => m.similarity >= MISQUOTE_SIMILARITY && ctx.docSimilarity(m.passage.source) >= SAME_STORY && contentEdits(m.mine, m.source.slice(m.from, m.to)) <= limit,
    );
    if (!near.length) continue;
    // Two wordings of this remark in the sources (a translation): a third is not a misquote.
    if (new Set(near.map((m) => content(m.source.slice(m.from, m.to)))).size > 1) continue;
    const best = near.reduce((a, b) => (b.similarity > a.similarity ? b : a));
    const f = misquote(ctx, best);
    if (f) findings.push(f);
  }
  return findings;
}

function misquote(ctx: EvidenceContext, best: Match): Finding | undefined {
  const source = best.passage.source;
  const from = best.source[best.from];
  const to = best.source[best.to - 1];
  const wording = source.text.slice(from.start, to.end);
  const a = best.mine.flat();
  const here = ctx.text.slice(a[0].start, a[a.length - 1].end);
  const message = best.quote.speaker
    ? `Misquote: ${source.label} quotes ${best.quote.speaker} as saying "${wording}", not "${here}".`
    : `Misquote: ${source.label} has "${wording}", not "${here}".`;
  return {
    kind: 'misquote',
    tier: 'same-time',
    start: a[0].start,
    end: a[a.length - 1].end,
    message,
    sourceId: source.id,
    sourcePath: source.path,
    sourceStart: from.start,
    sourceEnd: to.end,
    sources: [ref(source, { start: from.start, end: to.end })],
    // A fix never pastes a wording cut off inside a word.
    replacement: cutOff(source.text, from.start, to.end) ? undefined : { start: a[0].start, end: a[a.length - 1].end, text: wording },
  };
}

/**
 * The quote's words given to another named person by a source, and by no
 * source to its own speaker: a misattribution, with the source's speaker as the fix.
 */
function misattribution(ctx: EvidenceContext, q: Quote, found: Match[]): Finding | undefined {
  if (!q.speaker) return undefined;
  const close = (m: Match) => m.equivalent || m.stems >= MISATTRIBUTION_SIMILARITY;
  const theirs = found.filter((m) => m.speaker === 'other' && close(m) && ctx.docSimilarity(m.passage.source) >= SAME_STORY);
  if (!theirs.length) return undefined;
  const best = theirs.reduce((a, b) => (b.stems > a.stems ? b : a));
  // A source that gives the words to this speaker (or to nobody) as closely settles it.
  if (found.some((m) => m.speaker !== 'other' && close(m) && m.stems >= best.stems)) return undefined;
  const source = best.passage.source;
  const speaker = best.quote.speaker!;
  const from = best.source[best.from];
  const to = best.source[best.to - 1];
  const a = best.mine.flat();
  const wording = source.text.slice(from.start, to.end);
  return {
    kind: 'misattributed-quote',
    tier: timeTier(ctx, source),
    start: a[0].start,
    end: a[a.length - 1].end,
    message: `Misattributed quote: ${source.label} gives these words to ${speaker}, not ${q.speaker}: "${wording}".`,
    sourceId: source.id,
    sourcePath: source.path,
    sourceStart: from.start,
    sourceEnd: to.end,
    sources: theirs.map((m) => ref(m.passage.source, { start: m.source[m.from].start, end: m.source[m.to - 1].end })),
    replacement: speakerFix(ctx, q, speaker, source),
  };
}

/** Words said years apart may be said by two people: outside the window a misattribution is information. */
function timeTier(ctx: EvidenceContext, source: Source): Tier {
  const d = daysBetween(ctx.date, sourceDate(source));
  return d !== undefined && Math.abs(d) > TITLE_WINDOW_DAYS ? 'time' : 'same-time';
}

/** The edit that gives the quote to the source's speaker: the article's mention of its speaker, rewritten. */
function speakerFix(ctx: EvidenceContext, q: Quote, speaker: string, source: Source): Finding['replacement'] {
  const span = q.speakerSpan;
  if (!span) return undefined;
  const o: Official | undefined = ctx.analysis.officials.find((x) => x.name === q.speaker && x.start < span.end && x.end > span.start);
  if (!o) return undefined;
  // A titled mention ("Pentagon spokesman John Kirby") gets the source's title for its speaker too.
  const theirs = source.analysis.officials.find((x) => x.name === speaker && x.title && x.form !== 'bare');
  if (o.form === 'titled' && o.titleSpan && theirs?.title) {
    const whole = mentionSpan(o);
    return { start: whole.start, end: whole.end, text: `${theirs.title} ${speaker}` };
  }
  return { start: o.start, end: o.end, text: speaker };
}

/** Whether source text [start, end) ends or starts inside a word (a quote cut at an apostrophe). */
function cutOff(text: string, start: number, end: number): boolean {
  const letter = /[\p{L}\p{N}]/u;
  const inside = (i: number) => letter.test(text[i - 1] ?? '') && letter.test(text[i] ?? '');
  return inside(start) || inside(end) || /['’]$/.test(text.slice(start, end));
}

/** Whether two quotes have the same speaker, another named person, or we cannot tell. */
function speakerRelation(ctx: EvidenceContext, a: Quote, b: Quote): Relation {
  if (!a.speaker || !b.speaker) return 'unknown';
  if (a.speaker === b.speaker) return 'same';
  const known = (name: string) => Boolean(ctx.corpus.person(name) || ctx.analysis.officials.some((o) => o.name === name));
  return known(a.speaker) && known(b.speaker) ? 'other' : 'unknown';
}
