// Source passages as LSP locations: one place turns a corpus offset into a
// file URI and a range.

import { pathToFileURL } from 'node:url';
import type { Location, Range } from 'vscode-languageserver';
import { readTextFile } from '../corpus/files.js';
import { htmlOffset } from '../corpus/html.js';
import type { Source } from '../corpus/source.js';
import { LineIndex } from '../positions.js';
import type { CorpusView } from '../corpus/view.js';

type Corpus = Pick<CorpusView, 'getByPath'>;
import type { SourceRef } from '../engine.js';
import type { Passage } from './commands.js';

/** How much of a passage a lens carries for clients that show it as a message. */
const PASSAGE_CHARS = 300;

const lineCache = new Map<string, { text: string; lines: LineIndex }>();

/** Line indexes of source files, kept while their text is unchanged. */
export function sourceLines(path: string, text: string): LineIndex {
  const hit = lineCache.get(path);
  if (hit && hit.text === text) return hit.lines;
  const lines = new LineIndex(text);
  lineCache.set(path, { text, lines });
  return lines;
}

/**
 * Where a passage of a source is in its file. A saved web page's passages
 * point into the HTML file itself, at the words they quote (the page's
 * offset map, see corpus/html.ts): a file every editor can open, no
 * generated copy to keep in step.
 */
export function sourceRange(source: Source, start: number, end: number): Range {
  const map = source.load().htmlMap;
  if (!map) return sourceLines(source.path, source.text).range(start, end);
  const html = pageText(source);
  if (html === undefined) return { start: { line: 0, character: 0 }, end: { line: 0, character: 0 } };
  const from = Math.min(htmlOffset(map, start), html.length);
  // The end is the last character's place plus one: the characters between may be markup.
  const to = Math.min(Math.max(from, htmlOffset(map, Math.max(start, end - 1)) + 1), html.length);
  return sourceLines(source.path, html).range(from, to);
}

export function sourceLocation(corpus: Corpus, ref: Pick<SourceRef, 'sourcePath' | 'start' | 'end'>): Location | undefined {
  const source = corpus.getByPath(ref.sourcePath);
  if (!source) return undefined;
  return { uri: pathToFileURL(source.path).toString(), range: sourceRange(source, ref.start, ref.end) };
}

/** 1-based line of a passage in its file, for labels such as "Cite CNN, … (line 4)". */
export function sourceLine(corpus: Corpus, ref: Pick<SourceRef, 'sourcePath' | 'start'>): number | undefined {
  const source = corpus.getByPath(ref.sourcePath);
  return source ? sourceRange(source, ref.start, ref.start).start.line + 1 : undefined;
}

const pages = new Map<string, { mtimeMs: number; text: string }>();

/** A web page source's HTML as it was indexed (undefined once the file is gone or changed). */
function pageText(source: Source): string | undefined {
  const hit = pages.get(source.path);
  if (hit?.mtimeMs === source.mtimeMs) return hit.text;
  const r = readTextFile(source.path);
  if (!r.ok || r.mtimeMs !== source.mtimeMs) return undefined;
  // A few pages are enough: the ones a hover or a lens is showing.
  if (pages.size > 50) pages.clear();
  pages.set(source.path, { mtimeMs: r.mtimeMs, text: r.text });
  return r.text;
}

/** A passage as a lens command carries it: its location, "<source name>, line N" and its text. */
export function sourcePassage(corpus: Corpus, ref: Pick<SourceRef, 'sourcePath' | 'sourceId' | 'sourceName' | 'start' | 'end' | 'text'>): Passage | undefined {
  const location = sourceLocation(corpus, ref);
  const flat = ref.text.replace(/\s+/g, ' ').trim();
  // A message line, not the whole source: long passages are cut.
  const text = flat.length > PASSAGE_CHARS ? `${flat.slice(0, PASSAGE_CHARS - 1)}…` : flat;
  return location && { location, label: `${ref.sourceName ?? ref.sourceId}, line ${location.range.start.line + 1}`, text };
}
