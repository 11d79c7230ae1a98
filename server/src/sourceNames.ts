// Sources named as people know them, on everything a check returns: each
// support passage and finding carries the source's name (outlet, "headline",
// date) and metadata, so every front end (CLI, hovers, lenses, diagnostics,
// claim search) shows the same name without looking the source up again.
// Lists of passages put an original before its copies.

import type { CorpusView } from './corpus/view.js';

/** What naming reads of the corpus: the sources by path, their groups, and the sources it knows. */
type Corpus = Pick<CorpusView, 'getByPath' | 'groups'> & { sources(): Source[] };
import type { Source } from './corpus/source.js';
import type { Evidence, SourceRef } from './evidence/types.js';
import { copiedOutlet } from './corpus/independence.js';

/** Names every source of the evidence and puts originals before their copies (in place). */
export function nameSources(evidence: Evidence, corpus: Corpus): void {
  const name = (ref: SourceRef) => {
    const s = corpus.getByPath(ref.sourcePath);
    if (s) Object.assign(ref, { sourceName: s.label, sourceMeta: s.meta });
  };
  const needsOrder = hasCopies(corpus);
  evidence.support = evidence.support.map((list) => {
    list.forEach(name);
    return needsOrder ? originalsFirst(list, corpus) : list;
  });
  for (const f of evidence.findings) {
    f.sources.forEach(name);
    if (needsOrder) f.sources = originalsFirst(f.sources, corpus);
    const s = corpus.getByPath(f.sourcePath);
    if (s) Object.assign(f, { sourceName: s.label, sourceMeta: s.meta });
  }
}

const copiesKnown = new WeakMap<object, boolean>();

/** Whether any source copies another, known once per corpus state (its independence groups change with it). */
function hasCopies(corpus: Corpus): boolean {
  const groups = corpus.groups();
  let known = copiesKnown.get(groups);
  if (known === undefined) {
    known = corpus.sources().some((s) => copiedOutlet(s));
    copiesKnown.set(groups, known);
  }
  return known;
}

/**
 * A stable reorder: passages of one independence group (an original and its
 * copies) stay where the group first appears, originals before copies.
 */
export function originalsFirst<T extends Pick<SourceRef, 'sourcePath'>>(list: T[], corpus: Corpus): T[] {
  if (list.length < 2) return list;
  const groups = corpus.groups();
  const sources = list.map((r) => corpus.getByPath(r.sourcePath));
  const firstOfGroup = sources.map((s, i) => (s ? sources.findIndex((o) => o && groups.sameGroup(o, s)) : i));
  const copy = (s: Source | undefined) => (s && copiedOutlet(s) ? 1 : 0);
  return list
    .map((r, i) => ({ r, i, g: firstOfGroup[i], c: copy(sources[i]) }))
    .sort((a, b) => a.g - b.g || a.c - b.c || a.i - b.i)
    .map((x) => x.r);
}
