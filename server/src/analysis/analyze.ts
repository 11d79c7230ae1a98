// The analysis pipeline: text → blocks → sentences → tokens → figures,
// officials, quotes, claims. Plain data in, plain data out.

import { splitBlocks } from './blocks.js';
import { findClaims } from './claims.js';
import { findFigures } from './figures.js';
import { findOfficials, resolvePending } from './officials.js';
import { sentences as findSentences } from './parse.js';
import { findQuotes } from './quotes.js';
import { tokenize, type Token } from './text.js';
import type { Analysis, Claim, Figure, Format, Official, PeopleLookup, Quote, Sentence } from './types.js';

export interface AnalyzeOptions {
  /** Markdown or plain text; decides how blocks and markup are read. Default: plain text. */
  format?: Format;
  /** People the corpus knows, for resolving bare surnames ("Kirby" → "John Kirby"). */
  people?: PeopleLookup;
}

export function formatOf(path: string): Format {
  return /\.(?:md|markdown|mdx|mkd)$/i.test(path) ? 'markdown' : 'plaintext';
}

export function analyze(text: string, options: AnalyzeOptions = {}): Analysis {
  return analyzeWithTokens(text, options).analysis;
}

/** The analysis and the word tokens it was made from, for callers that would otherwise tokenize again (the passage index). */
export function analyzeWithTokens(text: string, options: AnalyzeOptions = {}): { analysis: Analysis; tokens: Token[] } {
  const format = options.format ?? 'plaintext';
  const { blocks, masked } = splitBlocks(text, format);
  const sentences = findSentences(masked, blocks);
  const tokens = tokenize(masked);
  const figures = findFigures(text, tokens, sentences);
  const { officials, pending, persons } = findOfficials(text, tokens, sentences, blocks, options.people);
  const quotes = findQuotes(text, masked, tokens, sentences, blocks, persons);
  const claims = claimsPerSentence(text, tokens, sentences, figures, officials, quotes);
  return { analysis: { format, length: text.length, blocks, sentences, figures, officials, quotes, claims, pending }, tokens };
}

/**
 * Claims sentence by sentence, each sentence's claims seeing only the figures,
 * officials and quotes that touch it. The claim finder compares every part of
 * a sentence with every item it is given, so handing it the whole document's
 * made a table or a long list (thousands of one-line sentences, each with its
 * figures) quadratic. The items given are a superset of those the finder keeps
 * for the sentence, so the claims are the same; their indexes are mapped back
 * to the document's lists.
 */
function claimsPerSentence(text: string, tokens: Token[], sentences: Sentence[], figures: Figure[], officials: Official[], quotes: Quote[]): Claim[] {
  const groups = new Map<number, { figures: number[]; officials: number[]; quotes: number[] }>();
  const group = (sentence: number) => {
    let g = groups.get(sentence);
    if (!g) groups.set(sentence, (g = { figures: [], officials: [], quotes: [] }));
    return g;
  };
  figures.forEach((x, i) => group(x.sentence).figures.push(i));
  officials.forEach((x, i) => group(x.sentence).officials.push(i));
  quotes.forEach((q, i) => {
    // A quote may run over several sentences; its marks count as well as its words.
    const from = Math.min(q.start, q.outer.start);
    const to = Math.max(q.end, q.outer.end);
    for (let k = firstEndingAfter(sentences, from); k < sentences.length && sentences[k].start < to; k++) group(sentences[k].index).quotes.push(i);
  });
  const none = { figures: [], officials: [], quotes: [] };
  const claims: Claim[] = [];
  for (const s of sentences) {
    const g = groups.get(s.index) ?? none;
    const pick = <T>(list: T[], at: number[]) => at.map((i) => list[i]);
    for (const c of findClaims(text, tokens, [s], pick(figures, g.figures), pick(officials, g.officials), pick(quotes, g.quotes))) {
      claims.push({ ...c, figures: c.figures.map((i) => g.figures[i]), officials: c.officials.map((i) => g.officials[i]), quotes: c.quotes.map((i) => g.quotes[i]) });
    }
  }
  return claims;
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

/**
 * Names resolved against people the corpus knows ("President Biden" in a
 * source that never says "Joe"): quote speakers named by a bare surname and
 * claims' official lists follow.
 */
type Named = Pick<Analysis, 'officials' | 'quotes' | 'pending' | 'claims'>;

/** The names, quote speakers and claims' officials once pending names are resolved; the same objects when none resolve. */
export function resolveNames(analysis: Named, people: PeopleLookup): Named {
  if (!analysis.pending.length) return analysis;
  const { officials, pending } = resolvePending(analysis.officials, analysis.pending, people);
  if (pending.length === analysis.pending.length) return analysis;
  const quotes = analysis.quotes.map((q) => {
    const o = q.speakerSpan && officials.find((x) => x.start >= q.speakerSpan!.start && x.end <= q.speakerSpan!.end);
    return o && q.speaker !== o.name ? { ...q, speaker: o.name } : q;
  });
  const bySentence = new Map<number, number[]>();
  officials.forEach((o, i) => bySentence.set(o.sentence, [...(bySentence.get(o.sentence) ?? []), i]));
  const claims = analysis.claims.map((c) => {
    const list = bySentence.get(c.sentence) ?? [];
    const reasons = list.length && !c.reasons.includes('official') ? [...c.reasons, 'official' as const] : c.reasons;
    return { ...c, officials: list, reasons };
  });
  return { officials, pending, quotes, claims };
}
