// Corroboration: the passages that support a claim, ranked. A passage
// supports a claim when it has the claim's quote word for word, or a figure
// of the same kind with a compatible interval in a sentence about the same
// thing, or most of the claim's rare words and at least one of its entities.

import type { Claim, Figure, Quote } from '../analysis/types.js';
import type { Passage } from '../corpus/passages.js';
import { ref, type EvidenceContext } from './context.js';
import { figuresAgree, sameKind } from './figures.js';
import { quoteSupportedBy, quoteWords } from './quotes.js';
import type { Finding, Support } from './types.js';

/** Share of the claim's weighted words a passage must have, with and without other evidence. */
const WORDING_ALONE = 0.5;
const WORDING_WITH_ENTITIES = 0.35;
const WORDING_WITH_FIGURE = 0.25;
/** Share of what the claim says (its lower-case words outside names and titles) a passage must have: the same people and places doing something else is not support. */
const PREDICATE = 0.2;
const MAX_SUPPORT = 5;

interface QuoteWords {
  quote: Quote;
  words: NonNullable<ReturnType<typeof quoteWords>>;
}

export function supportFor(ctx: EvidenceContext, claim: Claim, findings: Finding[]): Support[] {
  const figures = claim.figures.map((i) => ctx.analysis.figures[i]).filter((f) => !f.vague);
  const quotes = claim.quotes
    .map((i) => ({ quote: ctx.analysis.quotes[i], words: quoteWords(ctx.text, ctx.analysis.quotes[i]) }))
    .filter((q): q is QuoteWords => q.words !== undefined);
  // Passages a finding on this claim disagrees with (a figure, a quote, a title in them) never support it.
  const disputed = findings.filter((f) => f.start < claim.end && f.end > claim.start).flatMap((f) => f.sources);
  const out: Support[] = [];
  for (const p of ctx.candidates(claim.sentence)) {
    if (disputed.some((d) => d.sourcePath === p.source.path && d.start < p.end && d.end > p.start)) continue;
    const s = judge(ctx, claim, p, figures, quotes);
    if (s) out.push(s);
  }
  return out.sort((a, b) => b.score - a.score).slice(0, MAX_SUPPORT);
}

function judge(
  ctx: EvidenceContext,
  claim: Claim,
  p: Passage,
  figures: Figure[],
  quotes: QuoteWords[],
): Support | undefined {
  const o = ctx.overlap(claim.sentence, p);
  const predicate = ctx.predicateCoverage(claim.sentence, p);
  const entities = ctx.sharedEntities(claim.sentence, p);
  let agreeing = 0;
  for (const f of figures) {
    let agrees = false;
    for (const g of p.figures) {
      if (g.vague || !sameKind(f, g)) continue;
      // A figure of the same kind that disagrees means the passage is about something else or contradicts.
      if (!figuresAgree(f, g)) return undefined;
      agrees = true;
    }
    if (agrees) agreeing++;
  }
  // The same words given to another person do not corroborate the quote.
  const quoted = quotes.some((q) => quoteSupportedBy(ctx, q.quote, q.words, p));
  const reasons: Support['reasons'] = [];
  if (quoted) reasons.push('quote');
  // One matching figure needs a shared entity (1.2 million displaced in Rafah is not 1 million displaced in Lebanon); several matching figures stand on their own.
  if ((agreeing >= 2 && o.coverage >= WORDING_WITH_FIGURE) || (agreeing === 1 && entities >= 1 && (o.coverage >= WORDING_WITH_FIGURE || entities >= 2))) {
    reasons.push('figure');
  }
  if (predicate >= PREDICATE && ((o.coverage >= WORDING_ALONE && entities >= 1) || (o.coverage >= WORDING_WITH_ENTITIES && entities >= 2))) reasons.push('wording');
  if (!reasons.length) return undefined;
  if (entities) reasons.push('entities');
  const score = Math.min(1, 0.55 * o.coverage + 0.15 * o.precision + (agreeing ? 0.2 : 0) + (quoted ? 0.3 : 0) + 0.05 * Math.min(entities, 3));
  return { ...ref(p.source, p), score, reasons };
}
