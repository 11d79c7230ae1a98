// Quotes against the sources: a quote found word for word (after
// normalising typography and punctuation) corroborates; a quote that closely
// resembles a source quote but differs in words is a misquote.

import type { Quote } from '../analysis/types.js';
import type { Passage } from '../corpus/passages.js';
import { ref, type EvidenceContext } from './context.js';
import type { Finding } from './types.js';
import { align, segments, verbatim, wordsWithOffsets, type Word } from './wording.js';

/** Fewer words than this and a quote is a phrase anyone might use. */
export const MIN_QUOTE_WORDS = 4;
/** How alike a differing quote must be to a source quote to be a misquote rather than another quote. */
const MISQUOTE_SIMILARITY = 0.6;
/** A misquote must come from a source on the same story. */
const SAME_STORY = 0.12;

const wordCount = (segs: Word[][]) => segs.reduce((n, s) => n + s.length, 0);

export interface QuoteMatch {
  passage: Passage;
  verbatim: boolean;
}

/** The quote's words, split at ellipses; undefined when too short to check. */
export function quoteWords(text: string, q: Quote): Word[][] | undefined {
  const segs = segments(text, q.start, q.end);
  return wordCount(segs) >= MIN_QUOTE_WORDS ? segs : undefined;
}

const passageWords = new WeakMap<Passage, Word[]>();

/** Whether a passage contains the quote word for word. */
export function passageQuotes(segs: Word[][], p: Passage): boolean {
  let words = passageWords.get(p);
  if (!words) {
    words = wordsWithOffsets(p.source.text, p.start, p.end);
    passageWords.set(p, words);
  }
  return verbatim(segs, words);
}

interface Near {
  passage: Passage;
  quote: Quote;
  source: Word[];
  from: number;
  to: number;
  distance: number;
  similarity: number;
}

export function misquotes(ctx: EvidenceContext): Finding[] {
  const findings: Finding[] = [];
  for (const q of ctx.analysis.quotes) {
    const segs = quoteWords(ctx.text, q);
    if (!segs) continue;
    const candidates = ctx.candidatesFor(q);
    // Word for word in any candidate passage: the quote is right.
    if (candidates.some((p) => passageQuotes(segs, p))) continue;
    const a = segs.flat();
    let best: Near | undefined;
    for (const p of candidates) {
      for (const sq of p.quotes) {
        if (!speakersAgree(ctx, q, sq)) continue;
        for (const dropBracketed of [false, true]) {
          const b = wordsWithOffsets(p.source.text, sq.start, sq.end, dropBracketed);
          const r = align(a, b);
          if (r && r.distance > 0 && (!best || r.similarity > best.similarity)) best = { passage: p, quote: sq, source: b, ...r };
        }
      }
    }
    if (!best || best.similarity < MISQUOTE_SIMILARITY) continue;
    if (ctx.docSimilarity(best.passage.source) < SAME_STORY) continue;
    const source = best.passage.source;
    const from = best.source[best.from];
    const to = best.source[best.to - 1];
    const wording = source.text.slice(from.start, to.end);
    const here = ctx.text.slice(a[0].start, a[a.length - 1].end);
    const message = best.quote.speaker
      ? `Misquote: ${source.label} quotes ${best.quote.speaker} as saying "${wording}", not "${here}".`
      : `Misquote: ${source.label} has "${wording}", not "${here}".`;
    findings.push({
      kind: 'misquote',
      start: a[0].start,
      end: a[a.length - 1].end,
      message,
      sourceId: source.id,
      sourcePath: source.path,
      sourceStart: from.start,
      sourceEnd: to.end,
      sources: [ref(source, { start: from.start, end: to.end })],
      replacement: { start: a[0].start, end: a[a.length - 1].end, text: wording },
    });
  }
  return findings;
}

/** Two quotes can be the same statement unless both name different people as the speaker. */
function speakersAgree(ctx: EvidenceContext, a: Quote, b: Quote): boolean {
  if (!a.speaker || !b.speaker) return true;
  const known = (name: string) => Boolean(ctx.corpus.person(name) || ctx.analysis.officials.some((o) => o.name === name));
  if (known(a.speaker) && known(b.speaker)) return a.speaker === b.speaker;
  return true;
}
