// Reading and analysing one source file into plain data: the analysis and
// its passages' terms and entities. Pure and self-contained, so it runs the
// same on the main thread, in an indexing worker, or from the cache.

import { basename, relative, sep } from 'node:path';
import { analyzeWithTokens, formatOf } from '../analysis/analyze.js';
import type { Token } from '../analysis/text.js';
import type { Analysis } from '../analysis/types.js';
import { readTextFile, type ReadFailure } from './files.js';
import { sentenceFeatures } from './terms.js';

/** Sentences of these kinds are evidence; headlines and footnotes are not. */
const EVIDENCE_KINDS = new Set(['paragraph', 'list', 'blockquote']);

export interface PreparedPassage {
  sentence: number;
  start: number;
  end: number;
  /** Distinct content terms. */
  terms: string[];
  entities: string[];
}

export interface Prepared {
  id: string;
  path: string;
  folder: string;
  text: string;
  analysis: Analysis;
  mtimeMs: number;
  size: number;
  passages: PreparedPassage[];
}

export type PrepareResult = { ok: true; prepared: Prepared } | { ok: false; path: string; reason: ReadFailure };

/** "seeds/000_….txt": the path relative to its corpus folder, prefixed with the folder's name. */
export function sourceId(folder: string, path: string): string {
  return [basename(folder), ...relative(folder, path).split(sep)].join('/');
}

export function prepare(folder: string, path: string, maxFileSize: number): PrepareResult {
  const r = readTextFile(path, maxFileSize);
  if (!r.ok) return { ok: false, path, reason: r.reason };
  const { analysis, tokens } = analyzeWithTokens(r.text, { format: formatOf(path) });
  return {
    ok: true,
    prepared: { id: sourceId(folder, path), path, folder, text: r.text, analysis, mtimeMs: r.mtimeMs, size: r.size, passages: passagesOf(r.text, analysis, tokens) },
  };
}

/** The evidence passages of an analysed text. */
export function passagesOf(text: string, analysis: Analysis, tokens?: Token[]): PreparedPassage[] {
  const out: PreparedPassage[] = [];
  for (const s of analysis.sentences) {
    if (!EVIDENCE_KINDS.has(s.kind)) continue;
    const f = sentenceFeatures(text, s, analysis, tokens);
    out.push({ sentence: s.index, start: s.start, end: s.end, terms: [...f.terms.keys()], entities: [...f.entities] });
  }
  return out;
}
