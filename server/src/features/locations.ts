// Source passages as LSP locations: one place turns a corpus offset into a
// file URI and a range.

import { pathToFileURL } from 'node:url';
import type { Location } from 'vscode-languageserver';
import { LineIndex } from '../positions.js';
import type { Corpus } from '../corpus/corpus.js';
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

export function sourceLocation(corpus: Corpus, ref: Pick<SourceRef, 'sourcePath' | 'start' | 'end'>): Location | undefined {
  const source = corpus.getByPath(ref.sourcePath);
  if (!source) return undefined;
  return { uri: pathToFileURL(source.path).toString(), range: sourceLines(source.path, source.text).range(ref.start, ref.end) };
}

/** 1-based line of a passage, for labels such as "Cite seeds/000.txt (line 4)". */
export function sourceLine(corpus: Corpus, ref: Pick<SourceRef, 'sourcePath' | 'start'>): number | undefined {
  const source = corpus.getByPath(ref.sourcePath);
  return source ? sourceLines(source.path, source.text).positionAt(ref.start).line + 1 : undefined;
}

/** A passage as a lens command carries it: its location, "id:line" and its text. */
export function sourcePassage(corpus: Corpus, ref: Pick<SourceRef, 'sourcePath' | 'sourceId' | 'start' | 'end' | 'text'>): Passage | undefined {
  const location = sourceLocation(corpus, ref);
  const flat = ref.text.replace(/\s+/g, ' ').trim();
  // A message line, not the whole source: long passages are cut.
  const text = flat.length > PASSAGE_CHARS ? `${flat.slice(0, PASSAGE_CHARS - 1)}…` : flat;
  return location && { location, label: `${ref.sourceId}:${location.range.start.line + 1}`, text };
}
