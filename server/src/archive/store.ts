// The PostgreSQL backend of the corpus (see corpus/store.ts for the
// contract). It answers with the same algorithms as the in-memory corpus,
// over what ingest stored: sources ranked by BM25 in SQL (GIN over each
// source's distinct terms, the same expression as corpus/passages.ts bm25,
// summed in the same order); their passages scored and cut in JavaScript
// with the same idf and the same code. (Each passage's terms are also in
// SQL, tsvector + GIN, which ingest keeps the term counts with.) Sources come back as the same Source objects (summary and body
// as the in-memory corpus keeps them), cached in a bounded map, so the
// editor's memory does not grow with the archive.

import { deserialize } from 'node:v8';
import { createHash } from 'node:crypto';
import type pg from 'pg';
import { PeopleIndex } from '../analysis/officials.js';
import type { PersonRecord } from '../corpus/people.js';
import { passageScore, passagesOf, queryParts, SOURCES_PER_QUERY, type Passage } from '../corpus/passages.js';
import type { SourceMeta } from '../corpus/metadata.js';
import { Source, type SourceBody, type SourceSummary } from '../corpus/source.js';
import type { Analysis } from '../analysis/types.js';
import type { CorpusStore, Exclusion, TermStats } from '../corpus/store.js';
import { cosine, termsOf, vector } from '../corpus/terms.js';
import { archiveMessage, openPool, type ArchiveOptions } from './db.js';
import { checkSchema } from './schema.js';
import type { StoredPerson } from './persons.js';

/** Sources kept as objects between checks. */
const CACHED_SOURCES = 2000;
/** Quotes per person whose sources come with their bodies: the ones a hover shows, with their lines. */
const QUOTES_WITH_BODIES = 3;

/** Where body-less sources note that a rule wanted their text (see withArchiveView). */
let wantedBodies: Set<ArchiveSource> | undefined;

/** Runs `f` noting every source whose body it wanted but the store had not read. */
export function notingBodies<T>(into: Set<ArchiveSource>, f: () => T): T {
  const before = wantedBodies;
  wantedBodies = into;
  try {
    return f();
  } finally {
    wantedBodies = before;
  }
}

/**
 * A source of the archive. People's sources are read without their bodies
 * (a record only needs their summaries); a rule that then wants one's text
 * gets an empty body this round and the view fetches the body for the next.
 */
export class ArchiveSource extends Source {
  private bytes?: Uint8Array;
  private body_?: SourceBody;

  constructor(id: string, path: string, folder: string, mtimeMs: number, size: number, summary: SourceSummary, bytes: Uint8Array | undefined) {
    super(id, path, folder, mtimeMs, size, summary, new Uint8Array(0));
    this.bytes = bytes;
  }

  get hasBody(): boolean {
    return this.bytes !== undefined;
  }

  setBody(bytes: Uint8Array): void {
    this.bytes ??= bytes;
  }

  override get blob(): Uint8Array {
    return this.bytes ?? new Uint8Array(0);
  }

  override get analysis(): Analysis {
    if (this.bytes) return super.analysis;
    wantedBodies?.add(this);
    const s = this.summary;
    return { format: 'plaintext', length: 0, blocks: [], sentences: [], figures: [], officials: s.officials, quotes: s.quotes, claims: [], pending: s.pending };
  }

  override load(): SourceBody {
    if (!this.bytes) {
      wantedBodies?.add(this);
      return { text: '', format: 'plaintext', sentences: [], figures: [], passages: [] };
    }
    // Bounded with the store's source cache: a source that leaves it is collected with its body.
    this.body_ ??= deserialize(this.bytes) as SourceBody;
    return this.body_;
  }

  override get loaded(): SourceBody | undefined {
    return this.body_;
  }

  override release(): void {
    this.body_ = undefined;
    super.release();
  }
}
/** Person records kept between checks. */
const CACHED_PEOPLE = 2000;

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

export const RETRIEVE = `
WITH q AS (
  SELECT qi, ord, t, ('''' || replace(replace(t, '\\', '\\\\'), '''', '''''') || '''')::tsquery AS tq
    FROM unnest($1::int[], $2::int[], $3::text[]) AS q(qi, ord, t)
), st AS (
  SELECT sources::float8 AS n, doc_length::float8 / greatest(sources, 1) AS avg FROM archive_stats
), w AS (
  SELECT q.qi, q.ord, q.tq, terms.sources::float8 AS df FROM q JOIN terms ON terms.term = q.t WHERE terms.sources > 0
), hits AS (
  SELECT w.qi, s.id, s.locator,
         sum(ln(1::float8 + (st.n - w.df + 0.5::float8) / (w.df + 0.5::float8))
             * (0.5::float8 + 2.2::float8 / (1::float8 + 1.2::float8 * (1::float8 - 0.7::float8 + (0.7::float8 * s.doc_length) / st.avg)))
             ORDER BY w.ord) AS score
    FROM w CROSS JOIN st JOIN sources s ON s.doc_terms @@ w.tq
   WHERE s.locator <> $4 AND s.text_hash <> $5
   GROUP BY w.qi, s.id, s.locator
), top AS (
  SELECT qi, id, row_number() OVER (PARTITION BY qi ORDER BY score DESC, locator COLLATE "C") AS rank FROM hits
)
SELECT qi, id FROM top WHERE rank <= $6 ORDER BY qi, rank`;

// Bodies only of the rows in $2: a person's sources are read for their summaries.
const SOURCE_ROWS = `
SELECT s.id, s.locator, s.source_id, s.folder, s.size, s.mtime_ms, coalesce(su.summary, s.summary) AS summary,
       CASE WHEN s.id = ANY($2::bigint[]) THEN s.body END AS body, su.group_id, s.metadata
  FROM sources s LEFT JOIN summaries su ON su.source = s.id
 WHERE s.id = ANY($1::bigint[])`;

export class ArchiveStore implements CorpusStore {
  readonly kind = 'postgres' as const;
  private readonly cache = new Map<string, ArchiveSource>();
  /** Person records by name: an edited article asks about the same people at every keystroke. */
  private readonly personCache = new Map<string, PersonRecord | undefined>();
  /** The archive's people_version these caches were filled under; an ingest bumps it. */
  private version?: string;
  private readonly rowOf = new WeakMap<Source, string>();
  private readonly groupOf = new WeakMap<Source, string>();

  private constructor(
    private readonly pool: pg.Pool,
    private readonly url: string,
  ) {}

  /** Connects and checks the schema; throws an ArchiveError with one line otherwise. */
  static async open(url: string, options: ArchiveOptions = {}): Promise<ArchiveStore> {
    const pool = openPool(url, options);
    try {
      await checkSchema(pool, url);
    } catch (e) {
      await pool.end().catch(() => undefined);
      throw archiveMessage(e, url);
    }
    return new ArchiveStore(pool, url);
  }

  private async query<R extends pg.QueryResultRow>(name: string, text: string, values: unknown[]): Promise<pg.QueryResult<R>> {
    try {
      return await this.pool.query<R>({ name, text, values });
    } catch (e) {
      throw archiveMessage(e, this.url);
    }
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
    const qi: number[] = [];
    const ord: number[] = [];
    const terms: string[] = [];
    wanted.forEach((q, i) => q.forEach((t, j) => (qi.push(i), ord.push(j), terms.push(t))));
    if (!terms.length) return queries.map(() => []);
    const textHash = exclude?.text !== undefined ? createHash('sha256').update(exclude.text).digest() : Buffer.alloc(0);
    const [stats, rows] = await Promise.all([
      this.termStats(terms),
      this.query<{ qi: number; id: string }>('cl-retrieve', RETRIEVE, [qi, ord, terms, exclude?.locator ?? '', textHash, SOURCES_PER_QUERY]),
    ]);
    const ranked: string[][] = wanted.map(() => []);
    for (const row of rows.rows) ranked[row.qi].push(row.id);
    const sources = await this.byRow([...new Set(rows.rows.map((r) => r.id))]);
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

  /** Every check starts with term statistics: when an ingest changed the archive since, what is cached goes. */
  private checkVersion(version: string): void {
    if (this.version === version) return;
    this.version = version;
    this.cache.clear();
    this.personCache.clear();
  }

  /** Sources by row id, from the cache or in one query; with their bodies unless `bodies` says which need one. */
  private async byRow(ids: string[], bodies?: Set<string>): Promise<Map<string, ArchiveSource>> {
    const out = new Map<string, ArchiveSource>();
    const missing: string[] = [];
    const wantBody: string[] = [];
    for (const id of ids) {
      const needsBody = !bodies || bodies.has(id);
      const s = this.cache.get(id);
      if (s) {
        this.cache.delete(id);
        this.cache.set(id, s);
        out.set(id, s);
        if (needsBody && !s.hasBody) missing.push(id), wantBody.push(id);
      } else {
        missing.push(id);
        if (needsBody) wantBody.push(id);
      }
    }
    if (missing.length) {
      const r = await this.query<SourceRow>('cl-sources', SOURCE_ROWS, [missing, wantBody]);
      for (const row of r.rows) out.set(row.id, this.remember(row));
    }
    return out;
  }

  /** Fetches the bodies of these sources (ones read without), in one query. */
  async bodies(sources: ArchiveSource[]): Promise<void> {
    const ids = sources.filter((s) => !s.hasBody).map((s) => this.rowOf.get(s)!);
    if (!ids.length) return;
    const r = await this.query<{ id: string; body: Buffer }>('cl-bodies', 'SELECT id, body FROM sources WHERE id = ANY($1::bigint[])', [ids]);
    const byId = new Map(r.rows.map((row) => [row.id, row.body]));
    for (const s of sources) {
      const b = byId.get(this.rowOf.get(s)!);
      if (b) s.setBody(new Uint8Array(b.buffer, b.byteOffset, b.byteLength));
    }
  }

  private remember(row: SourceRow): ArchiveSource {
    const body = row.body ? new Uint8Array(row.body.buffer, row.body.byteOffset, row.body.byteLength) : undefined;
    // A source met before without its body keeps its identity: records and results hold it.
    const known = this.cache.get(row.id);
    if (known) {
      if (body) known.setBody(body);
      return known;
    }
    const s = new ArchiveSource(row.source_id, row.locator, row.folder, row.mtime_ms, row.size, deserialize(row.summary) as SourceSummary, body);
    // What the folder's sidecar said of it when it was ingested (an empty object: nothing).
    if (row.metadata && Object.keys(row.metadata).length) s.sidecar = row.metadata as SourceMeta;
    this.rowOf.set(s, row.id);
    this.groupOf.set(s, row.group_id ?? row.id);
    this.cache.set(row.id, s);
    if (this.cache.size > CACHED_SOURCES) this.cache.delete(this.cache.keys().next().value as string);
    return s;
  }

  async sources(locators: string[]): Promise<(Source | undefined)[]> {
    const r = await this.query<{ id: string; locator: string }>('cl-locators', 'SELECT id, locator FROM sources WHERE locator = ANY($1::text[])', [locators]);
    const byLocator = new Map(r.rows.map((row) => [row.locator, row.id]));
    const found = await this.byRow([...byLocator.values()]);
    return locators.map((l) => (byLocator.has(l) ? found.get(byLocator.get(l)!) : undefined));
  }

  async people(names?: string[]): Promise<PeopleIndex> {
    // Every person a word of these names could mean (the trigram index finds them), in corpus order.
    const words = [...new Set((names ?? []).flatMap((n) => n.split(/\s+/)).filter((w) => w.length >= 2))].map((w) => `%${w.replace(/[\\%_]/g, '\\$&')}%`);
    const r = names
      ? await this.query<MentionRow>('cl-people', 'SELECT DISTINCT m.source, m.ord, m.name, m.title, m.bare FROM unnest($1::text[]) AS w JOIN mentions m ON m.name LIKE w ORDER BY m.source, m.ord', [words])
      : await this.query<MentionRow>('cl-people-all', 'SELECT source, ord, name, title, bare FROM mentions ORDER BY source, ord', []);
    // As Corpus.reindexPeople: titled full names first, then every other name.
    const people = new PeopleIndex();
    for (const m of r.rows) if (!m.bare && m.name.includes(' ')) people.add(m.name, m.title ?? undefined);
    for (const m of r.rows) if (m.bare || !m.name.includes(' ')) people.add(m.name, undefined);
    return people;
  }

  async persons(names: string[]): Promise<Map<string, PersonRecord>> {
    const out = new Map<string, PersonRecord>();
    const missing = [...new Set(names)].filter((n) => !this.personCache.has(n));
    if (missing.length) {
      const r = await this.query<{ name: string; record: Buffer }>('cl-persons', 'SELECT name, record FROM persons WHERE name = ANY($1::text[])', [missing]);
      const stored = new Map(r.rows.map((row) => [row.name, deserialize(row.record) as StoredPerson]));
      const ids = new Set<string>();
      const bodies = new Set<string>();
      for (const p of stored.values()) {
        for (const m of p.mentions) ids.add(String(m.row));
        for (const [i, q] of p.quotes.entries()) {
          ids.add(String(q.row));
          if (i < QUOTES_WITH_BODIES) bodies.add(String(q.row));
        }
      }
      const sources = ids.size ? await this.byRow([...ids], bodies) : new Map<string, ArchiveSource>();
      for (const n of missing) {
        const p = stored.get(n);
        this.personCache.set(n, p && this.record(n, p, sources));
      }
      while (this.personCache.size > CACHED_PEOPLE) this.personCache.delete(this.personCache.keys().next().value as string);
    }
    for (const n of names) {
      const p = this.personCache.get(n);
      if (p) out.set(n, p);
    }
    return out;
  }

  /** A stored record with its sources as objects (a source gone since is left out). */
  private record(name: string, p: StoredPerson, sources: Map<string, ArchiveSource>): PersonRecord {
    const mentions: PersonRecord['mentions'] = [];
    for (const m of p.mentions) {
      const source = sources.get(String(m.row));
      if (source) mentions.push({ source, start: m.start, end: m.end, title: m.title, titleSpan: m.titleSpan });
    }
    const quotes: PersonRecord['quotes'] = [];
    for (const q of p.quotes) {
      const source = sources.get(String(q.row));
      if (source) quotes.push({ source, start: q.start, end: q.end, text: q.text });
    }
    return { name, titles: new Map(p.titles.map(([t, ids]) => [t, new Set(ids)])), mentions, quotes };
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
    await this.pool.end().catch(() => undefined);
  }
}

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

interface MentionRow {
  source: string;
  ord: number;
  name: string;
  title: string | null;
  bare: boolean;
}
