// Evidence for one article: findings first (a contradicted passage must not
// also count as support), then support per claim, then how many independent
// sources each claim's support comes from.

import type { Analysis } from '../analysis/types.js';
import type { Source } from '../corpus/corpus.js';
import type { CorpusView } from '../corpus/view.js';
import { EvidenceContext } from './context.js';
import { contradictedFigures } from './figures.js';
import { quoteFindings } from './quotes.js';
import { supportFor } from './support.js';
import { titleConflicts } from './titles.js';
import type { Evidence } from './types.js';

export function gatherEvidence(text: string, analysis: Analysis, corpus: CorpusView, excluded: (s: Source) => boolean, date?: string): Evidence {
  const ctx = new EvidenceContext(text, analysis, corpus, excluded, date);
  const findings = [...contradictedFigures(ctx), ...quoteFindings(ctx), ...titleConflicts(ctx)].sort((a, b) => a.start - b.start);
  const support = analysis.claims.map((c) => supportFor(ctx, c, findings));
  const groups = corpus.groups();
  const independent = support.map((list) => groups.count(list.map((s) => corpus.getByPath(s.sourcePath)!).filter(Boolean)));
  return { support, independent, findings };
}
