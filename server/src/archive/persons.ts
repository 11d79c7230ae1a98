// Person records precomputed at ingest (finalize), one row per person in the
// `persons` table. A check asks about every person its claims' passages name;
// building those records from the sources themselves meant reading up to a
// hundred summaries and bodies per name, which was the archive's p95. A
// stored record holds only what corpus/people.ts personRecords gives —
// mentions, titles with the sources that give them, quotes — with sources as
// row ids; the store turns the ids into Source objects read without bodies.

import type { Span } from '../analysis/types.js';
import type { SourceSummary } from '../corpus/source.js';

/** Sources one person's record reads at most (a popular official is named in thousands). */
export const PERSON_SOURCES = 100;

/** A person record with sources as archive row ids. */
export interface StoredPerson {
  mentions: { row: number; start: number; end: number; title?: string; titleSpan?: Span }[];
  /** Each title with the display ids of the sources that give it, in the order personRecords meets them. */
  titles: [string, string[]][];
  quotes: { row: number; start: number; end: number; text: string }[];
}

interface Building {
  mentions: StoredPerson['mentions'];
  quotes: StoredPerson['quotes'];
  /** The rows admitted so far (at most PERSON_SOURCES). */
  seen: Set<number>;
  titleIds: Map<string, Set<string>>;
}

/** What a record reads of a source: its display id and its names as resolved. */
export interface NamingSource {
  id: string;
  summary: Pick<SourceSummary, 'officials' | 'quotes'>;
}

/**
 * Person records built from sources met in archive order, as personRecords
 * builds them (a quote counts for a person already named by then), each from
 * its first PERSON_SOURCES sources. A stored record can be taken up again and
 * extended with sources after all of its own: finalize's incremental path
 * appends the new sources to the records it loads, and gets the records the
 * whole archive would give (stored as the same bytes: finalize.ts
 * canonicalBytes).
 */
export class PersonRecords {
  private persons = new Map<string, Building>();

  /** A record as stored, to extend with sources later in the archive than all of its own. */
  resume(name: string, record: StoredPerson): void {
    const seen = new Set<number>([...record.mentions.map((m) => m.row), ...record.quotes.map((q) => q.row)]);
    this.persons.set(name, { mentions: record.mentions, quotes: record.quotes, seen, titleIds: new Map(record.titles.map(([t, ids]) => [t, new Set(ids)])) });
  }

  /** Whether a person's record holds all the sources it can: later sources add nothing to it. */
  full(name: string): boolean {
    return (this.persons.get(name)?.seen.size ?? 0) >= PERSON_SOURCES;
  }

  /** The next source in archive order. */
  add(s: NamingSource, row: number): void {
    for (const o of s.summary.officials) {
      const p = this.admit(o.name, row);
      if (!p) continue;
      p.mentions.push({ row, start: o.start, end: o.end, title: o.form === 'bare' ? undefined : o.title, titleSpan: o.titleSpan });
      if (o.form !== 'bare' && o.title) {
        if (!p.titleIds.has(o.title)) p.titleIds.set(o.title, new Set());
        p.titleIds.get(o.title)!.add(s.id);
      }
    }
    for (const q of s.summary.quotes) {
      if (!q.speaker || !this.persons.has(q.speaker)) continue;
      const p = this.admit(q.speaker, row);
      if (p) p.quotes.push({ row, start: q.start, end: q.end, text: q.text });
    }
  }

  private admit(name: string, row: number): Building | undefined {
    let p = this.persons.get(name);
    if (!p) this.persons.set(name, (p = { mentions: [], quotes: [], seen: new Set(), titleIds: new Map() }));
    if (!p.seen.has(row)) {
      if (p.seen.size >= PERSON_SOURCES) return undefined;
      p.seen.add(row);
    }
    return p;
  }

  records(): Map<string, StoredPerson> {
    const out = new Map<string, StoredPerson>();
    for (const [name, p] of this.persons) out.set(name, { mentions: p.mentions, titles: [...p.titleIds].map(([t, ids]) => [t, [...ids]]), quotes: p.quotes });
    return out;
  }
}

/** The records of every person the sources name, the sources taken in archive order. */
export function storedPersons(sources: NamingSource[], rowOf: (s: NamingSource) => string): Map<string, StoredPerson> {
  const records = new PersonRecords();
  for (const s of sources) records.add(s, Number(rowOf(s)));
  return records.records();
}
