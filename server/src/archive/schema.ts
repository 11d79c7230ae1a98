// The archive's tables, versioned. A database without them, or with the
// tables of another version, is refused with one clear message: nothing
// reads or writes a schema it does not know.
//
//   sources    one row per source file: an opaque id, where it came from
//              (locator), its display id, content and text hashes, metadata,
//              its summary and body (serialized as the in-memory corpus keeps
//              them), its distinct terms (tsvector + GIN) for ranking sources
//   passages   one row per evidence sentence, its terms (tsvector + GIN)
//   terms      per term: in how many passages and in how many sources (idf, BM25)
//   mentions   every official mentioned, by name (trigram index): the people index
//   summaries  per source, its independence group and, when the people of the
//              whole archive resolved some of its bare names, the summary
//              with them resolved
//   persons    per person (canonical name), the record a check reads — mentions,
//              titles and quotes with their sources' row ids — computed by
//              finalize, so a claim's people cost one small row each and no
//              source bodies
//   archive_stats  sources, passages and total source length, kept by ingest
//
// and, created if missing (FINALIZE_INPUTS below), what lets finalize work
// on the sources added since it last ran instead of the whole archive:
//   finalize_queue  the sources added since (written with them)
//   pending_names   each source's bare names as analysed (written with it)
//   shingles        each sampled shingle hash's first nine owners (written
//                   with them; a tenth is not kept: finalize reads no more)
//   speakers        each source's quote speakers, as resolved (like mentions:
//                   written with the source, rewritten by finalize)
//   people          the people index: every titled full name, its surname
//                   and first title in archive order (kept by finalize)
//   archive_stats   finalize_whole (a removal, replacement or metadata change
//                   since: the next finalize reads everything), the last
//                   finalized row and count, whether any source is a copy,
//                   whether the per-source inputs cover every source

import type pg from 'pg';
import type { SourceSummary } from '../corpus/source.js';
import { ArchiveError, maskUrl, transaction } from './db.js';
import { SHORTEST_COLUMNS } from './shortest.js';

export const SCHEMA_VERSION = 2;

const TABLES = `
CREATE EXTENSION IF NOT EXISTS pg_trgm;
CREATE TABLE claimlens_schema (version integer NOT NULL, created timestamptz NOT NULL DEFAULT now());
CREATE TABLE archive_stats (
  one boolean PRIMARY KEY DEFAULT true CHECK (one),
  sources bigint NOT NULL DEFAULT 0,
  passages bigint NOT NULL DEFAULT 0,
  doc_length bigint NOT NULL DEFAULT 0,
  people_version bigint NOT NULL DEFAULT 0
);
INSERT INTO archive_stats DEFAULT VALUES;
CREATE TABLE sources (
  id bigserial PRIMARY KEY,
  locator text NOT NULL UNIQUE,
  source_id text NOT NULL,
  folder text NOT NULL,
  content_hash bytea NOT NULL,
  text_hash bytea NOT NULL,
  size integer NOT NULL,
  mtime_ms double precision NOT NULL,
  metadata jsonb NOT NULL DEFAULT '{}',
  summary bytea NOT NULL,
  body bytea NOT NULL,
  doc_terms tsvector NOT NULL,
  doc_length integer NOT NULL,
  ingested timestamptz NOT NULL DEFAULT now()
);
CREATE INDEX sources_doc_terms ON sources USING gin (doc_terms);
CREATE INDEX sources_text_hash ON sources (text_hash);
CREATE TABLE passages (
  source bigint NOT NULL REFERENCES sources ON DELETE CASCADE,
  sentence integer NOT NULL,
  start_offset integer NOT NULL,
  end_offset integer NOT NULL,
  terms tsvector NOT NULL,
  PRIMARY KEY (source, sentence)
);
CREATE INDEX passages_terms ON passages USING gin (terms);
CREATE TABLE terms (
  term text PRIMARY KEY,
  passages integer NOT NULL,
  sources integer NOT NULL
);
CREATE TABLE mentions (
  source bigint NOT NULL REFERENCES sources ON DELETE CASCADE,
  ord integer NOT NULL,
  name text NOT NULL,
  title text,
  bare boolean NOT NULL
);
CREATE INDEX mentions_source ON mentions (source);
CREATE INDEX mentions_exact ON mentions (name);
CREATE INDEX mentions_name ON mentions USING gin (name gin_trgm_ops);
CREATE TABLE summaries (
  source bigint PRIMARY KEY REFERENCES sources ON DELETE CASCADE,
  summary bytea,
  group_id bigint NOT NULL
);
CREATE INDEX summaries_group ON summaries (group_id);
CREATE TABLE persons (
  name text PRIMARY KEY,
  record bytea NOT NULL
);
`;

// --- Query side (archive/store.ts). Indexes and optional columns, created
// if missing by every ingest, so an archive of this version made before they
// existed gains them without a new version (rows ingested before a column
// existed have NULL there, and the store reads them as it did before).
//   sources_length  sources in length order: ranking walks the shortest
//                   sources having a query's common terms (ranking.ts RANKED)
//   sources.brief   what a source's label, date and copy detection read
//                   (briefOf, serialized with node:v8, ~0.3 kB against the
//                   summary's ~6 kB): a person's hundred sources come as
//                   briefs, their summaries only when a rule reads one
//   terms.short_*   each term's shortest sources, what ranking reads first
//                   (shortest.ts)
//   persons.titles  a record's titles with their sources' display ids (~4 kB
//                   in the generated archive against the record's ~24 kB):
//                   all a check reads of most people; the record when a rule
//                   or a hover reads a person's mentions or quotes
//                   (archive/partial.ts); finalize fills it for records
//                   stored before it
//   lz4             the large values (bodies, summaries, terms, lists,
//                   records, titles) compressed with lz4 where the server has it:
//                   pglz's compression was a large share of ingest's time in
//                   PostgreSQL, and lz4 reads back faster too. Values written
//                   before keep their compression; a server without lz4
//                   keeps its default.
const QUERY_INDEXES = `
CREATE INDEX IF NOT EXISTS sources_length ON sources (doc_length, id);
ALTER TABLE sources ADD COLUMN IF NOT EXISTS brief bytea;
ALTER TABLE persons ADD COLUMN IF NOT EXISTS titles bytea;
${SHORTEST_COLUMNS}
DO $lz4$
DECLARE c record;
BEGIN
  FOR c IN SELECT a.attrelid::regclass AS tab, a.attname AS col FROM pg_attribute a
            WHERE (a.attrelid::regclass::text, a.attname) IN (('sources', 'body'), ('sources', 'summary'), ('sources', 'doc_terms'), ('summaries', 'summary'), ('persons', 'record'), ('persons', 'titles'), ('terms', 'short_ids'), ('terms', 'short_lens'))
              AND a.attcompression <> 'l'
  LOOP
    EXECUTE format('ALTER TABLE %s ALTER COLUMN %I SET COMPRESSION lz4', c.tab, c.col);
  END LOOP;
EXCEPTION WHEN OTHERS THEN NULL;
END $lz4$;`;

/** The part of a summary stored as sources.brief (names, dates, copies: what hovers and naming read). */
export function briefOf(summary: SourceSummary): Pick<SourceSummary, 'meta' | 'derivedFrom' | 'outlets'> {
  return { meta: summary.meta, ...(summary.derivedFrom !== undefined ? { derivedFrom: summary.derivedFrom } : {}), outlets: summary.outlets };
}
// --- end of the query side.

// --- Finalize's inputs (finalize.ts), created if missing as above. An
// archive made before them has finalize_whole and not inputs_complete, so
// its first finalize reads everything and fills them; a new one starts
// complete (ensureSchema). pending_names and shingles have no foreign key
// (its cascade would need a second index on the largest of them): a whole
// finalize after removals deletes the rows of sources that are gone.
const FINALIZE_INPUTS = `
ALTER TABLE archive_stats ADD COLUMN IF NOT EXISTS finalize_whole boolean NOT NULL DEFAULT true;
ALTER TABLE archive_stats ADD COLUMN IF NOT EXISTS inputs_complete boolean NOT NULL DEFAULT false;
ALTER TABLE archive_stats ADD COLUMN IF NOT EXISTS finalized_through bigint NOT NULL DEFAULT 0;
ALTER TABLE archive_stats ADD COLUMN IF NOT EXISTS finalized_sources bigint NOT NULL DEFAULT 0;
ALTER TABLE archive_stats ADD COLUMN IF NOT EXISTS has_copies boolean NOT NULL DEFAULT false;
CREATE TABLE IF NOT EXISTS finalize_queue (source bigint PRIMARY KEY);
CREATE TABLE IF NOT EXISTS pending_names (source bigint NOT NULL, text text NOT NULL);
CREATE INDEX IF NOT EXISTS pending_names_text ON pending_names (text);
CREATE TABLE IF NOT EXISTS shingles (hash integer NOT NULL, source bigint NOT NULL, PRIMARY KEY (hash, source));
CREATE TABLE IF NOT EXISTS speakers (source bigint NOT NULL REFERENCES sources ON DELETE CASCADE, name text NOT NULL);
CREATE INDEX IF NOT EXISTS speakers_name ON speakers (name, source);
CREATE INDEX IF NOT EXISTS speakers_source ON speakers (source);
CREATE TABLE IF NOT EXISTS people (name text PRIMARY KEY, surname text, title text NOT NULL);
CREATE INDEX IF NOT EXISTS people_surname ON people (surname);
`;
// --- end of finalize's inputs.

/** The schema version a database holds: a number, or undefined when it has no Claim Lens tables. */
export async function schemaVersion(db: pg.Pool | pg.PoolClient): Promise<number | undefined> {
  const exists = await db.query(`SELECT to_regclass('claimlens_schema') IS NOT NULL AS ok`);
  if (!exists.rows[0].ok) return undefined;
  const r = await db.query(`SELECT max(version) AS v FROM claimlens_schema`);
  return r.rows[0].v ?? undefined;
}

/** Refuses a database whose schema is missing or of another version. */
export async function checkSchema(db: pg.Pool, url: string): Promise<void> {
  const v = await schemaVersion(db);
  if (v === undefined) throw new ArchiveError(`the archive ${maskUrl(url)} has no Claim Lens tables: run  claimlens archive ingest --db URL FOLDER...  to create them`);
  if (v !== SCHEMA_VERSION) throw new ArchiveError(versionMessage(v, url));
}

function versionMessage(v: number, url: string): string {
  return v < SCHEMA_VERSION
    ? `the archive ${maskUrl(url)} has schema version ${v}, older than this Claim Lens (version ${SCHEMA_VERSION}): ingest the sources into a new database`
    : `the archive ${maskUrl(url)} has schema version ${v}, newer than this Claim Lens (version ${SCHEMA_VERSION}): update Claim Lens`;
}

/** Creates the tables in an empty database (in one transaction); refuses another version's. */
export async function ensureSchema(db: pg.Pool, url: string): Promise<void> {
  await transaction(db, async (client) => {
    // Two ingests starting at once must not both create the tables.
    await client.query(`SELECT pg_advisory_xact_lock(hashtext('claimlens schema'))`);
    const v = await schemaVersion(client);
    const created = v === undefined;
    if (created) {
      await client.query(TABLES);
      await client.query(`INSERT INTO claimlens_schema (version) VALUES ($1)`, [SCHEMA_VERSION]);
    } else if (v !== SCHEMA_VERSION) throw new ArchiveError(versionMessage(v, url));
    await client.query(QUERY_INDEXES);
    await client.query(FINALIZE_INPUTS);
    // An empty archive's inputs cover all of its (no) sources: every source will be written with them.
    if (created) await client.query(`UPDATE archive_stats SET inputs_complete = true`);
  });
}
