// Evidence for one article: findings first (a contradicted passage must not
// also count as support), then support per claim, then how many independent
// sources each claim's support comes from.

import type { Analysis } from '../analysis/types.js';
import type { Source } from '../corpus/corpus.js';
import type { CorpusView } from '../corpus/view.js';
import { EvidenceContext } from './context.js';
import { contradictedFigures } from './figures.js';
import { quoteFindings } from './quotes.js';
import { findingsOn, supportFor } from './support.js';
import { titleConflicts } from './titles.js';
import type { Evidence, Finding } from './types.js';

export function gatherEvidence(text: string, analysis: Analysis, corpus: CorpusView, excluded: (s: Source) => boolean, date?: string): Evidence {
  const ctx = new EvidenceContext(text, analysis, corpus, excluded, date);
  const findings = sortFindings([...contradictedFigures(ctx), ...quoteFindings(ctx), ...titleConflicts(ctx)]);
  const against = findingsOn(analysis.claims, findings);
  const support = analysis.claims.map((c, i) => supportFor(ctx, c, against[i]));
  return { support, independent: independence(corpus, support), findings };
}

/**
 * Gives the thread back now and then (resolves to true when the work is no
 * longer wanted: a newer version of the document arrived).
 */
export type Pause = () => Promise<boolean>;

/** How many figures, quotes, officials or claims are looked at between pauses. */
const SLICE = 64;

/**
 * The same evidence as gatherEvidence, in slices with a pause between them,
 * so a large document does not hold the thread (hovers and other documents
 * are answered meanwhile). Each rule runs on a view of the analysis holding
 * one slice of its items (whole sentences of figures), sharing the context's
 * caches. Undefined when cancelled.
 */
export async function gatherEvidenceSliced(text: string, analysis: Analysis, corpus: CorpusView, excluded: (s: Source) => boolean, pause: Pause, date?: string): Promise<Evidence | undefined> {
  const ctx = new EvidenceContext(text, analysis, corpus, excluded, date);
  const found: Finding[] = [];
  for (const figures of sentenceSlices(analysis.figures)) {
    found.push(...contradictedFigures(ctx.withAnalysis({ ...analysis, figures })));
    if (await pause()) return undefined;
  }
  for (let i = 0; i < analysis.quotes.length; i += SLICE) {
    found.push(...quoteFindings(ctx.withAnalysis({ ...analysis, quotes: analysis.quotes.slice(i, i + SLICE) })));
    if (await pause()) return undefined;
  }
  for (let i = 0; i < analysis.officials.length; i += SLICE) {
    found.push(...titleConflicts(ctx.withAnalysis({ ...analysis, officials: analysis.officials.slice(i, i + SLICE) })));
    if (await pause()) return undefined;
  }
  const findings = sortFindings(found);
  const against = findingsOn(analysis.claims, findings);
  const support: Evidence['support'] = [];
  for (const [i, c] of analysis.claims.entries()) {
    support.push(supportFor(ctx, c, against[i]));
    if (support.length % SLICE === 0 && (await pause())) return undefined;
  }
  return { support, independent: independence(corpus, support), findings };
}

/** Figures in slices of about SLICE, never splitting a sentence's figures (pairing looks at the whole sentence). */
function* sentenceSlices<T extends { sentence: number }>(items: T[]): Generator<T[]> {
  let i = 0;
  while (i < items.length) {
    let j = Math.min(items.length, i + SLICE);
    while (j < items.length && items[j].sentence === items[j - 1].sentence) j++;
    yield items.slice(i, j);
    i = j;
  }
}

function sortFindings(findings: Finding[]): Finding[] {
  return findings.sort((a, b) => a.start - b.start);
}

function independence(corpus: CorpusView, support: Evidence['support']): number[] {
  const groups = corpus.groups();
  return support.map((list) => groups.count(list.map((s) => corpus.getByPath(s.sourcePath)!).filter(Boolean)));
}
