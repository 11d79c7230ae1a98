// One entry point for checking an article against the corpus, shared by the
// CLI and the language server so both give the same answers.

import { resolve } from 'node:path';
import { analyze, resolveNames } from './analysis/analyze.js';
import { ignoreMarkers, sameText, type IgnoreMarker } from './analysis/ignores.js';
import type { Analysis, Format } from './analysis/types.js';
import { archiveAnalysis, withArchiveView } from './archive/view.js';
import type { ArchiveStore } from './archive/store.js';
import type { Corpus, Source } from './corpus/corpus.js';
import { dateOfText } from './evidence/dates.js';
import type { CorpusView } from './corpus/view.js';
import { excludes, MemoryStore, type CorpusStore } from './corpus/store.js';
import { gatherEvidence, gatherEvidenceSliced, type Pause } from './evidence/index.js';
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
  const excluded = excludes({ locator: options.path, text })!;
  const date = options.date ?? dateOfText(text);
  const evidence = gatherEvidence(text, analysis, corpus, excluded, date);
  nameSources(evidence, corpus);
  return withoutIgnored(text, { analysis, date, ...evidence }, options.ignored);
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
  const { corpus } = options;
  const bare = await run.analyze(text, options.format);
  if (await run.pause()) return undefined;
  const analysis = { ...bare, ...resolveNames(bare, corpus.people) };
  const date = options.date ?? dateOfText(text);
  const evidence = await gatherEvidenceSliced(text, analysis, corpus, excludes({ locator: options.path, text })!, run.pause, date);
  if (!evidence) return undefined;
  nameSources(evidence, corpus);
  return withoutIgnored(text, { analysis, date, ...evidence }, options.ignored);
}

/**
 * The same check against any corpus store: at once for the in-memory one,
 * in a few rounds of round trips for the archive (archive/view.ts), with the
 * same rules and the same results.
 */
export async function checkArticleIn(store: CorpusStore, text: string, options: Omit<CheckOptions, 'corpus'>): Promise<CheckResult> {
  return (await checkArticleWith(store, text, options)).result;
}

/** What the editor's features read of the corpus after a check: the view evidence used, with the sources it met. */
export type CheckedCorpus = CorpusView & {
  sources(): Source[];
  /**
   * Reads what a backend read of these people only in part (the archive
   * reads a person's record without its sources): their sources, and the
   * bodies of their first `quotesWithLines` quotes' sources. A feature that
   * shows a person's sources, or their quotes' lines, asks first.
   */
  completePeople?(names: string[], quotesWithLines: number): Promise<void>;
};

/** The check, and the corpus view hovers, lenses and code actions then read. */
export async function checkArticleWith(store: CorpusStore, text: string, options: Omit<CheckOptions, 'corpus'>): Promise<{ result: CheckResult; corpus: CheckedCorpus }> {
  if (store instanceof MemoryStore) return { result: checkArticle(text, { ...options, corpus: store.corpus }), corpus: store.corpus };
  const archive = store as ArchiveStore;
  const analysis = await archiveAnalysis(archive, (people) => analyze(text, { format: options.format, people }));
  const exclusion = { locator: options.path ? resolve(options.path) : undefined, text };
  const excluded = excludes(exclusion)!;
  const date = options.date ?? dateOfText(text);
  const { result: evidence, view } = await withArchiveView(archive, exclusion, (v) => {
    const e = gatherEvidence(text, analysis, v, excluded, date);
    nameSources(e, v);
    // What hovers and links will ask about: every official of the article, every cited source.
    for (const o of analysis.officials) v.person(o.name);
    for (const ref of [...e.support.flat(), ...e.findings.flatMap((f) => f.sources)]) v.getByPath(ref.sourcePath);
    return e;
  });
  return { result: withoutIgnored(text, { analysis, date, ...evidence }, options.ignored), corpus: view };
}

/** Dismissed findings go: markers in the document, and the workspace's list. */
function withoutIgnored(text: string, result: CheckResult, ignoredOutside: IgnoreMarker[] = []): CheckResult {
  const ignored = [...ignoreMarkers(text), ...ignoredOutside];
  if (ignored.length) {
    result.findings = result.findings.filter((f) => !ignored.some((m) => m.kind === f.kind && sameText(m.text, text.slice(f.start, f.end))));
  }
  return result;
}
