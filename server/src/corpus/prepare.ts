// Reading and analysing one source file into plain data: a summary kept in
// memory, a serialized body, and the terms the search index needs. Pure and
// self-contained, so it runs the same on the main thread or in an indexing
// worker (which sends the body back as bytes, without copying objects).

import { basename, relative, sep } from 'node:path';
import { serialize } from 'node:v8';
import { analyzeWithTokens } from '../analysis/analyze.js';
import { ofSentence } from '../analysis/bySentence.js';
import type { Token } from '../analysis/text.js';
import type { Analysis } from '../analysis/types.js';
import { readTextFile, type ReadFailure } from './files.js';
import { readSource } from './metadataRead.js';
import { fingerprint } from './independence.js';
import type { PreparedPassage, SourceBody, SourceRecord, SourceSummary } from './source.js';
import { sentenceFeatures } from './terms.js';

/** Sentences of these kinds are evidence; headlines and footnotes are not. */
const EVIDENCE_KINDS = new Set(['paragraph', 'list', 'blockquote']);

/** The index term for passages with a figure of this class. */
export function figureTerm(cls: string): string {
  return `fig:${cls}`;
}

export interface Prepared extends SourceRecord {
  blob: Uint8Array;
  /** What the search index takes: the whole source's terms, and each passage's distinct terms (with figure classes) and span. */
  index: { doc: string; passages: string[]; spans: PassageSpan[] };
}

/** Where a passage is: its sentence's number and offsets. */
export type PassageSpan = [sentence: number, start: number, end: number];

export type PrepareResult = { ok: true; prepared: Prepared } | { ok: false; path: string; reason: ReadFailure | string };

/** "seeds/000_….txt": the path relative to its corpus folder, prefixed with the folder's name. */
export function sourceId(folder: string, path: string): string {
  return [basename(folder), ...relative(folder, path).split(sep)].join('/');
}

export function prepare(folder: string, path: string, maxFileSize: number): PrepareResult {
  const r = readTextFile(path, maxFileSize);
  if (!r.ok) return { ok: false, path, reason: r.reason };
  const read = readSource(path, r.text, relative(folder, path));
  if (!read.ok) return { ok: false, path, reason: read.message };
  const { analysis, tokens } = analyzeWithTokens(read.analysed, { format: read.format });
  const passages = passagesOf(read.analysed, analysis, tokens);
  const body: SourceBody = { text: read.text, format: analysis.format, sentences: analysis.sentences, figures: analysis.figures, passages, ...(read.map ? { htmlMap: read.map } : {}) };
  const summary: SourceSummary = { officials: analysis.officials, quotes: analysis.quotes, pending: analysis.pending, ...fingerprint(read.text), meta: read.meta };
  // A fresh array (not a slice of a shared pool) so a worker can hand it over without copying.
  const blob = new Uint8Array(serialize(body));
  return { ok: true, prepared: { id: sourceId(folder, path), path, folder, mtimeMs: r.mtimeMs, size: r.size, summary, blob, index: indexTerms(body) } };
}

/** The evidence passages of an analysed text. */
export function passagesOf(text: string, analysis: Analysis, tokens?: Token[]): PreparedPassage[] {
  const out: PreparedPassage[] = [];
  for (const s of analysis.sentences) {
    if (!EVIDENCE_KINDS.has(s.kind)) continue;
    const f = sentenceFeatures(text, s, analysis, tokens);
    out.push({ sentence: s.index, start: s.start, end: s.end, terms: [...f.terms.keys()].join(' '), entities: [...f.entities].join('\n') });
  }
  return out;
}

/** A passage's distinct terms with the classes of its figures. */
export function passageIndexTerms(p: PreparedPassage, body: Pick<SourceBody, 'figures'>): string {
  const classes = [...new Set(ofSentence(body.figures, p.sentence).map((f) => figureTerm(f.class)))];
  return classes.length ? `${p.terms} ${classes.join(' ')}`.trim() : p.terms;
}

export function indexTerms(body: SourceBody): Prepared['index'] {
  const passages = body.passages.map((p) => passageIndexTerms(p, body));
  // Each distinct term once: retrieval only needs to know which sources have a term, and
  // MiniSearch indexes a third of the postings.
  const doc = [...new Set(passages.join(' ').split(' '))].filter(Boolean).join(' ');
  return { doc, passages, spans: body.passages.map((p): PassageSpan => [p.sentence, p.start, p.end]) };
}
