// Ranking the archive's sources for a query, as the in-memory index ranks
// them (BM25+ over each source's distinct terms, summed in query order), in
// SQL: RANKED reads only what can change the best few, RETRIEVE reads every
// source with the terms, and rank() asks the first and falls back on the
// second only for queries the first could not settle.

import type pg from 'pg';

/** A ranked source: its row id and its text's hash (hex). */
export interface Ranked {
  id: string;
  hash: string;
}

/** Runs one named statement (the store's, with its timeout and messages). */
export type Query = <R extends pg.QueryResultRow>(name: string, text: string, values: unknown[]) => Promise<pg.QueryResult<R>>;

/** How the queries were ranked: by RANKED alone, again by RETRIEVE, or from kept rankings (for the benchmark and tests). */
export interface RankingCounts {
  settled: number;
  full: number;
  kept: number;
}

// Each source's length factor in BM25+ (k 1.2, b 0.7, δ 0.5), written as corpus/passages.ts bm25 computes it.
const lengthFactor = (length: string) => `(0.5::float8 + 2.2::float8 / (1::float8 + 1.2::float8 * (1::float8 - 0.7::float8 + (0.7::float8 * ${length}) / st.avg)))`;

// The queries' terms with their idf (in sources, for BM25), as in the in-memory index.
const QUERY_TERMS = `
WITH q AS (
  SELECT qi, ord, t, ('''' || replace(replace(t, '\\', '\\\\'), '''', '''''') || '''')::tsquery AS tq
    FROM unnest($1::int[], $2::int[], $3::text[]) AS q(qi, ord, t)
), st AS (
  SELECT sources::float8 AS n, doc_length::float8 / greatest(sources, 1) AS avg FROM archive_stats
), w AS (
  SELECT q.qi, q.ord, q.tq, terms.sources::float8 AS df,
         ln(1::float8 + (st.n - terms.sources::float8 + 0.5::float8) / (terms.sources::float8 + 0.5::float8)) AS idf
    FROM q JOIN terms ON terms.term = q.t CROSS JOIN st WHERE terms.sources > 0
)`;

/**
 * Every source with a query term, ranked (the sum in query order, as the
 * in-memory index adds): exact, at a cost in proportion to how many sources
 * have the terms. Asked only for a query RANKED could not settle.
 */
export const RETRIEVE = `${QUERY_TERMS}, hits AS (
  SELECT w.qi, s.id, s.locator, sum(w.idf * ${lengthFactor('s.doc_length')} ORDER BY w.ord) AS score
    FROM w CROSS JOIN st JOIN sources s ON s.doc_terms @@ w.tq
   WHERE s.locator <> $4 AND s.text_hash <> $5
   GROUP BY w.qi, s.id, s.locator
), top AS (
  SELECT qi, id, row_number() OVER (PARTITION BY qi ORDER BY score DESC, locator COLLATE "C") AS rank FROM hits
)
SELECT qi, id, (SELECT x.text_hash FROM sources x WHERE x.id = top.id) AS hash FROM top WHERE rank <= $6 ORDER BY qi, rank`;

/**
 * The same ranking without reading every source that has a common term.
 * Every term counts once per source, so a source's score is its length
 * factor (larger for shorter sources) times the summed idf of the query
 * terms it has. A query's rare terms find their sources through the GIN
 * index (few of them). For its common terms (in more than sqrt($8 × sources)
 * sources, where a walk is cheaper than the postings) only the $7 shortest
 * sources having one are read, in length order from the btree on
 * doc_length. A source the walk did not reach and with no rare term scores
 * at most the length factor of the last walked length times the common
 * terms' summed idf (the `bound` rows): when the query's last ranked source
 * scores more than that, this is exactly the ranking over all sources;
 * otherwise the caller asks RETRIEVE.
 */
export const RANKED = `${QUERY_TERMS}, rare AS (
  SELECT w.* FROM w CROSS JOIN st WHERE w.df * w.df <= $8::float8 * st.n
), common AS (
  SELECT w.* FROM w CROSS JOIN st WHERE w.df * w.df > $8::float8 * st.n
), anyc AS (
  SELECT qi, string_agg(tq::text, ' | ')::tsquery AS tq, sum(idf) AS idf FROM common GROUP BY qi
), walk AS (
  SELECT anyc.qi, x.id, x.doc_length FROM anyc CROSS JOIN LATERAL (
    SELECT s.id, s.doc_length FROM sources s
     WHERE ts_match_vq(s.doc_terms, anyc.tq) AND s.locator <> $4 AND s.text_hash <> $5
     ORDER BY s.doc_length, s.id LIMIT $7) x
), found AS (
  -- Which rare terms a source has is known from the index alone.
  SELECT rare.qi, rare.ord, s.id FROM rare JOIN sources s ON s.doc_terms @@ rare.tq WHERE s.locator <> $4 AND s.text_hash <> $5
), cand AS (
  SELECT qi, id FROM found UNION SELECT qi, id FROM walk
), info AS (
  -- Row by row through the primary key (OFFSET 0 keeps the planner from a scan of the whole table).
  SELECT cand.qi, x.id, x.locator, x.doc_length, x.has FROM cand CROSS JOIN LATERAL (
    SELECT s.id, s.locator, s.doc_length,
           (SELECT array_agg(common.ord) FROM common WHERE common.qi = cand.qi AND ts_match_vq(s.doc_terms, common.tq)) AS has
      FROM sources s WHERE s.id = cand.id OFFSET 0) x
), member AS (
  SELECT qi, ord, id FROM found
  UNION ALL
  SELECT info.qi, h.ord, info.id FROM info CROSS JOIN LATERAL unnest(info.has) AS h(ord)
), hits AS (
  SELECT info.qi, info.id, info.locator, sum(w.idf * ${lengthFactor('info.doc_length')} ORDER BY w.ord) AS score
    FROM member JOIN w ON w.qi = member.qi AND w.ord = member.ord JOIN info ON info.qi = member.qi AND info.id = member.id CROSS JOIN st
   GROUP BY info.qi, info.id, info.locator
), top AS (
  SELECT qi, id, score, row_number() OVER (PARTITION BY qi ORDER BY score DESC, locator COLLATE "C") AS rank FROM hits
), bound AS (
  SELECT anyc.qi, count(walk.id) AS walked, anyc.idf * ${lengthFactor('max(walk.doc_length)')} AS most, st.n
    FROM anyc LEFT JOIN walk ON walk.qi = anyc.qi CROSS JOIN st GROUP BY anyc.qi, anyc.idf, st.avg, st.n
)
SELECT qi, id, score, rank, NULL::bigint AS walked, NULL::float8 AS sources, (SELECT x.text_hash FROM sources x WHERE x.id = top.id) AS hash FROM top WHERE rank <= $6
UNION ALL
SELECT qi, NULL, most, NULL, walked, n, NULL FROM bound
ORDER BY qi, rank`;

/** How many of the shortest sources with a query's common terms RANKED reads before it bounds the rest. */
export const WALKED = 300;

/**
 * The `limit` best sources of each query, as row ids with their text
 * hashes: RANKED,
 * again with a walk eight times as long for the queries whose walk could
 * not bound the rest (names common in the archive, say, where few sources
 * have all of them), then RETRIEVE for any still unsettled.
 */
export async function rankFresh(query: Query, counts: RankingCounts, walked: number, queries: string[][], locator: string, textHash: Buffer, limit: number): Promise<Ranked[][]> {
  const qi: number[] = [];
  const ord: number[] = [];
  const terms: string[] = [];
  queries.forEach((q, i) => q.forEach((t, j) => (qi.push(i), ord.push(j), terms.push(t))));
  const ranked: Ranked[][] = queries.map(() => []);
  let open = queries.map((_, i) => i);
  let sources = Infinity;
  for (let walk of [walked, walked * 8, 0]) {
    // A walk over a tenth of the archive or more costs more than reading every source with the terms.
    if (walk * 10 > sources) walk = 0;
    // The terms of the queries still open, renumbered.
    const index = new Map(open.map((q, i) => [q, i]));
    const keep = qi.map((q) => index.has(q));
    const params = [qi.filter((_, i) => keep[i]).map((q) => index.get(q)!), ord.filter((_, i) => keep[i]), terms.filter((_, i) => keep[i]), locator, textHash, limit];
    if (!walk) {
      const full = await query<{ qi: number; id: string; hash: Buffer }>('cl-retrieve', RETRIEVE, params);
      for (const row of full.rows) ranked[open[row.qi]].push({ id: row.id, hash: row.hash.toString('hex') });
      counts.full += open.length;
      break;
    }
    const r = await query<{ qi: number; id: string | null; score: number; walked: string | null; sources: number | null; hash: Buffer | null }>('cl-ranked', RANKED, [...params, walk, walked]);
    const found: Ranked[][] = open.map(() => []);
    const last: number[] = open.map(() => Infinity);
    const unsettled = new Set<number>();
    for (const row of r.rows) {
      if (row.id !== null) {
        found[row.qi].push({ id: row.id, hash: row.hash!.toString('hex') });
        last[row.qi] = Math.min(last[row.qi], row.score);
        continue;
      }
      sources = row.sources!;
      // A walk that read every source with the common terms is exact; so is one whose unread sources cannot reach the last ranked score.
      const settled = Number(row.walked) < walk || (found[row.qi].length >= limit && last[row.qi] > row.score * (1 + 1e-9));
      if (!settled) unsettled.add(row.qi);
    }
    found.forEach((ids, i) => unsettled.has(i) || (ranked[open[i]] = ids));
    counts.settled += open.length - unsettled.size;
    open = [...unsettled].map((i) => open[i]);
    if (!open.length) break;
  }
  return ranked;
}
