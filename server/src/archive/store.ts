// The PostgreSQL backend of the corpus (see corpus/store.ts for the
// contract). It answers with the same algorithms as the in-memory corpus,
// over what ingest stored: sources ranked by BM25 in SQL (ranking.ts: GIN
// over each source's distinct terms, the same expression as
// corpus/passages.ts bm25, summed in the same order); their passages scored
// and cut in JavaScript with the same idf and the same code. (Each passage's
// terms are also in SQL, tsvector + GIN, which ingest keeps the term counts
// with.) Sources come back as the same Source objects (summary and body as
// the in-memory corpus keeps them), cached in a bounded map, so the editor's
// memory does not grow with the archive.

import { createHash } from 'node:crypto';
import type pg from 'pg';
import { PeopleIndex } from '../analysis/officials.js';
import type { PersonRecord } from '../corpus/people.js';
import { passageScore, passagesOf, queryParts, SOURCES_PER_QUERY, type Passage } from '../corpus/passages.js';
import type { SourceMeta } from '../corpus/metadata.js';
import type { Source } from '../corpus/source.js';
import type { CorpusStore, Exclusion, TermStats } from '../corpus/store.js';
import { cosine, termsOf, vector } from '../corpus/terms.js';
import { ArchiveError, archiveMessage, maskUrl, openPool, Slots, type ArchiveOptions } from './db.js';
import { rankFresh, WALKED, type Query, type Ranked, type RankingCounts } from './ranking.js';
import { checkSchema } from './schema.js';
import { ArchivePerson, ArchiveSource } from './partial.js';

export { ArchivePerson, ArchiveSource, notingMissing, type Wanted } from './partial.js';

/** Sources kept as objects between checks. */
const CACHED_SOURCES = 2000;
/** Rankings kept between checks: the claims of the articles open on a desk. */
const CACHED_RANKINGS = 4000;

/** Rows below which reading sources in parts costs more round trips than it saves. */
const ROWS_PER_PART = 300;

/** Person records kept between checks. */
const CACHED_PEOPLE = 2000;
/** Names (or their words) whose people are kept between checks: the names of the articles open on a desk. */
const CACHED_PEOPLE_LOOKUPS = 5000;

/** Term counts the archive was asked about, answering like Idf. */
class AskedTerms implements TermStats {
  constructor(
    readonly documents: number,
    private readonly counts: Map<string, number>,
  ) {}
  count(term: string): number {
    return this.counts.get(term) ?? 0;
  }
  weight(term: string): number {
    return Math.log(1 + (this.documents + 1) / (this.count(term) + 1));
  }
}

// Bodies and summaries only of the rows in $2 (a person's sources are read for their ids, labels and dates):
// the others come with their brief, or with their summary where ingest kept no brief.
// The finalized summary and the group are looked up row by row (subqueries, not a join): for a few thousand
// rows PostgreSQL otherwise hashes the whole summaries table, which took 25 ms of 43 at 100,000 articles.
const sourceRows = (briefs: boolean) => `
SELECT s.id, s.locator, s.source_id, s.folder, s.size, s.mtime_ms,
       ${briefs ? 'CASE WHEN s.id = ANY($2::bigint[]) OR s.brief IS NULL THEN coalesce((SELECT su.summary FROM summaries su WHERE su.source = s.id), s.summary) END' : 'coalesce((SELECT su.summary FROM summaries su WHERE su.source = s.id), s.summary)'} AS summary,
       ${briefs ? 'CASE WHEN NOT s.id = ANY($2::bigint[]) THEN s.brief END' : 'NULL::bytea'} AS brief,
       CASE WHEN s.id = ANY($2::bigint[]) THEN s.body END AS body, (SELECT su.group_id FROM summaries su WHERE su.source = s.id) AS group_id, s.metadata
  FROM sources s
 WHERE s.id = ANY($1::bigint[])`;

// What sources read without them lack: bodies of $1 (with their summaries), summaries of $2.
const MISSING_PARTS = `
SELECT s.id, CASE WHEN s.id = ANY($1::bigint[]) THEN s.body END AS body, coalesce(su.summary, s.summary) AS summary
  FROM sources s LEFT JOIN summaries su ON su.source = s.id
 WHERE s.id = ANY($1::bigint[]) OR s.id = ANY($2::bigint[])`;

export class ArchiveStore implements CorpusStore {
  readonly kind = 'postgres' as const;
  private readonly cache = new Map<string, ArchiveSource>();
  /**
   * Every source object still referenced (by a cached person record, a
   * check's results, an open document's view), by row id: a row read again
   * after it left `cache` is the same object, so a record's quote and a
   * retrieved passage never hold two copies of one source, one of them
   * without its body (whose links would point at line 1). Weak: it holds
   * nothing the rest of the editor has let go.
   */
  private readonly live = new Map<string, WeakRef<ArchiveSource>>();
  private readonly gone = new FinalizationRegistry<string>((id) => {
    if (this.live.get(id)?.deref() === undefined) this.live.delete(id);
  });
  /** Person records by name: an edited article asks about the same people at every keystroke. */
  private readonly personCache = new Map<string, ArchivePerson | undefined>();
  /** The people each word of a name could mean (see peopleByWords), while the archive's people stay as they are. */
  private readonly wordPeople = new Map<string, PeopleRow[]>();
  /** The titled people each name asked could mean (see namedPeople), likewise. */
  private readonly named = new Map<string, { name: string; title: string }[]>();
  /** The archive's people_version these caches were filled under; an ingest bumps it. */
  private version?: string;
  private readonly rowOf = new WeakMap<Source, string>();
  private readonly groupOf = new WeakMap<Source, string>();

  /** How the queries were ranked: by RANKED alone, or again by RETRIEVE (for the benchmark and tests). */
  readonly ranking: RankingCounts = { listed: 0, conjoined: 0, settled: 0, full: 0, kept: 0 };
  /** Rankings kept between checks (see rank), by locator and query. */
  private readonly rankCache = new Map<string, Ranked[]>();
  /** Bumped when an ingest is seen: what was cached before is stale. */
  private generation = 0;
  private readonly cachedSources: number;
  private readonly walk: number;
  /** Every statement waits for one of the pool's connections here (see Slots). */
  private readonly statements: Slots;
  /**
   * Ranking statements at once: half the pool, so that a check's other
   * questions (term counts, people, sources) always find a connection.
   */
  private readonly rankings: Slots;
  /** Statements one read of many rows is split into: two, where the pool has them (a claim's people's sources come after its ranking, with the connections free). */
  private readonly parallel: number;
  /** Set by close: every later statement fails with it. */
  private closed?: ArchiveError;

  private constructor(
    private readonly pool: pg.Pool,
    private readonly url: string,
    options: ArchiveOptions,
    /** Whether the archive has the sources.brief column (ingest adds it; see schema.ts). */
    private readonly briefs: boolean,
    /** Whether the archive keeps its terms' lists of shortest sources (terms.short_ids; shortest.ts). */
    private readonly lists: boolean,
    /** Whether the archive has finalize's people table (schema.ts FINALIZE_INPUTS), which answers people by name (namedPeople). */
    private readonly peopleTable: boolean,
    /** Whether the archive has the persons.titles column (ingest adds it): a check reads a record's titles alone. */
    private readonly personTitles: boolean,
  ) {
    this.cachedSources = options.cachedSources ?? CACHED_SOURCES;
    this.walk = options.walk ?? WALKED;
    const connections = options.max ?? 4;
    this.statements = new Slots(connections);
    this.parallel = Math.min(2, connections);
    this.rankings = new Slots(Math.max(1, Math.floor(connections / 2)));
  }

  /** Connects and checks the schema; throws an ArchiveError with one line otherwise. */
  static async open(url: string, options: ArchiveOptions = {}): Promise<ArchiveStore> {
    const pool = openPool(url, options);
    try {
      await checkSchema(pool, url);
      // Columns an ingest adds to an archive of this version (schema.ts): an archive not ingested since is read as before.
      const columns = await pool.query<{ name: string }>(
        `SELECT table_name || '.' || column_name AS name FROM information_schema.columns WHERE table_schema = current_schema() AND (table_name, column_name) IN (('sources', 'brief'), ('terms', 'short_ids'), ('archive_stats', 'inputs_complete'), ('people', 'surname'), ('persons', 'titles'))`,
      );
      const has = new Set(columns.rows.map((r) => r.name));
      const people = has.has('archive_stats.inputs_complete') && has.has('people.surname') && options.peopleTable !== false;
      return new ArchiveStore(pool, url, options, has.has('sources.brief'), has.has('terms.short_ids') && options.lists !== false, people, has.has('persons.titles'));
    } catch (e) {
      await pool.end().catch(() => undefined);
      throw archiveMessage(e, url);
    }
  }

  /** `query` as a function of its own, for ranking.ts. */
  private readonly run: Query = (name, text, values) => this.query(name, text, values);

  private async query<R extends pg.QueryResultRow>(name: string, text: string, values: unknown[]): Promise<pg.QueryResult<R>> {
    try {
      if (this.closed) throw this.closed;
      return await this.statements.run(() => this.pool.query<R>({ name, text, values }));
    } catch (e) {
      const error = archiveMessage(e, this.url);
      // The statements waiting behind one that lost its connection (not one that ran too long) fail with it, at once, rather than each trying the same server in turn.
      if (error.unreachable && (e as { code?: string }).code !== '57014') this.stop(error);
      throw error;
    }
  }

  /** Fails every statement and ranking still waiting with `error`. */
  private stop(error: ArchiveError): void {
    this.rankings.failWaiting(error);
    this.statements.failWaiting(error);
  }

  async size(): Promise<number> {
    const r = await this.query<{ n: string }>('cl-size', 'SELECT sources AS n FROM archive_stats', []);
    return Number(r.rows[0].n);
  }

  async termStats(terms: Iterable<string>): Promise<TermStats> {
    const list = [...new Set(terms)];
    const r = await this.query<{ term: string | null; n: string; v: string | null }>(
      'cl-terms',
      `SELECT NULL AS term, passages AS n, people_version AS v FROM archive_stats UNION ALL SELECT term, passages, NULL FROM terms WHERE term = ANY($1::text[])`,
      [list],
    );
    let documents = 0;
    const counts = new Map<string, number>();
    for (const row of r.rows) {
      if (row.term === null) {
        documents = Number(row.n);
        this.checkVersion(row.v!);
      } else if (Number(row.n) > 0) counts.set(row.term, Number(row.n));
    }
    return new AskedTerms(documents, counts);
  }

  async retrieve(queries: string[][], limit: number, exclude?: Exclusion): Promise<Passage[][]> {
    const wanted = queries.map((q) => [...new Set(q)]);
    const terms = wanted.flat();
    if (!terms.length) return queries.map(() => []);
    const textHash = exclude?.text !== undefined ? createHash('sha256').update(exclude.text).digest() : Buffer.alloc(0);
    const generation = this.generation;
    let [stats, ranked] = await Promise.all([this.termStats(terms), this.rank(wanted, exclude?.locator ?? '', textHash)]);
    // An ingest since the last check (the term counts say so) made what was ranked from the cache stale.
    if (this.generation !== generation) ranked = await this.rank(wanted, exclude?.locator ?? '', textHash);
    const sources = await this.byRow([...new Set(ranked.flat())]);
    // The ranked sources' passages, scored as the in-memory index scores them.
    return ranked.map((ids, i) => {
      const scored: [Passage, number][] = [];
      const parts = queryParts(wanted[i]);
      for (const id of ids) {
        const source = sources.get(id);
        if (!source) continue;
        for (const p of passagesOf(source)) {
          const score = passageScore(p, parts, (t) => stats.weight(t));
          if (score > 0) scored.push([p, score]);
        }
      }
      return scored
        .sort((a, b) => b[1] - a[1])
        .slice(0, limit)
        .map(([p]) => p);
    });
  }

  /**
   * The SOURCES_PER_QUERY best sources of each query, as row ids. An edited
   * article asks the same queries at every keystroke, but its text (which
   * excludes the archive's copy of it) changes each time: so rankings are
   * kept without the text's exclusion, one source longer, with each source's
   * text hash. A kept ranking answers exactly while at most one of its
   * sources has the text's hash (or it holds every source with the terms);
   * otherwise the query is ranked again with the exclusion.
   */
  private async rank(queries: string[][], locator: string, textHash: Buffer): Promise<string[][]> {
    const hash = textHash.toString('hex');
    const keyOf = (q: string[]) => `${locator}\u0000${q.join('\u0000')}`;
    const out = queries.map((q) => this.kept(keyOf(q), hash));
    const todo = queries.map((_, i) => i).filter((i) => !out[i]);
    this.ranking.kept += queries.length - todo.length;
    if (!todo.length) return out as string[][];
    const fresh = await this.rankEach(
      todo.map((i) => queries[i]),
      locator,
      Buffer.alloc(0),
      SOURCES_PER_QUERY + 1,
    );
    todo.forEach((i, j) => {
      this.rankCache.set(keyOf(queries[i]), fresh[j]);
      if (this.rankCache.size > CACHED_RANKINGS) this.rankCache.delete(this.rankCache.keys().next().value as string);
      out[i] = this.kept(keyOf(queries[i]), hash);
    });
    const again = todo.filter((i) => !out[i]);
    if (again.length) {
      const exact = await this.rankEach(
        again.map((i) => queries[i]),
        locator,
        textHash,
        SOURCES_PER_QUERY,
      );
      again.forEach((i, j) => (out[i] = exact[j].map((r) => r.id)));
    }
    return out as string[][];
  }

  /**
   * rankFresh over the queries. Where the terms' lists can answer, all of a
   * round's queries go together: their lists are read in one statement and
   * settle almost every query, and rankFresh sends the rest to RANKED one per
   * statement. Without them every query is its own rankFresh, a few at a
   * time: one RANKED statement for many queries costs more than their sum,
   * by a factor that grows with the batch (it matches each candidate source
   * of a query against the common terms of every query in it: for an
   * article's 28 queries at 3,000 articles, 26,000 candidates × 185 terms,
   * 15.7 s, against 1.6 s for the same queries one by one).
   */
  private async rankEach(queries: string[][], locator: string, textHash: Buffer, limit: number): Promise<Ranked[][]> {
    const rank = (chunk: string[][]) => this.rankings.run(() => rankFresh(this.run, this.ranking, this.walk, this.lists, chunk, locator, textHash, limit));
    if (this.lists && !textHash.length) return rank(queries);
    return (await Promise.all(queries.map((q) => rank([q])))).flat();
  }

  /** A kept ranking's best sources without those of this text hash, when it can tell them exactly. */
  private kept(key: string, hash: string): string[] | undefined {
    const list = this.rankCache.get(key);
    if (!list) return undefined;
    this.rankCache.delete(key);
    this.rankCache.set(key, list);
    const rest = list.filter((r) => r.hash !== hash);
    if (list.length > SOURCES_PER_QUERY && list.length - rest.length > 1) return undefined;
    return rest.slice(0, SOURCES_PER_QUERY).map((r) => r.id);
  }

  /** Every check starts with term statistics: when an ingest changed the archive since, what is cached goes. */
  private checkVersion(version: string): void {
    if (this.version === version) return;
    if (this.version !== undefined) this.generation++;
    this.version = version;
    this.rankCache.clear();
    this.cache.clear();
    this.live.clear();
    this.personCache.clear();
    this.wordPeople.clear();
    this.named.clear();
  }

  /**
   * Sources by row id, from the cache or in one query; with their bodies,
   * or (`bodies` given) only the rows it holds with theirs and the others
   * with their briefs.
   */
  private async byRow(ids: string[], bodies?: Set<string>): Promise<Map<string, ArchiveSource>> {
    const out = new Map<string, ArchiveSource>();
    const missing: string[] = [];
    const wantBody: string[] = [];
    const bodyOf = (id: string) => !bodies || bodies.has(id);
    for (const id of ids) {
      const s = this.known(id);
      if (s) {
        out.set(id, s);
        if (bodyOf(id) && !(s.hasBody && s.hasSummary)) missing.push(id), wantBody.push(id);
      } else {
        missing.push(id);
        if (bodyOf(id)) wantBody.push(id);
      }
    }
    // Many rows (the sources of a claim's people: up to a hundred each) are read in two parts at once, so
    // PostgreSQL reads them on two cores rather than one.
    const parts = Math.min(this.parallel, Math.ceil(missing.length / ROWS_PER_PART));
    const size = Math.ceil(missing.length / parts);
    const read = await Promise.all(
      Array.from({ length: parts }, (_, i) => this.query<StoredRow>(this.briefs ? 'cl-sources-brief' : 'cl-sources', sourceRows(this.briefs), [missing.slice(i * size, (i + 1) * size), wantBody])),
    );
    for (const r of read) for (const row of r.rows) out.set(row.id, this.remember(row));
    return out;
  }

  /** Fetches what these sources were read without: the bodies of `bodies` (with their summaries), the summaries of `summaries`; in one query. */
  async complete(bodies: ArchiveSource[], summaries: ArchiveSource[] = []): Promise<void> {
    const b = bodies.filter((s) => !s.hasBody || !s.hasSummary);
    const su = summaries.filter((s) => !s.hasSummary && !b.includes(s));
    if (!b.length && !su.length) return;
    const row = (s: ArchiveSource) => this.rowOf.get(s)!;
    const r = await this.query<{ id: string; body: Buffer | null; summary: Buffer }>('cl-missing', MISSING_PARTS, [b.map(row), su.map(row)]);
    const byId = new Map(r.rows.map((x) => [x.id, x]));
    for (const s of [...b, ...su]) {
      const got = byId.get(row(s));
      if (!got) continue;
      s.setSummary(bytesOf(got.summary));
      if (got.body) s.setBody(bytesOf(got.body));
    }
  }

  /** A source already made for this row, if any is still held; it goes back to the front of the cache. */
  private known(id: string): ArchiveSource | undefined {
    const s = this.cache.get(id) ?? this.live.get(id)?.deref();
    if (s) this.keep(id, s);
    return s;
  }

  /** Puts a source at the front of the cache, the one used longest ago leaving it when it is full. */
  private keep(id: string, s: ArchiveSource): void {
    this.cache.delete(id);
    this.cache.set(id, s);
    if (this.cache.size > this.cachedSources) this.cache.delete(this.cache.keys().next().value as string);
  }

  private remember(row: StoredRow): ArchiveSource {
    const body = row.body ? bytesOf(row.body) : undefined;
    const summary = row.summary ? bytesOf(row.summary) : undefined;
    // A source met before without its body or summary keeps its identity: records and results hold it.
    const known = this.known(row.id);
    if (known) {
      if (summary) known.setSummary(summary);
      if (body) known.setBody(body);
      return known;
    }
    const s = new ArchiveSource(row.source_id, row.locator, row.folder, row.mtime_ms, row.size, summary, row.brief ? bytesOf(row.brief) : undefined, body);
    // What the folder's sidecar said of it when it was ingested (an empty object: nothing).
    if (row.metadata && Object.keys(row.metadata).length) s.sidecar = row.metadata as SourceMeta;
    this.rowOf.set(s, row.id);
    this.groupOf.set(s, row.group_id ?? row.id);
    this.live.set(row.id, new WeakRef(s));
    this.gone.register(s, row.id);
    this.keep(row.id, s);
    return s;
  }

  async sources(locators: string[]): Promise<(Source | undefined)[]> {
    const r = await this.query<{ id: string; locator: string }>('cl-locators', 'SELECT id, locator FROM sources WHERE locator = ANY($1::text[])', [locators]);
    const byLocator = new Map(r.rows.map((row) => [row.locator, row.id]));
    const found = await this.byRow([...byLocator.values()]);
    return locators.map((l) => (byLocator.has(l) ? found.get(byLocator.get(l)!) : undefined));
  }

  async people(names?: string[]): Promise<PeopleIndex> {
    return (names && this.peopleTable && (await this.namedPeople(names))) || this.peopleByWords(names);
  }

  /**
   * The people these names could mean, from finalize's people table (every
   * titled full name with its surname and first title: all that
   * PeopleIndex.resolve answers with), by name or surname through its
   * btrees; undefined while that table is not complete (an archive
   * ingested before it, until its next finalize). An edit mostly asks what
   * it asked a keystroke before: names asked since the archive's people
   * last changed cost one small statement, which tells whether they did.
   */
  private async namedPeople(names: string[]): Promise<PeopleIndex | undefined> {
    const keys = [...new Set(names)];
    let missing = keys.filter((k) => !this.named.has(k));
    if (missing.length < keys.length) {
      const s = (await this.query<{ v: string; c: boolean }>('cl-people-version', 'SELECT people_version AS v, inputs_complete AS c FROM archive_stats', [])).rows[0];
      this.checkVersion(s.v);
      if (!s.c) return undefined;
      missing = keys.filter((k) => !this.named.has(k));
    }
    if (missing.length) {
      const r = await this.query<{ v: string; c: boolean; key: string | null; name: string; title: string }>('cl-people-named', PEOPLE_NAMED, [missing]);
      const version = this.version;
      this.checkVersion(r.rows[0].v);
      if (!r.rows[0].c) return undefined;
      // An ingest between the two statements: what was kept for the other names went; read them all.
      if (version !== this.version && missing.length < keys.length) return this.namedPeople(names);
      for (const k of missing) this.named.set(k, []);
      for (const x of r.rows) if (x.key !== null) this.named.get(x.key)!.push({ name: x.name, title: x.title });
      while (this.named.size > CACHED_PEOPLE_LOOKUPS) this.named.delete(this.named.keys().next().value as string);
    }
    const people = new PeopleIndex();
    const added = new Set<string>();
    for (const k of keys) for (const p of this.named.get(k)!) if (!added.has(p.name)) added.add(p.name), people.add(p.name, p.title);
    return people;
  }

  /** The people index from the mentions of every name sharing a word with these (all of them without names). */
  private async peopleByWords(names?: string[]): Promise<PeopleIndex> {
    // Every person a word of these names could mean (the trigram index finds them). An edit mostly names whom
    // the article named a keystroke before: only words not asked since the archive's people last changed are
    // read, and a check whose words were all asked costs one small statement, which tells whether they did.
    const words = names ? [...new Set(names.flatMap((n) => n.split(/\s+/)).filter((w) => w.length >= 2))].map((w) => `%${w.replace(/[\\%_]/g, '\\$&')}%`) : [];
    if (names && words.some((w) => this.wordPeople.has(w))) this.checkVersion((await this.query<{ v: string }>('cl-version', 'SELECT people_version AS v FROM archive_stats', [])).rows[0].v);
    for (;;) {
      const missing = names ? words.filter((w) => !this.wordPeople.has(w)) : undefined;
      let read: PeopleRow[] = [];
      if (!missing || missing.length) {
        const r = await this.query<PeopleRow & { v: string }>(missing ? 'cl-people' : 'cl-people-all', peopleRows(Boolean(missing)), missing ? [missing] : []);
        const version = this.version;
        this.checkVersion(r.rows[0].v);
        // An ingest between the two statements: what was kept for the other words went; read them all.
        if (version !== this.version && names && missing!.length < words.length) continue;
        read = r.rows.filter((x) => x.name !== null);
        for (const w of missing ?? []) this.wordPeople.set(w, []);
        for (const x of read) if (x.w !== null) this.wordPeople.get(x.w)!.push(x);
        while (this.wordPeople.size > CACHED_PEOPLE_LOOKUPS) this.wordPeople.delete(this.wordPeople.keys().next().value as string);
      }
      // Each distinct (name, title, bare) once, where it first occurs, in corpus order: what PeopleIndex keeps
      // of the mentions (a popular name has tens of thousands), in the order Corpus.reindexPeople meets them.
      const first = new Map<string, PeopleRow>();
      for (const x of names ? words.flatMap((w) => this.wordPeople.get(w) ?? []) : read) {
        const key = `${x.name}\u0000${x.title ?? ''}\u0000${x.bare}`;
        const had = first.get(key);
        if (!had || before(x.first, had.first)) first.set(key, x);
      }
      const rows = [...first.values()].sort((a, b) => (before(a.first, b.first) ? -1 : 1));
      // As Corpus.reindexPeople: titled full names first, then every other name.
      const people = new PeopleIndex();
      for (const m of rows) if (!m.bare && m.name.includes(' ')) people.add(m.name, m.title ?? undefined);
      for (const m of rows) if (m.bare || !m.name.includes(' ')) people.add(m.name, undefined);
      return people;
    }
  }

  /** The contract's records, whole: their sources read (without bodies). */
  async persons(names: string[]): Promise<Map<string, PersonRecord>> {
    const out = await this.personsInPart(names);
    await this.resolvePeople([...out.values()]);
    return out;
  }

  /**
   * Person records as stored, their sources not read (ArchivePerson): what a
   * check reads of most people. Kept by name between checks.
   */
  async personsInPart(names: string[]): Promise<Map<string, ArchivePerson>> {
    const out = new Map<string, ArchivePerson>();
    const missing = [...new Set(names)].filter((n) => !this.personCache.has(n));
    if (missing.length) {
      // Titles alone where finalize wrote them; the whole record where it has not yet (an archive from before the column).
      const r = this.personTitles
        ? await this.query<PersonRow>('cl-persons-titles', 'SELECT name, titles, CASE WHEN titles IS NULL THEN record END AS record FROM persons WHERE name = ANY($1::text[])', [missing])
        : await this.query<PersonRow>('cl-persons', 'SELECT name, NULL::bytea AS titles, record FROM persons WHERE name = ANY($1::text[])', [missing]);
      const stored = new Map(r.rows.map((row) => [row.name, new ArchivePerson(row.name, row.titles && bytesOf(row.titles), row.record && bytesOf(row.record))]));
      for (const n of missing) this.personCache.set(n, stored.get(n));
      while (this.personCache.size > CACHED_PEOPLE) this.personCache.delete(this.personCache.keys().next().value as string);
    }
    for (const n of names) {
      const p = this.personCache.get(n);
      if (p) out.set(n, p);
    }
    return out;
  }

  /**
   * Reads these people's sources, in one query, without bodies but those of
   * their first `quotesWithLines` quotes' sources (a hover links them to
   * their lines).
   */
  async resolvePeople(people: ArchivePerson[], quotesWithLines = 0): Promise<void> {
    const unread = people.filter((p) => !p.hasRecord);
    if (unread.length) {
      const r = await this.query<{ name: string; record: Buffer }>('cl-person-records', 'SELECT name, record FROM persons WHERE name = ANY($1::text[])', [unread.map((p) => p.name)]);
      const records = new Map(r.rows.map((row) => [row.name, row.record]));
      // A person gone from the archive since (an ingest between): no sources, as the archive now says.
      for (const p of unread) p.setRecord(records.has(p.name) ? bytesOf(records.get(p.name)!) : undefined);
    }
    const rows = new Set<string>();
    const bodies = new Set<string>();
    for (const p of people) {
      if (!p.resolved) for (const id of p.rows()) rows.add(id);
      for (const id of p.quoteRows(quotesWithLines)) rows.add(id), bodies.add(id);
    }
    if (!rows.size) return;
    const sources = await this.byRow([...rows], bodies);
    for (const p of people) if (!p.resolved) p.resolve(sources);
  }

  async independent(lists: Source[][]): Promise<number[]> {
    return lists.map((l) => this.groupCount(l));
  }

  /** How many groups sources this store returned form (their groups come with them). */
  groupCount(sources: Source[]): number {
    return new Set(sources.map((s) => this.groupOf.get(s) ?? s.path)).size;
  }

  async similarity(articleVector: Map<string, number>, sources: Source[]): Promise<number[]> {
    const termLists = sources.map((s) => termsOf(s.text));
    const stats = await this.termStats(termLists.flat());
    return termLists.map((terms) => cosine(articleVector, vector(terms, stats)));
  }

  async close(): Promise<void> {
    // What is still waiting, or asked later, will not run: a check that goes on after its store closed gets one clear line.
    this.closed ??= new ArchiveError(`the connection to the archive ${maskUrl(this.url)} was closed`, true);
    this.stop(this.closed);
    await this.pool.end().catch(() => undefined);
  }
}

/** A row as the store reads it: the summary only where it was asked for, else the brief. */
type StoredRow = Omit<SourceRow, 'summary'> & { summary: Buffer | null; brief: Buffer | null };

const bytesOf = (b: Buffer) => new Uint8Array(b.buffer, b.byteOffset, b.byteLength);

export interface SourceRow {
  id: string;
  locator: string;
  source_id: string;
  folder: string;
  size: number;
  mtime_ms: number;
  summary: Buffer;
  body: Buffer | null;
  group_id: string | null;
  metadata?: Record<string, unknown>;
}

/** A person's row as a check reads it: the titles alone, or the whole record where the titles were never written. */
interface PersonRow {
  name: string;
  titles: Buffer | null;
  record: Buffer | null;
}

/** A name as the mentions give it, with where it first occurs ([source row, order in it]) and the word that found it. */
interface PeopleRow {
  w: string | null;
  name: string;
  title: string | null;
  bare: boolean;
  first: [string, string];
}

/** Whether a place in the archive ([source row, order], as PostgreSQL gives bigints) comes before another. */
const before = (a: [string, string], b: [string, string]) => Number(a[0]) < Number(b[0]) || (a[0] === b[0] && Number(a[1]) < Number(b[1]));

// The titled people each name ($1) could mean: by name, or by surname; none while finalize's people table is not
// complete. Always a row, with the people's version.
const PEOPLE_NAMED = `
SELECT s.v, s.c, x.key, x.name, x.title
  FROM (SELECT people_version AS v, inputs_complete AS c FROM archive_stats) s
  LEFT JOIN LATERAL (SELECT k AS key, p.name, p.title FROM unnest($1::text[]) AS k JOIN people p ON p.name = k OR p.surname = k) x ON s.c`;

// Each distinct name, title and bareness, with the first place it occurs, per word asked (or of the whole
// archive); always a row, with the people's version.
const peopleRows = (byWord: boolean) => `
SELECT s.v, x.w, x.name, x.title, x.bare, x.first
  FROM (SELECT people_version AS v FROM archive_stats) s
  LEFT JOIN LATERAL (
    SELECT ${byWord ? 'w' : 'NULL'} AS w, m.name, m.title, m.bare, min(ARRAY[m.source, m.ord::bigint]) AS first
      FROM ${byWord ? 'unnest($1::text[]) AS w JOIN mentions m ON m.name LIKE w' : 'mentions m'}
     GROUP BY 1, m.name, m.title, m.bare) x ON true`;
