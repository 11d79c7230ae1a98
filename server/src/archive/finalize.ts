// After an ingest changed the archive: what depends on every source at once,
// computed the way the in-memory corpus computes it (corpus/corpus.ts) —
// bare surnames resolved against the people of the whole archive, the
// independence groups (declared copies and near-duplicates) and the person
// records a check reads (persons.ts). Written in one
// transaction, so readers see the old or the new answers, never half.

import { createHash } from 'node:crypto';
import { deserialize, serialize } from 'node:v8';
import type pg from 'pg';
import { resolveNames } from '../analysis/analyze.js';
import { PeopleIndex } from '../analysis/officials.js';
import { copiedOutlet, Independence } from '../corpus/independence.js';
import { Source, type SourceSummary } from '../corpus/source.js';
import { cosine, Idf, termsOf, vector } from '../corpus/terms.js';
import { boolArray, byteaArray, int4Array, int8Array, textArray } from './binaryArray.js';
import { transaction } from './db.js';
import { storedPersons } from './persons.js';
import type { SourceRow } from './store.js';
import type { SourceMeta } from '../corpus/metadata.js';

const PAGE = 5000;

export async function finalize(pool: pg.Pool): Promise<void> {
  const sources: Source[] = [];
  const rowIds = new Map<Source, string>();
  const sidecarOf = new Map<Source, SourceMeta>();
  // In the order the sources were listed, as the in-memory corpus meets them.
  for (let after = '0'; ; ) {
    const r = await pool.query<Omit<SourceRow, 'body' | 'group_id'>>({
      name: 'cl-final-page',
      text: 'SELECT id, locator, source_id, folder, size, mtime_ms, summary, metadata FROM sources WHERE id > $1 ORDER BY id LIMIT $2',
      values: [after, PAGE],
    });
    for (const row of r.rows) {
      const s = new Source(row.source_id, row.locator, row.folder, row.mtime_ms, row.size, deserialize(row.summary) as SourceSummary, new Uint8Array(0));
      if (row.metadata && Object.keys(row.metadata).length) sidecarOf.set(s, (s.sidecar = row.metadata as SourceMeta));
      sources.push(s);
      rowIds.set(s, row.id);
    }
    if (r.rows.length < PAGE) break;
    after = r.rows[r.rows.length - 1].id;
  }

  // The people index, then each source's bare names resolved against it (Corpus.reindexPeople).
  const people = new PeopleIndex();
  for (const s of sources) for (const o of s.summary.officials) if (o.form !== 'bare' && o.name.includes(' ')) people.add(o.name, o.title);
  const resolved = new Set<Source>();
  for (const s of sources) {
    const named = resolveNames({ ...s.summary, claims: [] }, people);
    if (named.officials === s.summary.officials) continue;
    s.summary = { ...s.summary, officials: named.officials, quotes: named.quotes, pending: named.pending };
    resolved.add(s);
  }

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
    const before = new Map<string, { group: string; digest: string | null }>();
    for (const row of (await client.query(`SELECT source, group_id, encode(sha256(summary), 'hex') AS digest FROM summaries`)).rows) before.set(row.source, { group: row.group_id, digest: row.digest });
    const ids: string[] = [];
    const summaries: (Buffer | null)[] = [];
    const group: string[] = [];
    const renamed: Source[] = [];
    const rowOf = new Map(withText.map((s, i) => [s, rowIds.get(sources[i])!]));
    withText.forEach((s, i) => {
      const id = rowOf.get(s)!;
      const summary = resolved.has(sources[i]) ? serialize(sources[i].summary) : null;
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
        text: `INSERT INTO summaries (source, summary, group_id) SELECT * FROM unnest($1::bigint[], $2::bytea[], $3::bigint[])
               ON CONFLICT (source) DO UPDATE SET summary = excluded.summary, group_id = excluded.group_id`,
        values: [int8Array(ids.slice(i, i + PAGE)), byteaArray(summaries.slice(i, i + PAGE)), int8Array(group.slice(i, i + PAGE))],
      });
    }
    if (renamed.length) {
      const m = { source: [] as string[], ord: [] as number[], name: [] as string[], title: [] as (string | null)[], bare: [] as boolean[] };
      for (const s of renamed) {
        for (const [i, o] of s.summary.officials.entries()) {
          m.source.push(rowIds.get(s)!);
          m.ord.push(i);
          m.name.push(o.name);
          m.title.push(o.title ?? null);
          m.bare.push(o.form === 'bare');
        }
      }
      await client.query('DELETE FROM mentions WHERE source = ANY($1::bigint[])', [int8Array(renamed.map((s) => rowIds.get(s)!))]);
      await client.query('INSERT INTO mentions (source, ord, name, title, bare) SELECT * FROM unnest($1::bigint[], $2::int[], $3::text[], $4::text[], $5::boolean[])', [
        int8Array(m.source),
        int4Array(m.ord),
        textArray(m.name),
        textArray(m.title),
        boolArray(m.bare),
      ]);
    }
    // Every record from the names as now resolved (a new source can add to anyone's); only the changed ones are written.
    const persons = storedPersons(sources, (s) => rowIds.get(s)!);
    const stored = new Map<string, string>();
    for (const row of (await client.query(`SELECT name, encode(sha256(record), 'hex') AS digest FROM persons`)).rows) stored.set(row.name, row.digest);
    const gone = [...stored.keys()].filter((n) => !persons.has(n));
    if (gone.length) await client.query('DELETE FROM persons WHERE name = ANY($1::text[])', [textArray(gone)]);
    const changed: [string, Buffer][] = [];
    for (const [name, record] of persons) {
      const bytes = serialize(record);
      if (stored.get(name) !== digestOf(bytes)) changed.push([name, bytes]);
    }
    for (let i = 0; i < changed.length; i += PAGE) {
      const page = changed.slice(i, i + PAGE);
      await client.query(
        `INSERT INTO persons (name, record) SELECT * FROM unnest($1::text[], $2::bytea[]) ON CONFLICT (name) DO UPDATE SET record = excluded.record`,
        [textArray(page.map(([n]) => n)), byteaArray(page.map(([, b]) => b))],
      );
    }
    await client.query('UPDATE archive_stats SET people_version = people_version + 1');
  });
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
