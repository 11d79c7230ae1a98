// One entry point for checking an article against the corpus, shared by the
// CLI and the language server so both give the same answers.

import { resolve } from 'node:path';
import { analyze } from './analysis/analyze.js';
import { ignoreMarkers, sameText, type IgnoreMarker } from './analysis/ignores.js';
import type { Analysis, Format } from './analysis/types.js';
import type { Corpus, Source } from './corpus/corpus.js';
import { dateOfText } from './evidence/dates.js';
import { gatherEvidence } from './evidence/index.js';
import type { Evidence } from './evidence/types.js';
import { nameSources } from './sourceNames.js';

export type { Finding, Support, SourceRef } from './evidence/types.js';

export interface CheckResult extends Evidence {
  analysis: Analysis;
  /** The article's publication date (ISO day) the evidence used, when known. */
  date?: string;
}

export interface CheckOptions {
  format: Format;
  corpus: Corpus;
  /** The article's own path: a source at this path is never evidence for it. */
  path?: string;
  /** Findings dismissed outside the document (the workspace ignore file). */
  ignored?: IgnoreMarker[];
  /** The article's publication date (ISO day), overriding what the text says (front matter, dateline). */
  date?: string;
}

export function checkArticle(text: string, options: CheckOptions): CheckResult {
  const { corpus } = options;
  const analysis = analyze(text, { format: options.format, people: corpus.people });
  const own = options.path ? resolve(options.path) : undefined;
  // The article never corroborates itself, whether it is a corpus file or a copy of one.
  // Comparing sizes first spares loading every source's text.
  const bytes = Buffer.byteLength(text);
  const excluded = (s: Source) => s.path === own || (s.size === bytes && s.text === text);
  const date = options.date ?? dateOfText(text);
  const evidence = gatherEvidence(text, analysis, corpus, excluded, date);
  nameSources(evidence, corpus);
  // Dismissed findings: markers in the document, and the workspace's list.
  const ignored = [...ignoreMarkers(text), ...(options.ignored ?? [])];
  if (ignored.length) {
    evidence.findings = evidence.findings.filter((f) => !ignored.some((m) => m.kind === f.kind && sameText(m.text, text.slice(f.start, f.end))));
  }
  return { analysis, date, ...evidence };
}
