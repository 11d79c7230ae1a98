// After an ingest changed the archive: what depends on every source at once,
// computed the way the in-memory corpus computes it (corpus/corpus.ts) —
// bare surnames resolved against the people of the whole archive, the
// independence groups (declared copies and near-duplicates) and the person
// records a check reads (persons.ts). Written in one
// transaction, so readers see the old or the new answers, never half.
//
// Two ways to the same rows. The whole finalize reads every source's summary.
// The incremental one reads only the sources queued since the last finalize
// (ingest writes them to finalize_queue with their bare names, speakers and
// shingles) and the few rows of older sources they touch: the older sources
// whose bare names a newly titled person now resolves otherwise (at most
// MAX_RESOLVED_AGAIN), the records of the people those name, the older
// groups a new near-duplicate joins. It is taken only when it is provably
// the same: nothing removed, replaced or relabelled since, no declared
// copies anywhere (their TF-IDF comparison changes with every ingest), every
// queued source after every finalized one, no near-duplicate group a
// shingle pushed past eight owners could split, and no tie between the
// display ids that pick a merged group's representative. Otherwise it gives
// way to the whole finalize, having written nothing.

import { createHash } from 'node:crypto';
import { deserialize, serialize } from 'node:v8';
import type pg from 'pg';
import { resolveNames } from '../analysis/analyze.js';
import { PeopleIndex } from '../analysis/officials.js';
import { surnameOf } from '../analysis/people.js';
import type { KnownPerson } from '../analysis/types.js';
import { copiedOutlet, Independence, MAX_OWNERS, MIN_SHINGLES, NEAR_DUPLICATE } from '../corpus/independence.js';
import { Source, type SourceSummary } from '../corpus/source.js';
import { cosine, Idf, termsOf, vector } from '../corpus/terms.js';
import { boolArray, byteaArray, int4Array, int8Array, textArray } from './binaryArray.js';
import { transaction } from './db.js';
import { PERSON_SOURCES, PersonRecords, storedPersons, type NamingSource, type StoredPerson } from './persons.js';
import type { SourceRow } from './store.js';
import type { SourceMeta } from '../corpus/metadata.js';

const PAGE = 5000;

const WRITE_SUMMARIES = `INSERT INTO summaries (source, summary, group_id) SELECT * FROM unnest($1::bigint[], $2::bytea[], $3::bigint[])
  ON CONFLICT (source) DO UPDATE SET summary = excluded.summary, group_id = excluded.group_id`;

/** Older sources an incremental finalize resolves again at most (more: the whole finalize). */
const MAX_RESOLVED_AGAIN = 2000;

/** The distinct quote speakers of a source (the `speakers` table). */
export const speakersOf = (summary: Pick<SourceSummary, 'quotes'>): string[] => [...new Set(summary.quotes.flatMap((q) => (q.speaker ? [q.speaker] : [])))];

/** Everyone a source names: its officials and its quotes' speakers. */
const namesIn = (summary: Pick<SourceSummary, 'officials' | 'quotes'>): string[] => [...summary.officials.map((o) => o.name), ...speakersOf(summary)];

/** Which way a finalize went. */
export type FinalizeMode = 'whole' | 'incremental';

/** Shingle hashes as the `shingles` table keeps them (integer: the unsigned hash's bits, signed). */
export const shingleKeys = (shingles: ArrayLike<number>): number[] => Array.from(shingles, (h) => h | 0);

/** Whether a finalize is owed: sources queued, or a change that needs the whole archive read (an ingest stopped before its finalize). */
export async function finalizeDue(pool: pg.Pool): Promise<boolean> {
  const r = await pool.query(`SELECT finalize_whole OR EXISTS (SELECT 1 FROM finalize_queue) AS due FROM archive_stats`);
  return Boolean(r.rows[0]?.due);
}

/** Finalizes the archive: incrementally when that gives the same rows, else by reading it whole (`whole` forces that). */
export async function finalize(pool: pg.Pool, options: { whole?: boolean } = {}): Promise<FinalizeMode> {
  if (!options.whole && (await transaction(pool, incremental))) return 'incremental';
  await finalizeWhole(pool);
  return 'whole';
}

type Row = Omit<SourceRow, 'body' | 'group_id'>;

function sourceOf(row: Row): Source {
  const s = new Source(row.source_id, row.locator, row.folder, row.mtime_ms, row.size, deserialize(row.summary) as SourceSummary, new Uint8Array(0));
  if (row.metadata && Object.keys(row.metadata).length) s.sidecar = row.metadata as SourceMeta;
  return s;
}

/**
 * What the people index learns from a source: its titled or untitled full
 * names (Corpus.reindexPeople). A resolved name is copied into summaries
 * from the index, and node:v8 writes a string as it is held (one or two
 * bytes a character, as the text it was cut from): the names go in as the
 * database gives strings back, so the people table and the sources give the
 * same bytes.
 */
function peopleInput(summary: SourceSummary): [string, string | undefined][] {
  return summary.officials.filter((o) => o.form !== 'bare' && o.name.includes(' ')).map((o) => [canonical(o.name), o.title === undefined ? undefined : canonical(o.title)]);
}

const canonical = (s: string) => Buffer.from(s, 'utf8').toString('utf8');

/**
 * A summary or a person record as stored, the same bytes for the same
 * content whichever path built it. node:v8 writes an array V8 holds as
 * "holey" in its sparse form, and whether a new array is holey depends on
 * what the process allocated at the same place before (V8's allocation-site
 * feedback): after other work, the incremental and the whole finalize wrote
 * one summary, or one record, as different bytes (finalize.test.ts, about
 * one run in four). Every array is copied packed, every plain object anew
 * (so no two places share one object).
 */
function canonicalBytes(value: SourceSummary | StoredPerson | StoredPerson['titles']): Buffer {
  return serialize(repacked(value));
}

function repacked(v: unknown): unknown {
  if (Array.isArray(v)) {
    const out: unknown[] = [];
    for (const x of v) out.push(repacked(x));
    return out;
  }
  if (v !== null && typeof v === 'object' && Object.getPrototypeOf(v) === Object.prototype) {
    const out: Record<string, unknown> = {};
    for (const [k, x] of Object.entries(v)) out[k] = repacked(x);
    return out;
  }
  return v;
}

/** A source's names resolved against the people index; whether any changed. */
function resolveSource(s: Source, people: PeopleIndex): boolean {
  const named = resolveNames({ ...s.summary, claims: [] }, people);
  if (named.officials === s.summary.officials) return false;
  s.summary = { ...s.summary, officials: named.officials, quotes: named.quotes, pending: named.pending };
  return true;
}

const surnameKey = (name: string): string | null => {
  const sn = surnameOf(name);
  return sn !== name ? sn : null;
};

const sameOutcome = (a: KnownPerson | undefined, b: KnownPerson | undefined) => a?.name === b?.name && a?.titles[0] === b?.titles[0];

const storedState = async (c: pg.PoolClient | pg.Pool) =>
  (await c.query(`SELECT finalize_whole, inputs_complete, has_copies, finalized_through, finalized_sources, sources FROM archive_stats`)).rows[0] as {
    finalize_whole: boolean;
    inputs_complete: boolean;
    has_copies: boolean;
    finalized_through: string;
    finalized_sources: string;
    sources: string;
  };

/**
 * The incremental finalize, in one transaction: true when it wrote the rows
 * the whole finalize would, false (nothing written) when it cannot show that.
 */
async function incremental(c: pg.PoolClient): Promise<boolean> {
  // One finalize at a time: two would both take the same queue.
  await c.query(`SELECT pg_advisory_xact_lock(hashtext('claimlens finalize'))`);
  const state = await storedState(c);
  if (state.finalize_whole || !state.inputs_complete || state.has_copies) return false;
  const through = Number(state.finalized_through);
  const queued: string[] = (await c.query(`SELECT source FROM finalize_queue ORDER BY source`)).rows.map((r) => r.source);
  if (!queued.length) return true;
  // Every queued source after every finalized one (row order is archive order), and no source gone behind finalize's back.
  if (Number(queued[0]) <= through || Number(state.sources) !== Number(state.finalized_sources) + queued.length) return false;
  // An archive more than doubling is read whole: the queue's summaries are then most of it anyway.
  if (queued.length > Math.max(1000, Number(state.finalized_sources))) return false;

  const rows = (
    await c.query<Row>({
      name: 'cl-final-queued',
      text: 'SELECT id, locator, source_id, folder, size, mtime_ms, summary, metadata FROM sources WHERE id = ANY($1::bigint[]) ORDER BY id',
      values: [int8Array(queued)],
    })
  ).rows;
  if (rows.length !== queued.length) return false;
  const sources = rows.map(sourceOf);
  const rowOf = new Map(sources.map((s, i) => [s, rows[i].id]));
  if (sources.some((s) => copiedOutlet(s))) return false;

  // --- Names. Only a name newly titled by the queued sources changes what an older one resolves to
  // (a titled name's first title is its oldest source's, and the new sources come after all others).
  const adds = sources.flatMap((s) => peopleInput(s.summary));
  const titledNow = [...new Set(adds.filter(([, t]) => t).map(([n]) => n))];
  const known = new Set((await c.query(`SELECT name FROM people WHERE name = ANY($1::text[])`, [textArray(titledNow)])).rows.map((r) => r.name as string));
  const newlyTitled = titledNow.filter((n) => !known.has(n));
  const keys = [...new Set(newlyTitled.flatMap((n) => [n, surnameKey(n)]).filter((k): k is string => k !== null))];
  // The index as far as some keys can see it: the stored people they may resolve to, then (after) the new sources' names in order.
  const indexFor = async (lookups: string[], withAdds: boolean) => {
    const index = new PeopleIndex();
    const stored = await c.query(`SELECT name, title FROM people WHERE name = ANY($1::text[]) OR surname = ANY($1::text[])`, [textArray([...new Set(lookups)])]);
    for (const r of stored.rows) index.add(r.name, r.title);
    if (withAdds) for (const [n, t] of adds) index.add(n, t);
    return index;
  };
  const [before, now] = [await indexFor(keys, false), await indexFor(keys, true)];
  const changedKeys = keys.filter((k) => !sameOutcome(before.resolve(k), now.resolve(k)));
  // Older sources with a bare name those keys now resolve otherwise: read and resolved again.
  const olderIds: string[] = changedKeys.length
    ? (await c.query(`SELECT DISTINCT source FROM pending_names WHERE text = ANY($1::text[]) AND source <= $2 ORDER BY source`, [textArray(changedKeys), through])).rows.map((r) => r.source)
    : [];
  if (olderIds.length > MAX_RESOLVED_AGAIN) return false;
  const olderRows = olderIds.length
    ? (
        await c.query<Row & { resolved: Buffer | null }>(
          `SELECT s.id, s.locator, s.source_id, s.folder, s.size, s.mtime_ms, s.summary, s.metadata, g.summary AS resolved FROM sources s JOIN summaries g ON g.source = s.id WHERE s.id = ANY($1::bigint[]) ORDER BY s.id`,
          [int8Array(olderIds)],
        )
      ).rows
    : [];
  if (olderRows.length !== olderIds.length) return false;
  const older = olderRows.map(sourceOf);
  const after = await indexFor([...keys, ...[...sources, ...older].flatMap((s) => s.summary.pending.map((p) => p.text))], true);
  const resolved = new Set(sources.filter((s) => resolveSource(s, after)));
  // An older source whose stored names differ from its names now: its summary, mentions and speakers are rewritten, and the records of everyone it names (then or now) rebuilt.
  const renamedOlder: { source: Source; row: string; summary: Buffer | null }[] = [];
  const rebuild = new Set<string>();
  older.forEach((s, i) => {
    const was = olderRows[i].resolved;
    const wasNamed = was ? (deserialize(was) as SourceSummary) : s.summary;
    const summary = resolveSource(s, after) ? canonicalBytes(s.summary) : null;
    if (was === null ? summary === null : summary !== null && was.equals(summary)) return;
    renamedOlder.push({ source: s, row: olderRows[i].id, summary });
    for (const name of [...namesIn(wasNamed), ...namesIn(s.summary)]) rebuild.add(name);
  });

  // --- Groups. A queued source's near-duplicates share shingles of at most eight owners with it.
  const owners = new Map<number, Source[]>();
  for (const s of sources) for (const h of shingleKeys(s.summary.shingles)) owners.get(h)?.push(s) ?? owners.set(h, [s]);
  const hashes = [...owners.keys()];
  const olderOwners = new Map<number, string[]>();
  for (let i = 0; i < hashes.length; i += PAGE) {
    const r = await c.query({
      name: 'cl-final-owners',
      text: `SELECT x.h, o.source FROM unnest($1::int[]) AS x(h) CROSS JOIN LATERAL (SELECT source FROM shingles WHERE hash = x.h AND source <= $2 ORDER BY source LIMIT ${MAX_OWNERS + 1}) o`,
      values: [int4Array(hashes.slice(i, i + PAGE)), through],
    });
    for (const row of r.rows) olderOwners.get(row.h)?.push(row.source) ?? olderOwners.set(row.h, [row.source]);
  }
  // Pairs are keyed by row ids; a queued source by its row too.
  const sourceByRow = new Map(sources.map((s) => [rowOf.get(s)!, s]));
  const pairs = new Map<string, number>();
  const pushedPast: string[][] = [];
  for (const [h, mine] of owners) {
    const old = olderOwners.get(h) ?? [];
    if (old.length > MAX_OWNERS) continue;
    const list = [...old, ...mine.map((s) => rowOf.get(s)!)].slice(0, MAX_OWNERS + 1);
    if (list.length > MAX_OWNERS) {
      // The shingle no longer counts for the older owners' pairs either.
      if (old.length >= 2) pushedPast.push(old);
      continue;
    }
    for (let i = 0; i < list.length; i++) {
      for (let j = Math.max(i + 1, old.length); j < list.length; j++) {
        const key = `${list[i]} ${list[j]}`;
        pairs.set(key, (pairs.get(key) ?? 0) + 1);
      }
    }
  }
  // A pair can pass only with at least half of MIN_SHINGLES shared; the older side's size is read for those few.
  const candidates = [...pairs].filter(([, n]) => n >= MIN_SHINGLES * NEAR_DUPLICATE).map(([k, n]) => [...k.split(' '), n] as [string, string, number]);
  const pairRows = [...new Set([...candidates.flatMap(([a, b]) => [a, b]), ...pushedPast.flat()].filter((r) => !sourceByRow.has(r)))];
  const sizes = new Map(sources.map((s) => [rowOf.get(s)!, s.summary.shingles.length]));
  const groupOfOld = new Map<string, string>();
  if (pairRows.length) {
    const r = await c.query(`SELECT s.id, s.summary, g.group_id FROM sources s JOIN summaries g ON g.source = s.id WHERE s.id = ANY($1::bigint[])`, [int8Array(pairRows)]);
    if (r.rows.length !== pairRows.length) return false;
    for (const row of r.rows) {
      sizes.set(row.id, (deserialize(row.summary) as SourceSummary).shingles.length);
      groupOfOld.set(row.id, row.group_id);
    }
  }
  // Older owners of a shingle pushed past eight lose a shared shingle: harmless unless they were grouped.
  for (const old of pushedPast) if (new Set(old.map((r) => groupOfOld.get(r))).size < old.length) return false;
  const node = (row: string) => (sourceByRow.has(row) ? `s${row}` : `g${groupOfOld.get(row)}`);
  const parent = new Map<string, string>();
  const find = (x: string): string => {
    while (parent.has(x) && parent.get(x) !== x) x = parent.get(x)!;
    return x;
  };
  for (const [a, b, n] of candidates) {
    const smaller = Math.min(sizes.get(a)!, sizes.get(b)!);
    if (smaller < MIN_SHINGLES || n / smaller < NEAR_DUPLICATE) continue;
    const [ra, rb] = [find(node(a)), find(node(b))];
    if (ra !== rb) parent.set(ra, rb);
    if (!parent.has(rb)) parent.set(rb, rb);
  }
  // Each component's group is its smallest display id's: a queued source's or an older group's representative's.
  const groupOf = new Map(sources.map((s) => [rowOf.get(s)!, rowOf.get(s)!]));
  const regroup = new Map<string, string>();
  const components = new Map<string, string[]>();
  for (const x of parent.keys()) components.get(find(x))?.push(x) ?? components.set(find(x), [x]);
  const oldGroups = [...new Set([...components.values()].flat().filter((x) => x.startsWith('g')).map((x) => x.slice(1)))];
  const displayOfGroup = new Map<string, string>();
  if (oldGroups.length) {
    for (const row of (await c.query(`SELECT id, source_id FROM sources WHERE id = ANY($1::bigint[])`, [int8Array(oldGroups)])).rows) displayOfGroup.set(row.id, row.source_id);
  }
  for (const members of components.values()) {
    const display = members.map((x) => (x.startsWith('s') ? sourceByRow.get(x.slice(1))!.id : displayOfGroup.get(x.slice(1))));
    if (display.some((d) => d === undefined) || new Set(display).size < display.length) return false;
    const first = members[display.indexOf([...display].sort((a, b) => (a! < b! ? -1 : a! > b! ? 1 : 0))[0])];
    const group = first.slice(1);
    for (const x of members) {
      if (x.startsWith('s')) groupOf.set(x.slice(1), group);
      else if (x.slice(1) !== group) regroup.set(x.slice(1), group);
    }
  }

  // --- Writes of names and groups (the records below read the names as now written).
  const ids = sources.map((s) => rowOf.get(s)!);
  await c.query({
    name: 'cl-final-summaries',
    text: WRITE_SUMMARIES,
    values: [int8Array(ids), byteaArray(sources.map((s) => (resolved.has(s) ? canonicalBytes(s.summary) : null))), int8Array(ids.map((id) => groupOf.get(id)!))],
  });
  if (renamedOlder.length) {
    await c.query(`UPDATE summaries SET summary = x.s FROM unnest($1::bigint[], $2::bytea[]) AS x(id, s) WHERE source = x.id`, [
      int8Array(renamedOlder.map((o) => o.row)),
      byteaArray(renamedOlder.map((o) => o.summary)),
    ]);
  }
  for (const [from, to] of regroup) await c.query(`UPDATE summaries SET group_id = $2 WHERE group_id = $1`, [from, to]);
  const rowOfOlder = new Map(renamedOlder.map((o) => [o.source, o.row]));
  await writeNames(c, [...resolved, ...renamedOlder.map((o) => o.source)], (s) => rowOf.get(s) ?? rowOfOlder.get(s)!);
  const firstTitles = after.all().filter((p) => newlyTitled.includes(p.name));
  await c.query(`INSERT INTO people (name, surname, title) SELECT * FROM unnest($1::text[], $2::text[], $3::text[])`, [
    textArray(firstTitles.map((p) => p.name)),
    textArray(firstTitles.map((p) => surnameKey(p.name))),
    textArray(firstTitles.map((p) => p.titles[0])),
  ]);

  // --- Person records: the stored ones of the people the new sources name, extended with them; those an older
  // source names otherwise now, rebuilt from the sources naming them.
  const named = [...new Set(sources.flatMap((s) => namesIn(s.summary)))].filter((n) => !rebuild.has(n));
  const records = new PersonRecords();
  const storedBytes = new Map<string, Buffer>();
  for (const row of (await c.query(`SELECT name, record FROM persons WHERE name = ANY($1::text[])`, [textArray([...named, ...rebuild])])).rows) {
    storedBytes.set(row.name, row.record);
    if (!rebuild.has(row.name)) records.resume(row.name, deserialize(row.record) as StoredPerson);
  }
  for (const s of sources) records.add(s, Number(rowOf.get(s)));
  const rebuilt = await rebuildRecords(c, [...rebuild]);
  const changed: Changed[] = [];
  for (const [name, record] of [...[...records.records()].filter(([n]) => !rebuild.has(n)), ...rebuilt]) {
    const bytes = canonicalBytes(record);
    if (!storedBytes.get(name)?.equals(bytes)) changed.push([name, bytes, record]);
  }
  const gone = [...rebuild].filter((n) => !rebuilt.has(n) && storedBytes.has(n));
  if (gone.length) await c.query('DELETE FROM persons WHERE name = ANY($1::text[])', [textArray(gone)]);
  await writePersons(c, changed);
  await c.query(`DELETE FROM finalize_queue WHERE source = ANY($1::bigint[])`, [int8Array(ids)]);
  await c.query(`UPDATE archive_stats SET finalized_through = $1, finalized_sources = finalized_sources + $2, people_version = people_version + 1`, [ids[ids.length - 1], ids.length]);
  return true;
}

/** Rewrites the mentions and quote speakers of sources whose names the archive resolved differently from their own analysis. */
async function writeNames<S extends Source>(client: pg.PoolClient, renamed: S[], rowOf: (s: S) => string): Promise<void> {
  if (!renamed.length) return;
  const m = { source: [] as string[], ord: [] as number[], name: [] as string[], title: [] as (string | null)[], bare: [] as boolean[] };
  const speakers = { source: [] as string[], name: [] as string[] };
  for (const s of renamed) {
    for (const [i, o] of s.summary.officials.entries()) {
      m.source.push(rowOf(s));
      m.ord.push(i);
      m.name.push(o.name);
      m.title.push(o.title ?? null);
      m.bare.push(o.form === 'bare');
    }
    for (const name of speakersOf(s.summary)) {
      speakers.source.push(rowOf(s));
      speakers.name.push(name);
    }
  }
  const ids = int8Array(renamed.map(rowOf));
  await client.query('DELETE FROM mentions WHERE source = ANY($1::bigint[])', [ids]);
  await client.query('INSERT INTO mentions (source, ord, name, title, bare) SELECT * FROM unnest($1::bigint[], $2::int[], $3::text[], $4::text[], $5::boolean[])', [
    int8Array(m.source),
    int4Array(m.ord),
    textArray(m.name),
    textArray(m.title),
    boolArray(m.bare),
  ]);
  await client.query('DELETE FROM speakers WHERE source = ANY($1::bigint[])', [ids]);
  await client.query('INSERT INTO speakers (source, name) SELECT * FROM unnest($1::bigint[], $2::text[])', [int8Array(speakers.source), textArray(speakers.name)]);
}

/**
 * The records of these people rebuilt from the sources naming them (by the
 * mentions and speakers as now written), read in archive order until each
 * record holds PERSON_SOURCES sources.
 */
async function rebuildRecords(c: pg.PoolClient, names: string[]): Promise<Map<string, StoredPerson>> {
  const out = new Map<string, StoredPerson>();
  if (!names.length) return out;
  const naming = new Map<string, string[]>();
  const r = await c.query(`SELECT name, source FROM mentions WHERE name = ANY($1::text[]) UNION SELECT name, source FROM speakers WHERE name = ANY($1::text[]) ORDER BY 1, 2`, [textArray(names)]);
  for (const row of r.rows) naming.get(row.name)?.push(row.source) ?? naming.set(row.name, [row.source]);
  const read = new Map<string, NamingSource>();
  for (const [name, rows] of naming) {
    const records = new PersonRecords();
    for (let i = 0; i < rows.length && !records.full(name); i += PERSON_SOURCES) {
      const chunk = rows.slice(i, i + PERSON_SOURCES);
      const missing = chunk.filter((id) => !read.has(id));
      if (missing.length) {
        const got = await c.query(`SELECT s.id, s.source_id, coalesce(g.summary, s.summary) AS summary FROM sources s LEFT JOIN summaries g ON g.source = s.id WHERE s.id = ANY($1::bigint[])`, [int8Array(missing)]);
        for (const row of got.rows) read.set(row.id, { id: row.source_id, summary: deserialize(row.summary) as SourceSummary });
      }
      for (const id of chunk) {
        if (records.full(name)) break;
        records.add(read.get(id)!, Number(id));
      }
    }
    const record = records.records().get(name);
    if (record) out.set(name, record);
  }
  return out;
}

/** A person's record to write: its name, its bytes, and the record (whose titles are written beside it). */
type Changed = [string, Buffer, StoredPerson];

/** Writes the changed records with their titles, then the titles of records stored before that column (fillTitles). */
async function writePersons(client: pg.PoolClient, changed: Changed[]): Promise<void> {
  for (let i = 0; i < changed.length; i += PAGE) {
    const page = changed.slice(i, i + PAGE);
    await client.query(
      `INSERT INTO persons (name, record, titles) SELECT * FROM unnest($1::text[], $2::bytea[], $3::bytea[]) ON CONFLICT (name) DO UPDATE SET record = excluded.record, titles = excluded.titles`,
      [textArray(page.map(([n]) => n)), byteaArray(page.map(([, b]) => b)), byteaArray(page.map(([, , r]) => canonicalBytes(r.titles)))],
    );
  }
  await fillTitles(client);
}

/**
 * The titles of records stored before the persons.titles column (NULL
 * there): taken from the records once, a page at a time, so an archive
 * from before reads titles alone after its next finalize, whichever way it
 * goes. Afterwards a scan of the persons table that finds none.
 */
async function fillTitles(client: pg.PoolClient): Promise<void> {
  for (;;) {
    const r = await client.query<{ name: string; record: Buffer }>(`SELECT name, record FROM persons WHERE titles IS NULL LIMIT ${PAGE / 5}`);
    if (!r.rows.length) return;
    await client.query(`UPDATE persons SET titles = x.t FROM unnest($1::text[], $2::bytea[]) AS x(n, t) WHERE name = x.n`, [
      textArray(r.rows.map((row) => row.name)),
      byteaArray(r.rows.map((row) => canonicalBytes((deserialize(row.record) as StoredPerson).titles))),
    ]);
  }
}

async function finalizeWhole(pool: pg.Pool): Promise<void> {
  const state = await storedState(pool);
  // Rows of sources gone (removed, replaced, or deleted by hand) are still in the per-source inputs.
  const removals = state.finalize_whole || Number(state.sources) !== Number(state.finalized_sources) + Number((await pool.query('SELECT count(*) AS n FROM finalize_queue')).rows[0].n);
  const sources: Source[] = [];
  const rowIds = new Map<Source, string>();
  const sidecarOf = new Map<Source, SourceMeta>();
  // An archive ingested before the per-source inputs existed: they are filled from what is read here.
  const fill = { pendingSource: [] as string[], pendingText: [] as string[], shingleHash: [] as number[], shingleSource: [] as string[] };
  const owned = new Map<number, number>();
  // In the order the sources were listed, as the in-memory corpus meets them.
  for (let after = '0'; ; ) {
    const r = await pool.query<Row>({
      name: 'cl-final-page',
      text: 'SELECT id, locator, source_id, folder, size, mtime_ms, summary, metadata FROM sources WHERE id > $1 ORDER BY id LIMIT $2',
      values: [after, PAGE],
    });
    for (const row of r.rows) {
      const s = sourceOf(row);
      if (row.metadata && Object.keys(row.metadata).length) sidecarOf.set(s, row.metadata as SourceMeta);
      sources.push(s);
      rowIds.set(s, row.id);
      if (!state.inputs_complete) {
        for (const text of new Set(s.summary.pending.map((p) => p.text))) {
          fill.pendingSource.push(row.id);
          fill.pendingText.push(text);
        }
        // Only a hash's first nine owners are kept, as ingest keeps them.
        for (const h of shingleKeys(s.summary.shingles)) {
          const n = owned.get(h) ?? 0;
          if (n > MAX_OWNERS) continue;
          owned.set(h, n + 1);
          fill.shingleHash.push(h);
          fill.shingleSource.push(row.id);
        }
      }
    }
    if (r.rows.length < PAGE) break;
    after = r.rows[r.rows.length - 1].id;
  }

  // The people index, then each source's bare names resolved against it (Corpus.reindexPeople).
  const people = new PeopleIndex();
  for (const s of sources) for (const [name, title] of peopleInput(s.summary)) people.add(name, title);
  const resolved = new Set(sources.filter((s) => resolveSource(s, people)));

  // Independence: declared copies are compared with their originals as wholes, so their bodies are read.
  const outlets = new Set(sources.map((s) => copiedOutlet(s)).filter((d): d is string => Boolean(d)));
  const texts = new Map<string, string>();
  if (outlets.size) {
    const r = await pool.query('SELECT id, body FROM sources');
    for (const row of r.rows) texts.set(row.id, (deserialize(row.body) as { text: string }).text);
  }
  const withText = sources.map((s) => (texts.has(rowIds.get(s)!) ? textSource(s, texts.get(rowIds.get(s)!)!, sidecarOf.get(s)) : s));
  const idf = outlets.size ? await passageIdf(pool) : new Idf();
  const vectors = new Map<Source, Map<string, number>>();
  const vectorOf = (s: Source) => vectors.get(s) ?? vectors.set(s, vector(termsOf(s.text), idf)).get(s)!;
  const groups = new Independence(withText, (a, b) => cosine(vectorOf(a), vectorOf(b)));
  // Only rows whose content changed are written (compared by digest): a small ingest into a large
  // archive rewrites its own sources' rows and the records of the people they name, not every row.
  await transaction(pool, async (client) => {
    await client.query(`SELECT pg_advisory_xact_lock(hashtext('claimlens finalize'))`);
    const before = new Map<string, { group: string; digest: string | null }>();
    for (const row of (await client.query(`SELECT source, group_id, encode(sha256(summary), 'hex') AS digest FROM summaries`)).rows) before.set(row.source, { group: row.group_id, digest: row.digest });
    const ids: string[] = [];
    const summaries: (Buffer | null)[] = [];
    const group: string[] = [];
    const renamed: Source[] = [];
    const rowOf = new Map(withText.map((s, i) => [s, rowIds.get(sources[i])!]));
    withText.forEach((s, i) => {
      const id = rowOf.get(s)!;
      const summary = resolved.has(sources[i]) ? canonicalBytes(sources[i].summary) : null;
      const g = rowOf.get(groups.groupOf(s))!;
      const old = before.get(id);
      const digest = summary && digestOf(summary);
      // The people index reads mentions by the names the whole archive resolved: rewritten when those changed.
      if (old ? old.digest !== digest : summary) renamed.push(sources[i]);
      if (old && old.group === g && old.digest === digest) return;
      ids.push(id);
      summaries.push(summary);
      group.push(g);
    });
    for (let i = 0; i < ids.length; i += PAGE) {
      await client.query({
        name: 'cl-final-summaries',
        text: WRITE_SUMMARIES,
        values: [int8Array(ids.slice(i, i + PAGE)), byteaArray(summaries.slice(i, i + PAGE)), int8Array(group.slice(i, i + PAGE))],
      });
    }
    await writeNames(client, renamed, (s) => rowIds.get(s)!);
    // Every record from the names as now resolved (a new source can add to anyone's); only the changed ones are written.
    const persons = storedPersons(sources, (s) => rowIds.get(s as Source)!);
    const stored = new Map<string, string>();
    for (const row of (await client.query(`SELECT name, encode(sha256(record), 'hex') AS digest FROM persons`)).rows) stored.set(row.name, row.digest);
    const gone = [...stored.keys()].filter((n) => !persons.has(n));
    if (gone.length) await client.query('DELETE FROM persons WHERE name = ANY($1::text[])', [textArray(gone)]);
    const changed: Changed[] = [];
    for (const [name, record] of persons) {
      const bytes = canonicalBytes(record);
      if (stored.get(name) !== digestOf(bytes)) changed.push([name, bytes, record]);
    }
    await writePersons(client, changed);

    // What the incremental finalize reads instead of every source: the titled people, the per-source inputs, the queue.
    await writePeople(client, people);
    const read = int8Array(sources.map((s) => rowIds.get(s)!));
    if (!state.inputs_complete) {
      await client.query(`DELETE FROM pending_names WHERE source IN (SELECT unnest($1::bigint[]))`, [read]);
      await client.query(`DELETE FROM shingles WHERE source IN (SELECT unnest($1::bigint[]))`, [read]);
      for (let i = 0; i < fill.pendingSource.length; i += PAGE * 10) {
        await client.query(`INSERT INTO pending_names (source, text) SELECT * FROM unnest($1::bigint[], $2::text[])`, [int8Array(fill.pendingSource.slice(i, i + PAGE * 10)), textArray(fill.pendingText.slice(i, i + PAGE * 10))]);
      }
      const speakers = sources.flatMap((s) => speakersOf(s.summary).map((name) => [rowIds.get(s)!, name]));
      await client.query(`DELETE FROM speakers WHERE source IN (SELECT unnest($1::bigint[]))`, [read]);
      for (let i = 0; i < speakers.length; i += PAGE * 10) {
        const page = speakers.slice(i, i + PAGE * 10);
        await client.query(`INSERT INTO speakers (source, name) SELECT * FROM unnest($1::bigint[], $2::text[])`, [int8Array(page.map(([id]) => id)), textArray(page.map(([, n]) => n))]);
      }
      for (let i = 0; i < fill.shingleHash.length; i += PAGE * 100) {
        await client.query(`INSERT INTO shingles (hash, source) SELECT * FROM unnest($1::int[], $2::bigint[])`, [int4Array(fill.shingleHash.slice(i, i + PAGE * 100)), int8Array(fill.shingleSource.slice(i, i + PAGE * 100))]);
      }
    }
    if (removals) {
      await client.query(`DELETE FROM pending_names p WHERE NOT EXISTS (SELECT 1 FROM sources WHERE id = p.source)`);
      // A hash keeps its first nine owners only: one that lost an owner (or whose slots a replaced source's old rows held)
      // gets its first nine again, from the sources read.
      const lost = new Set<number>((await client.query(`DELETE FROM shingles s WHERE NOT EXISTS (SELECT 1 FROM sources WHERE id = s.source) RETURNING hash`)).rows.map((r) => r.hash));
      if (lost.size && state.inputs_complete) {
        const again = new Map<number, string[]>();
        for (const s of sources) {
          for (const h of shingleKeys(s.summary.shingles)) {
            if (!lost.has(h)) continue;
            const list = again.get(h) ?? again.set(h, []).get(h)!;
            if (list.length <= MAX_OWNERS) list.push(rowIds.get(s)!);
          }
        }
        const rows = [...again].flatMap(([h, ids]) => ids.map((id) => [h, id] as const));
        for (let i = 0; i < rows.length; i += PAGE * 10) {
          const page = rows.slice(i, i + PAGE * 10);
          await client.query(`INSERT INTO shingles (hash, source) SELECT * FROM unnest($1::int[], $2::bigint[]) ON CONFLICT DO NOTHING`, [int4Array(page.map(([h]) => h)), int8Array(page.map(([, id]) => id))]);
        }
      }
      await client.query(`DELETE FROM finalize_queue q WHERE NOT EXISTS (SELECT 1 FROM sources WHERE id = q.source)`);
    }
    // Sources an ingest wrote while this one read stay queued: the next finalize sees them out of order and reads the whole archive.
    await client.query(`DELETE FROM finalize_queue WHERE source IN (SELECT unnest($1::bigint[]))`, [read]);
    const last = sources.length ? rowIds.get(sources[sources.length - 1])! : '0';
    await client.query(
      `UPDATE archive_stats SET people_version = people_version + 1, finalize_whole = false, inputs_complete = true, finalized_through = $1, finalized_sources = $2, has_copies = $3`,
      [last, sources.length, outlets.size > 0],
    );
  });
}

/** The people table: every titled name of the index with its surname and first title (only the changed rows written). */
async function writePeople(client: pg.PoolClient, people: PeopleIndex): Promise<void> {
  const want = new Map(people.all().map((p) => [p.name, p.titles[0]]));
  const have = new Map<string, string>();
  for (const row of (await client.query(`SELECT name, title FROM people`)).rows) have.set(row.name, row.title);
  const gone = [...have.keys()].filter((n) => !want.has(n));
  if (gone.length) await client.query(`DELETE FROM people WHERE name = ANY($1::text[])`, [textArray(gone)]);
  const changed = [...want].filter(([n, t]) => have.get(n) !== t);
  for (let i = 0; i < changed.length; i += PAGE) {
    const page = changed.slice(i, i + PAGE);
    await client.query(
      `INSERT INTO people (name, surname, title) SELECT * FROM unnest($1::text[], $2::text[], $3::text[]) ON CONFLICT (name) DO UPDATE SET title = excluded.title`,
      [textArray(page.map(([n]) => n)), textArray(page.map(([n]) => surnameKey(n))), textArray(page.map(([, t]) => t))],
    );
  }
}

const digestOf = (bytes: Buffer) => createHash('sha256').update(bytes).digest('hex');

/** A source whose text is at hand (for comparing declared copies). */
function textSource(s: Source, text: string, sidecar: SourceMeta | undefined): Source {
  const copy = new Source(s.id, s.path, s.folder, s.mtimeMs, s.size, s.summary, serialize({ text, format: 'plaintext', sentences: [], figures: [], passages: [] }));
  copy.sidecar = sidecar;
  return copy;
}

/** The passages' term counts, as the in-memory index's idf has them. */
async function passageIdf(pool: pg.Pool): Promise<Idf> {
  const [stats, terms] = await Promise.all([pool.query('SELECT passages FROM archive_stats'), pool.query('SELECT term, passages FROM terms WHERE passages > 0')]);
  return Idf.fromJSON({ n: Number(stats.rows[0].passages), df: terms.rows.map((r) => [r.term, r.passages]) });
}
