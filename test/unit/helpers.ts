import { mkdirSync, mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { analyze } from '../../server/src/analysis/analyze';
import { Corpus } from '../../server/src/corpus/corpus';
import { PeopleIndex } from '../../server/src/analysis/officials';
import type { Analysis, Format } from '../../server/src/analysis/types';

/** A corpus of the given files in a fresh folder named `folder` (source ids read "folder/name"). */
export function corpusOf(files: Record<string, string>, folder = 'sources'): Corpus {
  const dir = join(mkdtempSync(join(tmpdir(), 'claimlens-ev-')), folder);
  mkdirSync(dir);
  for (const [name, text] of Object.entries(files)) writeFileSync(join(dir, name), text);
  const corpus = new Corpus();
  corpus.load([dir]);
  return corpus;
}

export function figuresOf(text: string, format: Format = 'plaintext') {
  return analyze(text, { format }).figures.map((f) => ({ text: f.text, low: f.low, high: f.high, class: f.class, counts: f.counts, verb: f.verb }));
}

/** One figure, asserting there is exactly one. */
export function figure(text: string) {
  const all = figuresOf(text);
  if (all.length !== 1) throw new Error(`expected one figure in ${JSON.stringify(text)}, got ${JSON.stringify(all.map((f) => f.text))}`);
  return all[0];
}

export function people(...entries: [string, string][]): PeopleIndex {
  const index = new PeopleIndex();
  for (const [name, title] of entries) index.add(name, title);
  return index;
}

export function officialsOf(text: string, a?: { people?: PeopleIndex; format?: Format }) {
  return analyze(text, { people: a?.people, format: a?.format }).officials.map((o) => ({ text: o.text, name: o.name, title: o.title }));
}

export function quotesOf(text: string, format: Format = 'plaintext'): Analysis['quotes'] {
  return analyze(text, { format }).quotes;
}
