// A check against the archive without making the evidence rules
// asynchronous: the rules run against a view that answers from what has been
// fetched and notes everything it could not answer (term counts, queries,
// people, sources; the sources of a person, and the bodies and whole
// summaries of sources, that a rule reads: archive/partial.ts); the notes are
// fetched in one batch, and the rules run again, until nothing is missing
// (three or four rounds: the sentences' terms, their passages, the passages'
// terms and people; rarely a person's sources for a title conflict, or a
// quoted source's body or summary). Each round is
// a few milliseconds of rules and one batch of round trips; the rules
// themselves are the in-memory ones, unchanged.

import type { PeopleIndex } from '../analysis/officials.js';
import type { KnownPerson, PeopleLookup } from '../analysis/types.js';
import type { PersonRecord } from '../corpus/people.js';
import { passagesOf, type Passage } from '../corpus/passages.js';
import type { Source } from '../corpus/source.js';
import type { Exclusion, TermStats } from '../corpus/store.js';
import { cosine, termsOf, vector } from '../corpus/terms.js';
import type { CorpusView } from '../corpus/view.js';
import { ArchiveError } from './db.js';
import { ArchivePerson, ArchiveSource, notingMissing, type ArchiveStore } from './store.js';

/** More rounds than this means the rules keep asking new questions: a bug, reported rather than looped on. */
const MAX_ROUNDS = 8;

/** Term counts fetched so far; a term not fetched yet is noted and counts 0 this round. */
class RecordedTerms implements TermStats {
  constructor(private readonly view: RecordingView) {}
  get documents(): number {
    return this.view.documents;
  }
  count(term: string): number {
    const n = this.view.counts.get(term);
    if (n === undefined) this.view.missingTerms.add(term);
    return n ?? 0;
  }
  weight(term: string): number {
    return Math.log(1 + (this.view.documents + 1) / (this.count(term) + 1));
  }
}

class RecordingView implements CorpusView {
  readonly counts = new Map<string, number>();
  documents = 0;
  private readonly results = new Map<string, Passage[]>();
  private readonly people = new Map<string, ArchivePerson | undefined>();
  private readonly byPath = new Map<string, Source | undefined>();
  private readonly vectors = new Map<Source, Map<string, number>>();
  missingTerms = new Set<string>();
  missingQueries = new Map<string, { terms: string[]; limit: number }>();
  missingPeople = new Set<string>();
  missingPaths = new Set<string>();
  missingBodies = new Set<ArchiveSource>();
  missingSummaries = new Set<ArchiveSource>();
  missingPersonSources = new Set<ArchivePerson>();

  constructor(
    private readonly store: ArchiveStore,
    readonly exclusion: Exclusion,
  ) {}

  get missing(): boolean {
    return this.missingTerms.size + this.missingQueries.size + this.missingPeople.size + this.missingPaths.size + this.missingBodies.size + this.missingSummaries.size + this.missingPersonSources.size > 0;
  }

  readonly idf: TermStats = new RecordedTerms(this);

  readonly passages = {
    idf: this.idf,
    query: (terms: Iterable<string>, limit: number): Passage[] => {
      const list = [...new Set(terms)];
      const key = `${limit}\u0000${list.join('\u0000')}`;
      const r = this.results.get(key);
      if (r) return r;
      if (list.length) this.missingQueries.set(key, { terms: list, limit });
      return [];
    },
    passagesOf,
  };

  similarity(articleVector: Map<string, number>, source: Source): number {
    let v = this.vectors.get(source);
    if (!v) {
      // Not from an empty body read for this round.
      if (source instanceof ArchiveSource && !source.hasBody) {
        this.missingBodies.add(source);
        return 0;
      }
      const terms = termsOf(source.text);
      const before = this.missingTerms.size;
      for (const t of terms) this.idf.count(t);
      if (this.missingTerms.size > before) return 0;
      v = vector(terms, this.idf);
      this.vectors.set(source, v);
    }
    return cosine(articleVector, v);
  }

  person(name: string): PersonRecord | undefined {
    if (!this.people.has(name)) this.missingPeople.add(name);
    return this.people.get(name);
  }

  groups(): { count(sources: Iterable<Source>): number; sameGroup(a: Source, b: Source): boolean } {
    return { count: (sources) => this.store.groupCount([...sources]), sameGroup: (a, b) => this.store.groupCount([a, b]) === 1 };
  }

  /** Every source this check met: retrieved, cited or naming a person asked about. */
  sources(): Source[] {
    const all = new Set<Source>();
    for (const list of this.results.values()) for (const p of list) all.add(p.source);
    for (const s of this.byPath.values()) if (s) all.add(s);
    // A person's sources once read (a rule or a hover wanted them): reading the rest would fetch them.
    for (const p of this.people.values()) for (const s of p?.sourcesRead() ?? []) all.add(s);
    return [...all];
  }

  /** Reads these people's sources, and the bodies of their first `quotesWithLines` quotes' sources (a hover showing them with their lines). */
  async completePeople(names: string[], quotesWithLines: number): Promise<void> {
    const people = names.map((n) => this.people.get(n)).filter((p): p is ArchivePerson => p !== undefined);
    await this.store.resolvePeople(people, quotesWithLines);
  }

  getByPath(path: string): Source | undefined {
    if (!this.byPath.has(path)) this.missingPaths.add(path);
    return this.byPath.get(path);
  }

  /** Fetches everything noted as missing, in one batch. */
  async fill(): Promise<void> {
    const terms = [...this.missingTerms];
    const queries = [...this.missingQueries];
    const people = [...this.missingPeople];
    const paths = [...this.missingPaths];
    const bodies = [...this.missingBodies];
    const summaries = [...this.missingSummaries];
    const personSources = [...this.missingPersonSources];
    this.missingTerms = new Set();
    this.missingQueries = new Map();
    this.missingPeople = new Set();
    this.missingPaths = new Set();
    this.missingBodies = new Set();
    this.missingSummaries = new Set();
    this.missingPersonSources = new Set();
    // Queries of one limit go together (the rules use one).
    const byLimit = new Map<number, [string, string[]][]>();
    for (const [key, q] of queries) byLimit.set(q.limit, [...(byLimit.get(q.limit) ?? []), [key, q.terms]]);
    const [stats, , persons, sources] = await Promise.all([
      terms.length || !this.documents ? this.store.termStats(terms) : undefined,
      Promise.all(
        [...byLimit].map(async ([limit, list]) => {
          const results = await this.store.retrieve(
            list.map(([, t]) => t),
            limit,
            this.exclusion,
          );
          list.forEach(([key], i) => this.results.set(key, results[i]));
        }),
      ),
      people.length ? this.store.personsInPart(people) : undefined,
      paths.length ? this.store.sources(paths) : undefined,
      bodies.length || summaries.length ? this.store.complete(bodies, summaries) : undefined,
      personSources.length ? this.store.resolvePeople(personSources) : undefined,
    ]);
    if (stats) {
      this.documents = stats.documents;
      for (const t of terms) this.counts.set(t, stats.count(t));
    }
    for (const n of people) this.people.set(n, persons?.get(n));
    paths.forEach((p, i) => this.byPath.set(p, sources?.[i]));
  }
}

/** Runs `rules` against the archive, fetching what they ask for between rounds. */
export async function withArchiveView<T>(store: ArchiveStore, exclusion: Exclusion, rules: (view: CorpusView & { sources(): Source[] }) => T): Promise<{ result: T; view: CorpusView & { sources(): Source[] } }> {
  const v = new RecordingView(store, exclusion);
  for (let round = 0; round < MAX_ROUNDS; round++) {
    const result = notingMissing({ bodies: v.missingBodies, summaries: v.missingSummaries, people: v.missingPersonSources }, () => rules(v));
    if (!v.missing && round > 0) return { result, view: v };
    await v.fill();
  }
  throw new ArchiveError('the evidence rules kept asking the archive new questions; giving up on this check');
}

/**
 * An analysis with the archive's people: a first pass notes every name the
 * analysis asks about, the archive answers those, and the analysis runs
 * with the answers; a name it then asks about for the first time (a person
 * resolved can lead it to another) is read too and the analysis runs again.
 * Every name it asked is thus answered as the whole people index answers
 * it.
 */
export async function archiveAnalysis<T>(store: ArchiveStore, analyze: (people: PeopleLookup) => T): Promise<T> {
  const asked = new Set<string>();
  analyze({ resolve: (name: string): KnownPerson | undefined => (asked.add(name), undefined) });
  for (let round = 0; round < MAX_ROUNDS; round++) {
    const people: PeopleIndex = await store.people([...asked]);
    const more = new Set<string>();
    const result = analyze({ resolve: (name: string) => (asked.has(name) || more.add(name), people.resolve(name)) });
    if (!more.size) return result;
    for (const name of more) asked.add(name);
  }
  throw new ArchiveError('the analysis kept asking the archive about new names; giving up on this check');
}
