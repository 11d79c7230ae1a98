// Each term's shortest sources, kept by ingest: the list ranking reads first
// (ranking.ts rankByLists). A source's score for a query is its length factor
// (larger for shorter sources) times the summed idf of the query terms it
// has, so a term's shortest sources are the ones where that term counts the
// most. A term's list holds some of its sources, unsorted (at most twice
// SHORTEST; the SHORTEST shortest after a cut), and every source having the
// term that is shorter than `short_upto` (no bound when it is NULL: the list
// then holds every source with the term). A query's sources outside every
// list of its terms are therefore no shorter than the lists' bounds, which
// bounds their scores without reading them: the cost of a ranking stops
// growing with the archive.
//
// The invariant survives every change without reading the rest of the
// archive: a new source enters a list when it is shorter than the bound
// (appended: lists are unsorted); a list grown to twice SHORTEST is cut back
// to its SHORTEST shortest (the bound drops to the shortest cut off); a
// removed source just leaves its lists. A list read as NULL (a term counted
// before these columns existed) is not known, and ranking asks the slower
// queries for it.

import type pg from 'pg';
import { int8Array, textArray } from './binaryArray.js';

/** How many of a term's shortest sources its list keeps after a cut (it grows to twice this before the next). */
export const SHORTEST = 400;

/**
 * The columns, added to an archive of this schema version that lacks them:
 * terms counted before have no list (NULL); terms counted after start with
 * an empty, complete one.
 */
export const SHORTEST_COLUMNS = `
ALTER TABLE terms ADD COLUMN IF NOT EXISTS short_ids bigint[];
ALTER TABLE terms ADD COLUMN IF NOT EXISTS short_lens integer[];
ALTER TABLE terms ADD COLUMN IF NOT EXISTS short_upto integer;
ALTER TABLE terms ALTER COLUMN short_ids SET DEFAULT '{}', ALTER COLUMN short_lens SET DEFAULT '{}';
`;

/**
 * A batch's sources per term, as the lists' columns of the batch's term
 * counts (COUNT_TERMS): each list as array literals, with the bound of the
 * batch's own list (null: it holds all of the batch's sources with the term).
 * A term in more than `2 × shortest` sources of the batch keeps the
 * `shortest` shortest.
 */
export function batchLists(sources: { id: string; terms: string[]; length: number }[], terms: string[], shortest = SHORTEST): { ids: string[]; lens: string[]; upto: (number | null)[] } {
  const by = new Map<string, { id: string; length: number }[]>();
  for (const s of sources) for (const t of s.terms) (by.get(t) ?? by.set(t, []).get(t)!).push(s);
  const out = { ids: [] as string[], lens: [] as string[], upto: [] as (number | null)[] };
  for (const t of terms) {
    // Shortest first: COUNT_TERMS reads the batch's shortest as its first.
    let list = (by.get(t) ?? []).sort((a, b) => a.length - b.length || Number(a.id) - Number(b.id));
    let upto: number | null = null;
    if (list.length > 2 * shortest) {
      upto = list[shortest].length;
      list = list.slice(0, shortest);
    }
    out.ids.push(`{${list.map((s) => s.id).join(',')}}`);
    out.lens.push(`{${list.map((s) => s.length).join(',')}}`);
    out.upto.push(upto);
  }
  return out;
}

/**
 * The batch's term counts and lists, added to the archive's in one
 * statement: a new term's list is the batch's; an existing term's list gains
 * the batch's sources shorter than its bound (all of them while it has
 * none), unsorted, and is left as it is stored (not rewritten) when the
 * batch's shortest is not shorter than the bound. The terms whose lists grew past twice their length are
 * returned, for truncate(). A term counted before lists existed keeps none.
 */
export const COUNT_TERMS = `
WITH up AS (
  INSERT INTO terms (term, passages, sources, short_ids, short_lens, short_upto)
  SELECT t, p, s, i::bigint[], l::int[], u FROM unnest($1::text[], $2::int[], $3::int[], $4::text[], $5::text[], $6::int[]) AS x(t, p, s, i, l, u)
  ON CONFLICT (term) DO UPDATE SET
    passages = terms.passages + excluded.passages,
    sources = terms.sources + excluded.sources,
    short_ids = CASE WHEN terms.short_ids IS NULL OR excluded.short_lens[1] IS NULL OR excluded.short_lens[1] >= terms.short_upto THEN terms.short_ids
                     WHEN terms.short_upto IS NULL THEN terms.short_ids || excluded.short_ids
                     ELSE terms.short_ids || ARRAY(SELECT n.i FROM unnest(excluded.short_ids, excluded.short_lens) AS n(i, l) WHERE n.l < terms.short_upto) END,
    short_lens = CASE WHEN terms.short_ids IS NULL OR excluded.short_lens[1] IS NULL OR excluded.short_lens[1] >= terms.short_upto THEN terms.short_lens
                      WHEN terms.short_upto IS NULL THEN terms.short_lens || excluded.short_lens
                      ELSE terms.short_lens || ARRAY(SELECT n.l FROM unnest(excluded.short_ids, excluded.short_lens) AS n(i, l) WHERE n.l < terms.short_upto) END,
    short_upto = CASE WHEN terms.short_ids IS NULL THEN NULL ELSE least(terms.short_upto, excluded.short_upto) END
  RETURNING term, cardinality(short_ids) AS listed
)
SELECT term FROM up WHERE listed > 2 * $7::int`;

/** Cuts lists grown past twice their length back to the `shortest` shortest (the bound drops to the shortest cut off). */
export async function truncate(c: pg.PoolClient, terms: string[], shortest = SHORTEST): Promise<void> {
  if (!terms.length) return;
  await c.query({
    name: 'cl-shortest-cut',
    text: `UPDATE terms SET (short_ids, short_lens, short_upto) = (
             SELECT coalesce(array_agg(e.id ORDER BY e.r) FILTER (WHERE e.r <= $2), '{}'),
                    coalesce(array_agg(e.len ORDER BY e.r) FILTER (WHERE e.r <= $2), '{}'),
                    least(terms.short_upto, min(e.len) FILTER (WHERE e.r > $2))
               FROM (SELECT u.id, u.len, row_number() OVER (ORDER BY u.len, u.id) AS r FROM unnest(terms.short_ids, terms.short_lens) AS u(id, len)) e)
            WHERE term = ANY($1::text[])`,
    values: [textArray(terms), shortest],
  });
}

/** Takes sources (still in `sources`) out of their terms' lists, in the transaction that removes them. */
export async function removeFromShortest(c: pg.PoolClient, ids: string[]): Promise<void> {
  if (!ids.length) return;
  await c.query({
    name: 'cl-shortest-remove',
    text: `UPDATE terms SET short_ids = x.ids, short_lens = x.lens
             FROM (SELECT terms.term,
                          coalesce(array_agg(u.id ORDER BY u.o) FILTER (WHERE u.id <> ALL($1::bigint[])), '{}') AS ids,
                          coalesce(array_agg(u.len ORDER BY u.o) FILTER (WHERE u.id <> ALL($1::bigint[])), '{}') AS lens
                     FROM terms CROSS JOIN LATERAL unnest(terms.short_ids, terms.short_lens) WITH ORDINALITY AS u(id, len, o)
                    WHERE terms.term IN (SELECT unnest(tsvector_to_array(doc_terms)) FROM sources WHERE id = ANY($1::bigint[]))
                      AND terms.short_ids && $1::bigint[]
                    GROUP BY terms.term) x
            WHERE terms.term = x.term`,
    values: [int8Array(ids)],
  });
}
