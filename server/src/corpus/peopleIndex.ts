// Who the corpus names, across sources: every titled full name goes into one
// index, each source's bare surnames ("Kirby") are then resolved against it
// ("John Kirby"), and a record per person (mentions, titles, quotes) is built
// for hovers and title checks. Rebuilt whenever sources come or go, since a
// name resolved in one source can depend on any other.

import { resolveNames } from '../analysis/analyze.js';
import { PeopleIndex } from '../analysis/officials.js';
import type { PassageIndex } from './passages.js';
import { personRecords, type PersonRecord } from './people.js';
import type { Source } from './source.js';

export interface People {
  /** Every name, titled people first, for resolving names in articles. */
  index: PeopleIndex;
  /** What the sources say about each person, by canonical name. */
  persons: Map<string, PersonRecord>;
}

/**
 * Collects titled people from every source, then resolves each source's bare
 * names against them; a source whose names changed is renamed in `passages`.
 */
export function indexPeople(sources: Iterable<Source>, passages: PassageIndex): People {
  const list = [...sources];
  const index = new PeopleIndex();
  for (const s of list) {
    for (const o of s.summary.officials) if (o.form !== 'bare' && o.name.includes(' ')) index.add(o.name, o.title);
  }
  for (const s of list) {
    const named = resolveNames({ ...s.summary, claims: [] }, index);
    if (named.officials === s.summary.officials) continue;
    s.summary = { ...s.summary, officials: named.officials, quotes: named.quotes, pending: named.pending };
    passages.renamed(s);
  }
  for (const s of list) for (const o of s.summary.officials) if (o.form === 'bare' || !o.name.includes(' ')) index.add(o.name, undefined);
  return { index, persons: personRecords(list) };
}
