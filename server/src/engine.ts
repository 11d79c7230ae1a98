// One entry point for checking an article against the corpus, shared by the
// CLI and the language server so both give the same answers.

import { analyze } from './analysis/analyze.js';
import type { Analysis, Format } from './analysis/types.js';
import type { Corpus } from './corpus/corpus.js';

export interface Support {
  sourceId: string;
  sourcePath: string;
  start: number;
  end: number;
  text: string;
  score: number;
}

export interface Finding {
  start: number;
  end: number;
  kind: 'contradicted-figure' | 'misquote' | 'title-conflict';
  message: string;
  sourceId: string;
  sourcePath: string;
  sourceStart: number;
  sourceEnd: number;
}

export interface CheckResult {
  analysis: Analysis;
  /** Support per claim, parallel to analysis.claims. */
  support: Support[][];
  findings: Finding[];
}

export interface CheckOptions {
  format: Format;
  corpus: Corpus;
  /** The article's own path: a source at this path is never evidence for it. */
  path?: string;
}

export function checkArticle(text: string, options: CheckOptions): CheckResult {
  const analysis = analyze(text, { format: options.format, people: options.corpus.people });
  return { analysis, support: analysis.claims.map(() => []), findings: [] };
}
