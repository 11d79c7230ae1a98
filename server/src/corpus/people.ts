// What the sources say about each person: every mention (with the title it
// carries), the titles with the sources that give them, and what they are
// quoted as saying. One function for every backend, so the in-memory corpus
// and the archive build the same records from the same sources.

import type { Source } from './source.js';

/** Everything the corpus says about one person, for hovers and title checks. */
export interface PersonRecord {
  name: string;
  /** Each title with the sources that give it. */
  titles: Map<string, Set<string>>;
  mentions: { source: Source; start: number; end: number; title?: string; titleSpan?: { start: number; end: number } }[];
  quotes: { source: Source; start: number; end: number; text: string }[];
}

/**
 * The records of the people these sources name (only those `wanted` accepts,
 * when given), the sources taken in corpus order. A quote counts for a person
 * already named by then.
 */
export function personRecords(sources: Iterable<Source>, wanted?: (name: string) => boolean): Map<string, PersonRecord> {
  const persons = new Map<string, PersonRecord>();
  const record = (name: string) => {
    let p = persons.get(name);
    if (!p) persons.set(name, (p = { name, titles: new Map(), mentions: [], quotes: [] }));
    return p;
  };
  for (const s of sources) {
    for (const o of s.summary.officials) {
      if (wanted && !wanted(o.name)) continue;
      const p = record(o.name);
      p.mentions.push({ source: s, start: o.start, end: o.end, title: o.form === 'bare' ? undefined : o.title, titleSpan: o.titleSpan });
      if (o.form !== 'bare' && o.title) {
        if (!p.titles.has(o.title)) p.titles.set(o.title, new Set());
        p.titles.get(o.title)!.add(s.id);
      }
    }
    for (const q of s.summary.quotes) if (q.speaker && persons.has(q.speaker)) record(q.speaker).quotes.push({ source: s, start: q.start, end: q.end, text: q.text });
  }
  return persons;
}
