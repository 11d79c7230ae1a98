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
  /** Settled from the terms' lists of shortest sources; of them, with the sources having all of a query's terms looked up. */
  listed: number;
  conjoined: number;
  settled: number;
  full: number;
  kept: number;
}

// Each source's length factor in BM25+ (k 1.2, b 0.7, δ 0.5), written as corpus/passages.ts bm25 computes it.
const lengthFactor = (length: string) => `(0.5::float8 + 2.2::float8 / (1::float8 + 1.2::float8 * (1::float8 - 0.7::float8 + (0.7::float8 * ${length}) / st.avg)))`;

// A term as a tsquery of that one lexeme, quoted (backslashes and quotes escaped) so nothing in it is read as syntax.
const lexeme = (term: string) => `('''' || replace(replace(${term}, '\\', '\\\\'), '''', '''''') || '''')::tsquery`;

// The queries' terms with their idf (in sources, for BM25), as in the in-memory index.
const QUERY_TERMS = `
WITH q AS (
  SELECT qi, ord, t, ${lexeme('t')} AS tq
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

// The lists of the queries' terms, and what BM25 needs of the archive, in one snapshot. The lists come as
// comma-separated text: split, they cost a tenth of what the driver's array parser takes (up to 800 entries a term).
const LISTS = `
SELECT NULL::text AS term, sources::float8 AS df, doc_length::float8 AS total, NULL::text AS ids, NULL::text AS lens, NULL::int AS upto FROM archive_stats
UNION ALL
SELECT term, sources, NULL, array_to_string(short_ids, ','), array_to_string(short_lens, ','), short_upto FROM terms WHERE term = ANY($1::text[]) AND sources > 0`;

// Sources whose place the lists left open: what ranking and exclusion need ($1), and which of the terms the lists
// could not tell about a source it has (pairs of $2 and $3; one term checked against one source's terms each).
const OPEN_SOURCES = `
SELECT s.id, s.locator, s.text_hash AS hash, NULL::text AS term FROM sources s WHERE s.id = ANY($1::bigint[])
UNION ALL
SELECT p.id, NULL, NULL, p.t FROM unnest($2::bigint[], $3::text[]) AS p(id, t) JOIN sources s ON s.id = p.id
 WHERE s.doc_terms @@ ${lexeme('p.t')}`;

// The shortest sources having every term of a query ($2, a tsquery of them), for the queries ($1) whose lists alone
// cannot bound the sources that have all of those terms.
const CONJOINED = `
SELECT c.qi, x.id, x.doc_length AS length FROM unnest($1::int[], $2::text[]) AS c(qi, tq)
 CROSS JOIN LATERAL (SELECT s.id, s.doc_length FROM sources s WHERE s.doc_terms @@ c.tq::tsquery ORDER BY s.doc_length, s.id LIMIT $3) x`;
/** How many of the shortest sources with every term of a query CONJOINED reads. */
const CONJOINED_READ = 64;
/** More terms than this without a whole list, and a query the lists cannot settle goes to RANKED (a subset bound per subset). */
const MOST_CONJOINED = 8;

/** Sources read per query in the first round of reading; each further round reads twice as many. */
const FIRST_READ = 24;
/** Rounds of reading before a query goes to RANKED instead. */
const ROUNDS = 4;

interface TermList {
  df: number;
  ids: string[] | null;
  lens: number[];
  /** Every source with the term shorter than this is in the list (Infinity: every source with the term is). */
  upto: number;
}

interface Candidate {
  id: string;
  length: number;
  /** Per query term: 1 has it, 0 has it not, -1 not known from the lists. */
  has: Int8Array;
  upper: number;
  /** Once read: its exact score, locator and text hash. */
  score?: number;
  path?: string;
  hash?: string;
}

/** A list as array_to_string gives it ('' for an empty one). */
const listOf = (text: string) => (text ? text.split(',') : []);

/** One query's ranking from its lists, as far as it has got. */
interface Plan {
  terms: TermList[];
  names: string[];
  /** Candidates in the order of their upper bounds, best first (those read have a score). */
  order: Candidate[];
  candidates: Map<string, Candidate>;
  /** No source outside the lists scores this much or more. */
  unseen: number;
  /** The terms whose lists are not whole (by index). */
  bounded: number[];
  score: (t: TermList, length: number) => number;
  /** Whether the sources having every bounded term are to be looked up (conjunct), or were (conjoined; see conjoin). */
  conjunct?: boolean;
  conjoined?: boolean;
  done?: Ranked[];
  failed?: boolean;
}

/**
 * The `limit` best sources of each query from its terms' lists of shortest
 * sources (shortest.ts), or undefined where the lists cannot tell them
 * exactly. A source in a term's list, or shorter than the list's bound, is
 * known to have the term or not; a source in no list of the query has none
 * of the terms whose list is whole, and is no shorter than the bound of each
 * listed term it has, which bounds its score (`unseen`). Candidates are read
 * in the order of their best possible scores (which of their open terms they
 * have, their locator and text hash), a few at a time for every query in one
 * statement, until the best `limit` read outscore every candidate not read
 * and every unseen source. Scores are the in-memory index's own sums (bm25,
 * in query order), so rankings and ties come out as it ranks them.
 */
export async function rankByLists(query: Query, counts: RankingCounts, queries: string[][], locator: string, limit: number): Promise<(Ranked[] | undefined)[]> {
  const r = await query<{ term: string | null; df: number; total: number | null; ids: string | null; lens: string | null; upto: number | null }>('cl-lists', LISTS, [[...new Set(queries.flat())]]);
  let n = 0;
  let avg = 1;
  const lists = new Map<string, TermList>();
  for (const row of r.rows) {
    if (row.term === null) {
      n = row.df;
      avg = row.total! / Math.max(n, 1);
    } else lists.set(row.term, { df: row.df, ids: row.ids === null ? null : listOf(row.ids), lens: row.lens ? listOf(row.lens).map(Number) : [], upto: row.upto ?? Infinity });
  }
  const plans = queries.map((q) => plan(q, lists, n, avg, locator, limit));
  const open = (p: Plan | undefined): p is Plan => Boolean(p && !p.done && !p.failed && !p.conjunct);
  for (let round = 0, take = FIRST_READ; round < ROUNDS; round++, take *= 2) {
    await conjoin(query, plans, locator, limit);
    if (!plans.some(open)) break;
    const ids = new Set<string>();
    const pairs = { id: [] as string[], term: [] as string[] };
    const reading = plans.map((p) => {
      if (!open(p)) return [];
      const chunk = p.order.filter((c) => c.score === undefined).slice(0, take);
      for (const c of chunk) {
        ids.add(c.id);
        c.has.forEach((h, j) => h === -1 && (pairs.id.push(c.id), pairs.term.push(p.names[j])));
      }
      return chunk;
    });
    const rows = await query<{ id: string; locator: string | null; hash: Buffer | null; term: string | null }>('cl-open-sources', OPEN_SOURCES, [[...ids], pairs.id, pairs.term]);
    const found = new Map<string, { locator: string; hash: string }>();
    const has = new Set<string>();
    for (const row of rows.rows) {
      if (row.term === null) found.set(row.id, { locator: row.locator!, hash: row.hash!.toString('hex') });
      else has.add(`${row.id}\u0000${row.term}`);
    }
    plans.forEach((p, qi) => {
      if (!open(p)) return;
      for (const c of reading[qi]) {
        const row = found.get(c.id);
        // Gone since the lists were read (an ingest in between): the bounds no longer hold.
        if (!row) return void (p.failed = true);
        c.path = row.locator;
        c.hash = row.hash;
        c.score = 0;
        p.terms.forEach((t, j) => {
          if (c.has[j] === 1 || (c.has[j] === -1 && has.has(`${c.id}\u0000${p.names[j]}`))) c.score! += bm25(t.df, n, c.length, avg);
        });
      }
      settle(p, locator, limit);
    });
  }
  counts.conjoined += plans.filter((p) => p?.done && p.conjoined).length;
  return plans.map((p) => p?.done);
}

/** A query's candidates from its terms' lists, best possible score first; undefined when a term has no list. */
function plan(q: string[], lists: Map<string, TermList>, n: number, avg: number, locator: string, limit: number): Plan | undefined {
  const names = q.filter((t) => lists.has(t));
  const terms = names.map((t) => lists.get(t)!);
  if (terms.some((l) => l.ids === null)) return undefined;
  const score = (t: TermList, length: number) => bm25(t.df, n, length, avg);
  const candidates = new Map<string, Candidate>();
  terms.forEach((t, j) =>
    t.ids!.forEach((id, k) => {
      let c = candidates.get(id);
      if (!c) candidates.set(id, (c = { id, length: t.lens[k], has: new Int8Array(terms.length), upper: 0 }));
      c.has[j] = 1;
    }),
  );
  for (const c of candidates.values()) {
    terms.forEach((t, j) => {
      if (!c.has[j] && c.length >= t.upto) c.has[j] = -1;
    });
  }
  // The terms whose lists are not whole: an unseen source has only these, and is no shorter than the longest bound among those it has.
  const bounded = terms.map((_, j) => j).filter((j) => terms[j].upto !== Infinity);
  const p: Plan = { terms, names, candidates, order: [], unseen: 0, bounded, score };
  for (const u of bounded) p.unseen = Math.max(p.unseen, boundOf(p, bounded.filter((j) => terms[j].upto <= terms[u].upto)));
  order(p);
  settle(p, locator, limit);
  return p;
}

/** The most a source outside the lists could score with just these (bounded) terms: it is no shorter than their longest bound. */
function boundOf(p: Plan, subset: number[]): number {
  const longest = Math.max(...subset.map((j) => p.terms[j].upto));
  return subset.reduce((sum, j) => sum + p.score(p.terms[j], longest), 0);
}

/** Whether looking up the sources with every bounded term can help (see conjoin). */
const conjoinable = (p: Plan) => !p.conjoined && p.bounded.length >= 2 && p.bounded.length <= MOST_CONJOINED;

/** Candidates in the order of their best possible scores (in query order, as the in-memory index adds: adding a score never lowers a rounded sum, so this bounds the exact one). */
function order(p: Plan): void {
  for (const c of p.candidates.values()) {
    c.upper = 0;
    p.terms.forEach((t, j) => {
      if (c.has[j] !== 0) c.upper += p.score(t, c.length);
    });
  }
  p.order = [...p.candidates.values()].sort((a, b) => b.upper - a.upper);
}

/** A tsquery of every one of these terms, quoted as RANKED quotes them. */
const allOf = (terms: string[]) => terms.map((t) => `'${t.replace(/\\/g, '\\\\').replace(/'/g, "''")}'`).join(' & ');

/**
 * Adds the shortest sources having every bounded term of each plan that
 * asked for them (conjunct), in one statement: the lists then bound only
 * the sources lacking one of those terms (every proper subset of them), and
 * the sources having all of them by the last one read.
 */
async function conjoin(query: Query, plans: (Plan | undefined)[], locator: string, limit: number): Promise<void> {
  const asking = plans.map((p, qi) => (p?.conjunct ? qi : -1)).filter((qi) => qi >= 0);
  if (!asking.length) return;
  const r = await query<{ qi: number; id: string; length: number }>('cl-conjoined', CONJOINED, [
    asking,
    asking.map((qi) => allOf(plans[qi]!.bounded.map((j) => plans[qi]!.names[j]))),
    CONJOINED_READ,
  ]);
  const rows = new Map<number, { id: string; length: number }[]>();
  for (const row of r.rows) (rows.get(row.qi) ?? rows.set(row.qi, []).get(row.qi)!).push(row);
  for (const qi of asking) {
    const p = plans[qi]!;
    p.conjunct = false;
    p.conjoined = true;
    const found = rows.get(qi) ?? [];
    for (const { id, length } of found) {
      let c = p.candidates.get(id);
      // A source new to the candidates has none of the terms whose lists are whole (it would be in them).
      if (!c) p.candidates.set(id, (c = { id, length, has: new Int8Array(p.terms.length), upper: 0 }));
      for (const j of p.bounded) c.has[j] = 1;
    }
    let unseen = found.length === CONJOINED_READ ? p.bounded.reduce((sum, j) => sum + p.score(p.terms[j], found[found.length - 1].length), 0) : 0;
    // Every proper subset of the bounded terms, by its own longest bound.
    const b = p.bounded;
    for (let mask = 1; mask < (1 << b.length) - 1; mask++) unseen = Math.max(unseen, boundOf(p, b.filter((_, i) => mask & (1 << i))));
    p.unseen = unseen;
    order(p);
    settle(p, locator, limit);
  }
}

/**
 * Whether the candidates read so far settle the ranking: the best `limit`
 * outscore every candidate not read and every unseen source. When too few
 * candidates could still outscore an unseen source, the sources having every
 * bounded term are looked up first (once, for few terms), else the query is
 * left to RANKED.
 */
function settle(p: Plan, locator: string, limit: number): void {
  const margin = 1 + 1e-9;
  const read = p.order.filter((c) => c.score !== undefined && c.path !== locator);
  const best = read
    .map((c) => ({ c, score: c.score!, path: c.path! }))
    .sort(byScoreThenPath)
    .slice(0, limit);
  const rest = p.order.find((c) => c.score === undefined)?.upper ?? -Infinity;
  const last = best.length === limit ? best[limit - 1].score : -Infinity;
  // With fewer than `limit` sources in all, every candidate must have been read and nothing be unseen.
  const settled = best.length === limit ? last > rest * margin && last > p.unseen * margin : rest === -Infinity && p.unseen === 0;
  if (settled) return void (p.done = best.map(({ c }) => ({ id: c.id, hash: c.hash! })));
  if (p.unseen === 0) return;
  // Candidates that could still outscore an unseen source, and how many of those read so far did: when even all of
  // them, or as many as that share of them, would be too few, reading on is unlikely to settle the ranking.
  const tried = read.filter((c) => c.upper > p.unseen * margin).length;
  const good = read.filter((c) => c.score! > p.unseen * margin).length;
  const hopeful = p.order.filter((c) => c.score === undefined && c.upper > p.unseen * margin).length;
  const unlikely = good + hopeful * (tried ? good / tried : 1) < limit;
  if (unlikely && conjoinable(p)) p.conjunct = true;
  else if (good + hopeful < limit) p.failed = true;
}

/**
 * The `limit` best sources of each query, as row ids with their text
 * hashes: from the terms' lists where they settle it (rankByLists, one read
 * for all the queries), else by SQL, one query per statement (rankSql).
 */
export async function rankFresh(query: Query, counts: RankingCounts, walked: number, lists: boolean, queries: string[][], locator: string, textHash: Buffer, limit: number): Promise<Ranked[][]> {
  const ranked: (Ranked[] | undefined)[] = queries.map(() => undefined);
  // The lists can leave out one source (the locator), not every copy of a text.
  if (lists && !textHash.length) {
    (await rankByLists(query, counts, queries, locator, limit)).forEach((r, i) => (ranked[i] = r));
    counts.listed += ranked.filter(Boolean).length;
  }
  // One statement per query: RANKED for many queries matches each candidate against every query's common terms.
  for (const [i, r] of ranked.entries()) if (!r) ranked[i] = await rankSql(query, counts, walked, queries[i], locator, textHash, limit);
  return ranked as Ranked[][];
}

/**
 * The `limit` best sources of one query by SQL: RANKED, again with a walk
 * eight times as long when the first could not bound the rest (names common
 * in the archive, say, where few sources have all of them), then RETRIEVE if
 * still unsettled.
 */
async function rankSql(query: Query, counts: RankingCounts, walked: number, terms: string[], locator: string, textHash: Buffer, limit: number): Promise<Ranked[]> {
  const params = [terms.map(() => 0), terms.map((_, j) => j), terms, locator, textHash, limit];
  let sources = Infinity;
  for (const walk of [walked, walked * 8]) {
    // A walk over a tenth of the archive or more costs more than reading every source with the terms.
    if (walk * 10 > sources) break;
    const r = await query<{ id: string | null; score: number; walked: string | null; sources: number | null; hash: Buffer | null }>('cl-ranked', RANKED, [...params, walk, walked]);
    const found: Ranked[] = [];
    let last = Infinity;
    // Without common terms there is no bound row: the rare terms' sources are all of them.
    let settled = true;
    for (const row of r.rows) {
      if (row.id !== null) {
        found.push({ id: row.id, hash: row.hash!.toString('hex') });
        last = Math.min(last, row.score);
        continue;
      }
      sources = row.sources!;
      // A walk that read every source with the common terms is exact; so is one whose unread sources cannot reach the last ranked score.
      settled = Number(row.walked) < walk || (found.length >= limit && last > row.score * (1 + 1e-9));
    }
    if (settled) {
      counts.settled++;
      return found;
    }
  }
  const full = await query<{ id: string; hash: Buffer }>('cl-retrieve', RETRIEVE, params);
  counts.full++;
  return full.rows.map((row) => ({ id: row.id, hash: row.hash.toString('hex') }));
}
