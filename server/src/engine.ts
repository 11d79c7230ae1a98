// One entry point for checking an article against the corpus, shared by the
// CLI and the language server so both give the same answers.

import { resolve } from 'node:path';
import { analyze, resolveNames } from './analysis/analyze.js';
import { ignoreMarkers, sameText, type IgnoreMarker } from './analysis/ignores.js';
import type { Analysis, Format } from './analysis/types.js';
import type { Corpus, Source } from './corpus/corpus.js';
import { gatherEvidence, gatherEvidenceSliced, type Pause } from './evidence/index.js';
import type { Evidence } from './evidence/types.js';
import { nameSources } from './sourceNames.js';

export type { Finding, Support, SourceRef } from './evidence/types.js';

export interface CheckResult extends Evidence {
  analysis: Analysis;
}

export interface CheckOptions {
  format: Format;
  corpus: Corpus;
  /** The article's own path: a source at this path is never evidence for it. */
  path?: string;
  /** Findings dismissed outside the document (the workspace ignore file). */
  ignored?: IgnoreMarker[];
}

export function checkArticle(text: string, options: CheckOptions): CheckResult {
  const analysis = analyze(text, { format: options.format, people: options.corpus.people });
  return dismissed(text, options, analysis, gatherEvidence(text, analysis, options.corpus, excludedFor(text, options)));
}

/** How the sliced check gets its analysis (on another thread) and gives the thread back. */
export interface SlicedRun {
  /** The analysis without the corpus's people; names are resolved against them afterwards. */
  analyze(text: string, format: Format): Promise<Analysis>;
  pause: Pause;
}

/**
 * The same check for a large document without holding the thread: the
 * analysis runs elsewhere (a worker), names are resolved against the corpus
 * as sources' names are, and the evidence is gathered in slices. Undefined
 * when the run was cancelled.
 */
export async function checkArticleSliced(text: string, options: CheckOptions, run: SlicedRun): Promise<CheckResult | undefined> {
  const bare = await run.analyze(text, options.format);
  if (await run.pause()) return undefined;
  const analysis = { ...bare, ...resolveNames(bare, options.corpus.people) };
  const evidence = await gatherEvidenceSliced(text, analysis, options.corpus, excludedFor(text, options), run.pause);
  return evidence && dismissed(text, options, analysis, evidence);
}

/** The article never corroborates itself, whether it is a corpus file or a copy of one. */
function excludedFor(text: string, options: CheckOptions): (s: Source) => boolean {
  const own = options.path ? resolve(options.path) : undefined;
  // Comparing sizes first spares loading every source's text.
  const bytes = Buffer.byteLength(text);
  return (s: Source) => s.path === own || (s.size === bytes && s.text === text);
}

/** Names the result's sources, then drops dismissed findings: markers in the document, and the workspace's list. */
function dismissed(text: string, options: CheckOptions, analysis: Analysis, evidence: Evidence): CheckResult {
  nameSources(evidence, options.corpus);
  const ignored = [...ignoreMarkers(text), ...(options.ignored ?? [])];
  if (ignored.length) {
    evidence.findings = evidence.findings.filter((f) => !ignored.some((m) => m.kind === f.kind && sameText(m.text, text.slice(f.start, f.end))));
  }
  return { analysis, ...evidence };
}
