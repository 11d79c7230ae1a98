// `claimlens archive ingest`: source folders into the shared archive. Each
// file is analysed exactly as the in-memory corpus analyses it (corpus/
// prepare.ts, on worker threads when there are many), and written in
// batches, one transaction each: a stopped ingest leaves whole batches, and
// running it again picks up where it stopped. A file whose content hash is
// already in the archive at the same place is skipped; a changed file
// replaces its row; a file gone from an ingested folder is removed.

import { createHash } from 'node:crypto';
import { readFileSync } from 'node:fs';
import { serialize } from 'node:v8';
import type pg from 'pg';
import { Corpus, DEFAULT_MAX_FILE_SIZE, type CorpusProblem, type SourceRoot } from '../corpus/corpus.js';
import { decodeText, READ_FAILURE_MESSAGES, tooLargeMessage, type ReadFailure } from '../corpus/files.js';
import { Sidecars } from '../corpus/metadataSidecar.js';
import { docLength } from '../corpus/passages.js';
import { prepare, type Prepared, type PrepareResult } from '../corpus/prepare.js';
import { WORKERS_FROM } from '../corpus/workerPool.js';
import { prepareBounded } from './analysers.js';
import { boolArray, byteaArray, float8Array, int4Array, int8Array, textArray } from './binaryArray.js';
import { archiveMessage, transaction } from './db.js';
import { briefOf, ensureSchema } from './schema.js';
import { MAX_OWNERS } from '../corpus/independence.js';
import { finalize, finalizeDue, shingleKeys, speakersOf, type FinalizeMode } from './finalize.js';
import { batchLists, COUNT_TERMS, removeFromShortest, SHORTEST, truncate } from './shortest.js';

export interface IngestOptions {
  maxFileSize?: number;
  /** The bundled indexing worker (dist/indexer.js): many files are analysed on worker threads. */
  workerScript?: string;
  /** Sources per transaction. */
  batchSize?: number;
  onProgress?: (done: number, total: number) => void;
  /** How many of each term's shortest sources its list holds (shortest.ts; tests make it small). */
  shortest?: number;
}

export interface IngestStats {
  /** Source files found in the folders. */
  listed: number;
  added: number;
  updated: number;
  unchanged: number;
  removed: number;
  /** Folders and files that could not be read. */
  problems: CorpusProblem[];
  /** How long the whole-archive step after the batches took (finalize.ts; 0 when nothing changed). */
  finalizeMs: number;
  /** Whether finalize read the whole archive or only the sources added since it last ran (undefined when it did not run). */
  finalize?: FinalizeMode;
}

interface Todo {
  folder: string;
  path: string;
  contentHash: Buffer;
  textHash: Buffer;
}

const sha256 = (data: Uint8Array | string) => createHash('sha256').update(data).digest();

export async function ingest(pool: pg.Pool, url: string, folders: (string | SourceRoot)[], options: IngestOptions = {}): Promise<IngestStats> {
  const maxFileSize = options.maxFileSize ?? DEFAULT_MAX_FILE_SIZE;
  try {
    await ensureSchema(pool, url);
    // The walk limits keep an editor from reading a home folder by mistake; an archive's folders are meant to hold millions.
    const lister = new Corpus({ maxFileSize, walkLimits: { maxFiles: Infinity, maxEntries: Infinity } });
    const files = lister.listFiles(folders);
    const stats: IngestStats = { listed: files.length, added: 0, updated: 0, unchanged: 0, removed: 0, problems: [...lister.problems], finalizeMs: 0 };
    const skip = (path: string, reason: string) => stats.problems.push({ path, message: `Skipped source ${path}: ${reason}`, severity: 'info' });

    const known = await knownHashes(pool, files.map(([, p]) => p));
    const todo: Todo[] = [];
    for (const [folder, path] of files) {
      let bytes: Buffer;
      try {
        bytes = readFileSync(path);
      } catch (e) {
        skip(path, READ_FAILURE_MESSAGES.unreadable);
        continue;
      }
      if (bytes.length > maxFileSize) {
        skip(path, tooLargeMessage('--max-file-size', maxFileSize));
        continue;
      }
      const contentHash = sha256(bytes);
      if (known.get(path)?.equals(contentHash)) {
        stats.unchanged++;
        continue;
      }
      const decoded = decodeText(bytes);
      if (!decoded.ok) {
        skip(path, READ_FAILURE_MESSAGES[decoded.reason]);
        continue;
      }
      todo.push({ folder, path, contentHash, textHash: sha256(decoded.text) });
    }

    // What the folders' metadata sidecars say of each source, kept beside it (a sidecar can change while the file does not).
    const sidecars = new Sidecars();
    const meta = new Map(files.map(([folder, path]) => [path, JSON.stringify(sidecars.lookup(folder, path) ?? {})]));
    for (const p of sidecars.problems) stats.problems.push({ ...p, severity: 'warning' });

    // Sources of these roots whose files are gone.
    const listed = new Set(files.map(([, p]) => p));
    const gone = (await sourcesUnder(pool, lister.rootList.map((r) => r.folder))).filter((s) => !listed.has(s.locator) && lister.owns(s.locator));
    if (gone.length) {
      await transaction(pool, (c) => removeSources(c, gone.map((s) => s.id)));
      stats.removed = gone.length;
    }

    const byPath = new Map(todo.map((t) => [t.path, t]));
    const batchSize = options.batchSize ?? 200;
    let batch: Prepared[] = [];
    let done = stats.unchanged;
    const total = files.length;
    options.onProgress?.(done, total);
    let writing = Promise.resolve();
    // Batches flushed and not yet written, and the first write that failed.
    let queued = 0;
    let failure: { error: unknown } | undefined;
    const waiting: (() => void)[] = [];
    const flush = () => {
      const rows = batch;
      batch = [];
      queued++;
      // Batches are written one after another, while the next one is analysed.
      writing = writing.then(async () => {
        // After a failed batch nothing more is written: the next run resumes from the whole batches.
        if (failure) return;
        try {
          const counts = await transaction(pool, (c) => writeBatch(c, rows, byPath, known, meta, options.shortest));
          stats.added += counts.added;
          stats.updated += counts.updated;
          done += rows.length;
          options.onProgress?.(done, total);
        } catch (e) {
          failure ??= { error: e };
        } finally {
          queued--;
          for (const wake of waiting.splice(0)) wake();
        }
      });
    };
    // The analysis waits while two batches wait for the database, and stops once a batch failed.
    const ready = async () => {
      while (queued >= 2 && !failure) await new Promise<void>((resolve) => waiting.push(resolve));
      if (failure) throw failure.error;
    };
    const accept = (r: PrepareResult) => {
      if (!r.ok) {
        const reason = r.reason === 'too-large' ? tooLargeMessage('--max-file-size', maxFileSize) : READ_FAILURE_MESSAGES[r.reason as ReadFailure] ?? r.reason;
        if (r.reason !== 'missing') skip(r.path, reason);
        return;
      }
      batch.push(r.prepared);
      if (batch.length >= batchSize) flush();
    };
    const pairs = todo.map((t): [string, string] => [t.folder, t.path]);
    try {
      if (options.workerScript && pairs.length >= WORKERS_FROM) await prepareBounded(options.workerScript, pairs, maxFileSize, accept, ready);
      else {
        for (const [folder, path] of pairs) {
          accept(prepare(folder, path, maxFileSize));
          // Let finished batches reach the database while this thread analyses.
          if (batch.length === 0) await ready();
        }
      }
      if (batch.length) flush();
    } finally {
      // Whatever stopped the analysis, the batches already queued are written (or skipped) before ingest returns.
      await writing;
    }
    if (failure) throw failure.error;
    // New and changed sources were written with theirs; the unchanged ones may have a changed sidecar.
    const kept = files.filter(([, p]) => !byPath.has(p)).map(([, p]): [string, string] => [p, meta.get(p)!]);
    let relabelled = 0;
    for (let i = 0; i < kept.length; i += 5000) {
      const part = kept.slice(i, i + 5000);
      relabelled += await transaction(pool, async (c) => {
        const r = await c.query({
          name: 'cl-metadata',
          text: `UPDATE sources SET metadata = x.m::jsonb FROM unnest($1::text[], $2::text[]) AS x(l, m) WHERE locator = x.l AND metadata IS DISTINCT FROM x.m::jsonb`,
          values: [textArray(part.map(([p]) => p)), textArray(part.map(([, m]) => m))],
        });
        // Metadata says which sources are copies of which outlet: the groups depend on it, anywhere in the archive.
        if (r.rowCount) await c.query(`UPDATE archive_stats SET finalize_whole = true`);
        return r.rowCount ?? 0;
      });
    }
    // Also when an earlier ingest stopped between its batches and its finalize: the queue is still there.
    if (stats.added || stats.updated || stats.removed || relabelled || (await finalizeDue(pool))) {
      const started = performance.now();
      stats.finalize = await finalize(pool);
      stats.finalizeMs = performance.now() - started;
    }
    return stats;
  } catch (e) {
    throw archiveMessage(e, url);
  }
}

async function knownHashes(pool: pg.Pool, paths: string[]): Promise<Map<string, Buffer>> {
  const out = new Map<string, Buffer>();
  for (let i = 0; i < paths.length; i += 5000) {
    const r = await pool.query({ name: 'cl-known', text: 'SELECT locator, content_hash FROM sources WHERE locator = ANY($1::text[])', values: [paths.slice(i, i + 5000)] });
    for (const row of r.rows) out.set(row.locator, row.content_hash);
  }
  return out;
}

async function sourcesUnder(pool: pg.Pool, folders: readonly string[]): Promise<{ id: string; locator: string }[]> {
  if (!folders.length) return [];
  const prefixes = folders.map((f) => `${f.replace(/[\\%_]/g, '\\$&')}/%`);
  const r = await pool.query({ name: 'cl-under', text: 'SELECT id, locator FROM sources WHERE locator LIKE ANY($1::text[])', values: [prefixes] });
  return r.rows;
}

/** Takes sources out, with their share of the term counts and totals. */
async function removeSources(c: pg.PoolClient, ids: string[]): Promise<void> {
  if (!ids.length) return;
  await c.query(
    `UPDATE terms SET passages = terms.passages - d.n
       FROM (SELECT t, count(*)::int AS n FROM passages, unnest(tsvector_to_array(terms)) AS t WHERE source = ANY($1::bigint[]) GROUP BY t) d
      WHERE terms.term = d.t`,
    [ids],
  );
  await c.query(
    `UPDATE terms SET sources = terms.sources - d.n
       FROM (SELECT t, count(*)::int AS n FROM sources, unnest(tsvector_to_array(doc_terms)) AS t WHERE id = ANY($1::bigint[]) GROUP BY t) d
      WHERE terms.term = d.t`,
    [ids],
  );
  await c.query(
    `UPDATE archive_stats SET sources = archive_stats.sources - x.s, doc_length = archive_stats.doc_length - x.l,
            passages = archive_stats.passages - (SELECT count(*) FROM passages WHERE source = ANY($1::bigint[]))
       FROM (SELECT count(*) AS s, coalesce(sum(doc_length), 0) AS l FROM sources WHERE id = ANY($1::bigint[])) x`,
    [ids],
  );
  await removeFromShortest(c, ids);
  await c.query(`DELETE FROM terms WHERE passages <= 0 AND sources <= 0`);
  await c.query(`DELETE FROM sources WHERE id = ANY($1::bigint[])`, [ids]);
  // A source gone can unresolve names and split groups anywhere: the next finalize reads the whole archive.
  await c.query(`UPDATE archive_stats SET finalize_whole = true`);
}

async function writeBatch(c: pg.PoolClient, rows: Prepared[], todo: Map<string, Todo>, known: Map<string, Buffer>, meta: Map<string, string>, shortest?: number): Promise<{ added: number; updated: number }> {
  // One batch at a time writes, so row ids are given in commit order: finalize's queue and the first owners of a shingle rely on it.
  await c.query(`SELECT pg_advisory_xact_lock(hashtext('claimlens ingest batch'))`);
  const replaced = rows.filter((r) => known.has(r.path)).map((r) => r.path);
  if (replaced.length) {
    const ids = await c.query('SELECT id FROM sources WHERE locator = ANY($1::text[])', [replaced]);
    await removeSources(c, ids.rows.map((r) => r.id));
  }
  const passage = { source: [] as string[], sentence: [] as number[], start: [] as number[], end: [] as number[], terms: [] as string[] };
  const mention = { source: [] as string[], ord: [] as number[], name: [] as string[], title: [] as (string | null)[], bare: [] as boolean[] };
  const termCounts = new Map<string, [number, number]>();
  let passages = 0;
  let length = 0;
  // Every source of the batch in one statement, in listing order (row ids are the archive's order).
  const src = { locator: [] as string[], id: [] as string[], folder: [] as string[], content: [] as Buffer[], text: [] as Buffer[], size: [] as number[], mtime: [] as number[], summary: [] as Buffer[], brief: [] as Buffer[], body: [] as Buffer[], doc: [] as string[], length: [] as number[], meta: [] as string[] };
  for (const r of rows) {
    const t = todo.get(r.path)!;
    src.locator.push(r.path);
    src.id.push(r.id);
    src.folder.push(r.folder);
    src.content.push(t.contentHash);
    src.text.push(t.textHash);
    src.size.push(r.size);
    src.mtime.push(r.mtimeMs);
    src.summary.push(serialize(r.summary));
    src.brief.push(serialize(briefOf(r.summary)));
    src.body.push(Buffer.from(r.blob.buffer, r.blob.byteOffset, r.blob.byteLength));
    src.doc.push(r.index.doc ?? '');
    src.length.push(docLength(r.index.doc));
    length += src.length[src.length.length - 1];
    src.meta.push(meta.get(r.path) ?? '{}');
  }
  const inserted = rows.length
    ? await c.query<{ id: string; locator: string }>({
        name: 'cl-insert-sources',
        text: `INSERT INTO sources (locator, source_id, folder, content_hash, text_hash, size, mtime_ms, summary, body, doc_terms, doc_length, metadata, brief)
               SELECT l, i, f, ch, th, sz, mt, su, bo, array_to_tsvector(string_to_array(d, ' ')), dl, me::jsonb, br
                 FROM unnest($1::text[], $2::text[], $3::text[], $4::bytea[], $5::bytea[], $6::int[], $7::float8[], $8::bytea[], $9::bytea[], $10::text[], $11::int[], $12::text[], $13::bytea[])
                      WITH ORDINALITY AS x(l, i, f, ch, th, sz, mt, su, bo, d, dl, me, br, n)
                ORDER BY n
               RETURNING id, locator`,
        values: [textArray(src.locator), textArray(src.id), textArray(src.folder), byteaArray(src.content), byteaArray(src.text), int4Array(src.size), float8Array(src.mtime), byteaArray(src.summary), byteaArray(src.body), textArray(src.doc), int4Array(src.length), textArray(src.meta), byteaArray(src.brief)],
      })
    : { rows: [] };
  const idOf = new Map(inserted.rows.map((row) => [row.locator, row.id]));
  // Each source's terms, with its row id and length, for the terms' lists.
  const listed: { id: string; terms: string[]; length: number }[] = [];
  for (const [k, r] of rows.entries()) {
    const id = idOf.get(r.path)!;
    const docTerms = r.index.doc ? r.index.doc.split(' ') : [];
    listed.push({ id, terms: docTerms, length: src.length[k] });
    for (const term of docTerms) count(termCounts, term, 1);
    const body = r.index.passages;
    body.forEach((terms, i) => {
      const [sentence, start, end] = r.index.spans[i];
      passage.source.push(id);
      passage.sentence.push(sentence);
      passage.start.push(start);
      passage.end.push(end);
      passage.terms.push(terms);
      for (const term of terms ? terms.split(' ') : []) count(termCounts, term, 0);
    });
    passages += body.length;
    for (const [i, o] of r.summary.officials.entries()) {
      mention.source.push(id);
      mention.ord.push(i);
      mention.name.push(o.name);
      mention.title.push(o.title ?? null);
      mention.bare.push(o.form === 'bare');
    }
  }
  await c.query({
    name: 'cl-insert-passages',
    text: `INSERT INTO passages (source, sentence, start_offset, end_offset, terms)
           SELECT s, n, a, b, array_to_tsvector(string_to_array(t, ' ')) FROM unnest($1::bigint[], $2::int[], $3::int[], $4::int[], $5::text[]) AS x(s, n, a, b, t)`,
    values: [int8Array(passage.source), int4Array(passage.sentence), int4Array(passage.start), int4Array(passage.end), textArray(passage.terms)],
  });
  // What finalize reads of the batch's sources without reading their summaries (finalize.ts): the queue, bare names, shingles.
  const pendingRows = { source: [] as string[], text: [] as string[] };
  let shingleRows = { hash: [] as number[], source: [] as string[] };
  const speakerRows = { source: [] as string[], name: [] as string[] };
  for (const r of rows) {
    const id = idOf.get(r.path)!;
    for (const name of speakersOf(r.summary)) {
      speakerRows.source.push(id);
      speakerRows.name.push(name);
    }
    for (const text of new Set(r.summary.pending.map((p) => p.text))) {
      pendingRows.source.push(id);
      pendingRows.text.push(text);
    }
    for (const h of shingleKeys(r.summary.shingles)) {
      shingleRows.hash.push(h);
      shingleRows.source.push(id);
    }
  }
  await c.query({ name: 'cl-queue', text: `INSERT INTO finalize_queue (source) SELECT * FROM unnest($1::bigint[])`, values: [int8Array(rows.map((r) => idOf.get(r.path)!))] });
  await c.query({ name: 'cl-pending', text: `INSERT INTO pending_names (source, text) SELECT * FROM unnest($1::bigint[], $2::text[])`, values: [int8Array(pendingRows.source), textArray(pendingRows.text)] });
  await c.query({ name: 'cl-speakers', text: `INSERT INTO speakers (source, name) SELECT * FROM unnest($1::bigint[], $2::text[])`, values: [int8Array(speakerRows.source), textArray(speakerRows.name)] });
  // A hash's first nine owners are all finalize reads of it (a shingle in more sources is boilerplate): the rest are not kept.
  // In hash order, so the index is walked along its leaves rather than at random.
  const order = shingleRows.hash.map((_, i) => i).sort((a, b) => shingleRows.hash[a] - shingleRows.hash[b] || Number(shingleRows.source[a]) - Number(shingleRows.source[b]));
  shingleRows = { hash: order.map((i) => shingleRows.hash[i]), source: order.map((i) => shingleRows.source[i]) };
  await c.query({
    name: 'cl-shingles',
    text: `INSERT INTO shingles (hash, source) SELECT x.h, x.s FROM unnest($1::int[], $2::bigint[]) AS x(h, s)
            WHERE (SELECT count(*) FROM (SELECT 1 FROM shingles WHERE hash = x.h LIMIT ${MAX_OWNERS + 1}) o) <= ${MAX_OWNERS}`,
    values: [int4Array(shingleRows.hash), int8Array(shingleRows.source)],
  });
  await c.query({
    name: 'cl-insert-mentions',
    text: `INSERT INTO mentions (source, ord, name, title, bare) SELECT * FROM unnest($1::bigint[], $2::int[], $3::text[], $4::text[], $5::boolean[])`,
    values: [int8Array(mention.source), int4Array(mention.ord), textArray(mention.name), textArray(mention.title), boolArray(mention.bare)],
  });
  // In one order for every batch, so two ingests at once cannot deadlock on the counts.
  const sorted = [...termCounts].sort((a, b) => (a[0] < b[0] ? -1 : a[0] > b[0] ? 1 : 0));
  const terms = sorted.map(([t]) => t);
  const lists = batchLists(listed, terms, shortest);
  const grown = await c.query<{ term: string }>({
    name: 'cl-count-terms',
    text: COUNT_TERMS,
    values: [textArray(terms), int4Array(sorted.map(([, n]) => n[0])), int4Array(sorted.map(([, n]) => n[1])), textArray(lists.ids), textArray(lists.lens), int4Array(lists.upto), shortest ?? SHORTEST],
  });
  await truncate(c, grown.rows.map((row) => row.term), shortest);
  await c.query({
    name: 'cl-count-sources',
    text: `UPDATE archive_stats SET sources = sources + $1, passages = passages + $2, doc_length = doc_length + $3`,
    values: [rows.length, passages, length],
  });
  return { added: rows.length - replaced.length, updated: replaced.length };
}

/** Passage counts, then source counts: [passages, sources]. */
function count(map: Map<string, [number, number]>, term: string, which: 0 | 1): void {
  let n = map.get(term);
  if (!n) map.set(term, (n = [0, 0]));
  n[which === 1 ? 1 : 0]++;
}

