// Person records precomputed at ingest (finalize), one row per person in the
// `persons` table. A check asks about every person its claims' passages name;
// building those records from the sources themselves meant reading up to a
// hundred summaries and bodies per name, which was the archive's p95. A
// stored record holds only what corpus/people.ts personRecords gives —
// mentions, titles with the sources that give them, quotes — with sources as
// row ids; the store turns the ids into Source objects read without bodies.

import type { Span } from '../analysis/types.js';
import type { Source } from '../corpus/source.js';

/** Sources one person's record reads at most (a popular official is named in thousands). */
export const PERSON_SOURCES = 100;

/** A person record with sources as archive row ids. */
export interface StoredPerson {
  mentions: { row: number; start: number; end: number; title?: string; titleSpan?: Span }[];
  /** Each title with the display ids of the sources that give it, in the order personRecords meets them. */
  titles: [string, string[]][];
  quotes: { row: number; start: number; end: number; text: string }[];
}

/**
 * The records of every person the sources name, the sources taken in archive
 * order, as personRecords builds them (a quote counts for a person already
 * named by then), each from its first PERSON_SOURCES sources.
 */
export function storedPersons(sources: Source[], rowOf: (s: Source) => string): Map<string, StoredPerson> {
  const persons = new Map<string, StoredPerson & { seen: Set<Source>; titleIds: Map<string, Set<string>> }>();
  const admit = (name: string, s: Source) => {
    let p = persons.get(name);
    if (!p) persons.set(name, (p = { mentions: [], titles: [], quotes: [], seen: new Set(), titleIds: new Map() }));
    if (!p.seen.has(s)) {
      if (p.seen.size >= PERSON_SOURCES) return undefined;
      p.seen.add(s);
    }
    return p;
  };
  for (const s of sources) {
    const row = Number(rowOf(s));
    for (const o of s.summary.officials) {
      const p = admit(o.name, s);
      if (!p) continue;
      p.mentions.push({ row, start: o.start, end: o.end, title: o.form === 'bare' ? undefined : o.title, titleSpan: o.titleSpan });
      if (o.form !== 'bare' && o.title) {
        if (!p.titleIds.has(o.title)) p.titleIds.set(o.title, new Set());
        p.titleIds.get(o.title)!.add(s.id);
      }
    }
    for (const q of s.summary.quotes) {
      if (!q.speaker || !persons.has(q.speaker)) continue;
      const p = admit(q.speaker, s);
      if (p) p.quotes.push({ row, start: q.start, end: q.end, text: q.text });
    }
  }
  const out = new Map<string, StoredPerson>();
  for (const [name, p] of persons) out.set(name, { mentions: p.mentions, titles: [...p.titleIds].map(([t, ids]) => [t, [...ids]]), quotes: p.quotes });
  return out;
}
