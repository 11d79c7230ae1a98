// The analysis pipeline: text → blocks → sentences → tokens → figures,
// officials, quotes, claims. Plain data in, plain data out.

import { splitBlocks } from './blocks.js';
import { findClaims } from './claims.js';
import { findFigures } from './figures.js';
import { findOfficials, resolvePending } from './officials.js';
import { sentences as findSentences } from './parse.js';
import { findQuotes } from './quotes.js';
import { tokenize, type Token } from './text.js';
import type { Analysis, Format, PeopleLookup } from './types.js';

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
  const claims = findClaims(text, tokens, sentences, figures, officials, quotes);
  return { analysis: { format, length: text.length, blocks, sentences, figures, officials, quotes, claims, pending }, tokens };
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
