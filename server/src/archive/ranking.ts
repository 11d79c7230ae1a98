// Ranking the archive's sources for a query, as the in-memory index ranks
// them (BM25+ over each source's distinct terms, summed in query order).
// rankFresh first reads the query terms' lists of shortest sources
// (shortest.ts) and ranks from them in JavaScript, reading only the few
// sources whose place the lists leave open; a query the lists cannot settle
// goes to SQL: RANKED reads only what can change the best few, RETRIEVE
// reads every source with the terms.

import type pg from 'pg';
import { bm25, byScoreThenPath } from '../corpus/passages.js';

/** A ranked source: its row id and its text's hash (hex). */
export interface Ranked {
  id: string;
  hash: string;
}

/** Runs one named statement (the store's, with its timeout and messages). */
export type Query = <R extends pg.QueryResultRow>(name: string, text: string, values: unknown[]) => Promise<pg.QueryResult<R>>;

/** How the queries were ranked: by RANKED alone, again by RETRIEVE, or from kept rankings (for the benchmark and tests). */
export interface RankingCounts {
  /** Settled from the terms' lists of shortest sources. */
  listed: number;
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

// The lists of the queries' terms, and what BM25 needs of the archive, in one snapshot.
const LISTS = `
SELECT NULL::text AS term, sources::float8 AS df, doc_length::float8 AS total, NULL::text[] AS ids, NULL::int[] AS lens, NULL::int AS upto FROM archive_stats
UNION ALL
SELECT term, sources, NULL, short_ids::text[], short_lens, short_upto FROM terms WHERE term = ANY($1::text[]) AND sources > 0`;

// The sources whose place in a ranking the lists left open: which of the open terms each has, and what ranking and exclusion need.
const OPEN_SOURCES = `
SELECT s.id, s.locator, s.text_hash AS hash, ARRAY(SELECT t FROM unnest(tsvector_to_array(s.doc_terms)) AS t WHERE t = ANY($2::text[])) AS has
  FROM sources s WHERE s.id = ANY($1::bigint[])`;

/** A query whose lists leave more sources than this open goes to RANKED (reading them would cost more). */
const MOST_OPEN = 400;

interface TermList {
  df: number;
  ids: string[] | null;
  lens: number[];
  /** Every source with the term shorter than this is in the list (Infinity: every source with the term is). */
  upto: number;
}

interface Candidate {
  length: number;
  /** Per query term: 1 has it, 0 has it not, -1 not known from the lists. */
  has: Int8Array;
  lower: number;
  upper: number;
}

/**
 * The `limit` best sources of each query from its terms' lists of shortest
 * sources (shortest.ts), or undefined where the lists cannot tell them
 * exactly. A source in a term's list, or shorter than the list's bound, is
 * known to have the term or not; a source in no list of the query has
 * none of the terms whose list is whole and is no shorter than the bound of
 * each listed term it has, which bounds its score (`unseen`). The sources
 * that could be among the best are read in one statement (which of their
 * open terms they have, their locator and text hash); the query is settled
 * when its last ranked source scores more than any unseen source could.
 * Scores are the in-memory index's own sums (bm25, in query order), so
 * rankings and ties come out as it ranks them.
 */
export async function rankByLists(query: Query, queries: string[][], locator: string, limit: number): Promise<(Ranked[] | undefined)[]> {
  const r = await query<{ term: string | null; df: number; total: number | null; ids: string[] | null; lens: number[] | null; upto: number | null }>('cl-lists', LISTS, [[...new Set(queries.flat())]]);
  let n = 0;
  let avg = 1;
  const lists = new Map<string, TermList>();
  for (const row of r.rows) {
    if (row.term === null) {
      n = row.df;
      avg = row.total! / Math.max(n, 1);
    } else lists.set(row.term, { df: row.df, ids: row.ids, lens: row.lens ?? [], upto: row.upto ?? Infinity });
  }
  const out: (Ranked[] | undefined)[] = queries.map(() => undefined);
  // Per query: its candidates, the score no unseen source reaches, and the ids to read.
  const plans: { terms: TermList[]; names: string[]; candidates: Map<string, Candidate>; unseen: number; open: string[] }[] = [];
  const toRead = new Set<string>();
  const openTerms = new Set<string>();
  queries.forEach((q, qi) => {
    const names = q.filter((t) => lists.has(t));
    const terms = names.map((t) => lists.get(t)!);
    if (terms.some((l) => l.ids === null)) return;
    const score = (t: TermList, length: number) => bm25(t.df, n, length, avg);
    const candidates = new Map<string, Candidate>();
    terms.forEach((t, j) =>
      t.ids!.forEach((id, k) => {
        let c = candidates.get(id);
        if (!c) candidates.set(id, (c = { length: t.lens[k], has: new Int8Array(terms.length), lower: 0, upper: 0 }));
        c.has[j] = 1;
      }),
    );
    for (const c of candidates.values()) {
      terms.forEach((t, j) => {
        if (!c.has[j] && c.length >= t.upto) c.has[j] = -1;
        // Sums in query order, as the in-memory index adds (adding a score never lowers a rounded sum).
        if (c.has[j] === 1) c.lower += score(t, c.length);
        if (c.has[j] !== 0) c.upper += score(t, c.length);
      });
    }
    // An unseen source has only terms whose list is not whole, and is no shorter than the longest bound among them.
    const bounded = terms.map((_, j) => j).filter((j) => terms[j].upto !== Infinity);
    let unseen = 0;
    for (const u of bounded) {
      let sum = 0;
      for (const j of bounded) if (terms[j].upto <= terms[u].upto) sum += score(terms[j], terms[u].upto);
      unseen = Math.max(unseen, sum);
    }
    // One spare source: the excluded locator may be among them.
    const lowers = [...candidates.values()].map((c) => c.lower).sort((a, b) => b - a);
    const threshold = lowers.length > limit ? lowers[limit] : -Infinity;
    const open = [...candidates].filter(([, c]) => c.upper >= threshold).map(([id]) => id);
    if (open.length > MOST_OPEN) return;
    for (const id of open) toRead.add(id);
    names.forEach((t, j) => {
      if (terms[j].upto !== Infinity) openTerms.add(t);
    });
    plans[qi] = { terms, names, candidates, unseen, open };
  });
  const read = toRead.size ? await query<{ id: string; locator: string; hash: Buffer; has: string[] }>('cl-open-sources', OPEN_SOURCES, [[...toRead], [...openTerms]]) : { rows: [] };
  const rows = new Map(read.rows.map((row) => [row.id, row]));
  plans.forEach((p, qi) => {
    if (!p) return;
    const ranked: { id: string; path: string; score: number; hash: string }[] = [];
    for (const id of p.open) {
      const row = rows.get(id);
      // Gone since the lists were read (an ingest in between): the bounds no longer hold.
      if (!row) return;
      if (row.locator === locator) continue;
      const c = p.candidates.get(id)!;
      const has = new Set(row.has);
      let score = 0;
      p.terms.forEach((t, j) => {
        if (c.has[j] === 1 || (c.has[j] === -1 && has.has(p.names[j]))) score += bm25(t.df, n, c.length, avg);
      });
      ranked.push({ id, path: row.locator, score, hash: row.hash.toString('hex') });
    }
    ranked.sort(byScoreThenPath);
    const best = ranked.slice(0, limit);
    // Settled when the list holds every candidate (nothing unseen) or its last beats every unseen source.
    const last = best.length ? best[best.length - 1].score : 0;
    if (p.unseen === 0 ? best.length === Math.min(limit, ranked.length) : best.length === limit && last > p.unseen * (1 + 1e-9)) {
      out[qi] = best.map(({ id, hash }) => ({ id, hash }));
    }
  });
  return out;
}

/**
 * The `limit` best sources of each query, as row ids with their text
 * hashes: from the terms' lists where they settle it (rankByLists), else RANKED,
 * again with a walk eight times as long for the queries whose walk could
 * not bound the rest (names common in the archive, say, where few sources
 * have all of them), then RETRIEVE for any still unsettled.
 */
export async function rankFresh(query: Query, counts: RankingCounts, walked: number, lists: boolean, queries: string[][], locator: string, textHash: Buffer, limit: number): Promise<Ranked[][]> {
  const qi: number[] = [];
  const ord: number[] = [];
  const terms: string[] = [];
  queries.forEach((q, i) => q.forEach((t, j) => (qi.push(i), ord.push(j), terms.push(t))));
  const ranked: Ranked[][] = queries.map(() => []);
  let open = queries.map((_, i) => i);
  // The lists can leave out one source (the locator), not every copy of a text.
  if (lists && !textHash.length) {
    const listed = await rankByLists(query, queries, locator, limit);
    listed.forEach((r, i) => r && (ranked[i] = r));
    open = open.filter((i) => !listed[i]);
    counts.listed += queries.length - open.length;
    if (!open.length) return ranked;
  }
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
