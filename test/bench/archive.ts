// The archive rows of `npm run bench`: a throwaway PostgreSQL (as the tests
// start it), generated sources ingested through `claimlens archive ingest`'s
// code, then the corpus questions one claim asks, alone and from 20 clients
// at once. `npm run bench -- --archive` runs only these rows.

import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { analyze } from '../../server/src/analysis/analyze';
import { openPool } from '../../server/src/archive/db';
import { ingest } from '../../server/src/archive/ingest';
import { ArchiveStore } from '../../server/src/archive/store';
import { sentenceFeatures } from '../../server/src/corpus/terms';
import { checkArticleIn } from '../../server/src/engine';
import { QUOTES_SHOWN } from '../../server/src/features/hover';
import { startTestServer } from '../archive/postgres';
import { ROOT } from '../root';
import { article, random, sentencePool, writeCorpus } from './generate';

export interface ArchiveRow {
  what: string;
  value: number;
  unit: string;
  target?: string;
  met?: boolean;
}

const now = () => Number(process.hrtime.bigint()) / 1e6;
export const percentile = (xs: number[], p: number) => {
  if (!xs.length) return NaN;
  const s = [...xs].sort((a, b) => a - b);
  return s[Math.min(s.length - 1, Math.floor((p / 100) * s.length))];
};

/** The claims of some generated articles, each as the terms its sentence retrieves by. */
export function claimQueries(count: number): string[][] {
  const pool = sentencePool();
  const rnd = random(29);
  const out: string[][] = [];
  while (out.length < count) {
    const text = article(pool, rnd, 1000);
    const a = analyze(text);
    for (const c of a.claims) out.push([...sentenceFeatures(text, a.sentences[c.sentence], a).terms.keys()]);
  }
  return out.slice(0, count);
}

/**
 * One claim's questions, as a check asks them: term statistics for its
 * sentence, then the passages of its rarest terms (chosen as
 * evidence/context.ts candidates() chooses them: terms in more than 3% of
 * passages, 50–400, only when fewer than 3 rarer ones are left; at most 8),
 * then the records of the people in them, as a check reads them: each
 * person's record without its sources (archive/partial.ts; a rule reads a
 * person's sources only for a title conflict, a hover for the one official
 * it shows).
 */
async function oneClaim(store: ArchiveStore, terms: string[]): Promise<string[]> {
  const stats = await store.termStats(terms);
  const common = Math.max(50, Math.min(400, stats.documents * 0.03));
  const ranked = [...terms].sort((a, b) => stats.weight(b) - stats.weight(a));
  const rare = ranked.filter((t) => stats.count(t) <= common);
  const query = (rare.length >= 3 ? rare : ranked.slice(0, 3)).slice(0, 8);
  const [passages] = await store.retrieve([query], 40);
  const names = [...new Set(passages.flatMap((p) => p.officials.map((o) => o.name)))];
  await store.personsInPart(names);
  return names;
}

/** An edit: one sentence added in the middle, as typing adds it (the rest asks what it asked before). */
export function oneSentenceEdit(text: string): string {
  const cut = text.indexOf('. ', text.length >> 1) + 2;
  return `${text.slice(0, cut)}The council met again on Tuesday. ${text.slice(cut)}`;
}

/** Drafts to check whole: generated like the sources, but not among them. */
function drafts(count: number): string[] {
  const pool = sentencePool();
  const rnd = random(31);
  return Array.from({ length: count }, () => article(pool, rnd, 600));
}

/**
 * What a quantity measured at two archive sizes would be at `target`,
 * growing as a power of the size (the exponent from the two points; flat
 * or shrinking counts as flat).
 */
export function grown(small: [number, number], large: [number, number], target: number): { value: number; exponent: number } {
  const exponent = Math.max(0, Math.log(large[1] / small[1]) / Math.log(large[0] / small[0]));
  return { value: large[1] * (target / large[0]) ** exponent, exponent };
}

export async function archiveSection(sizes: number[], quick: boolean, log: (s: string) => void): Promise<ArchiveRow[]> {
  const rows: ArchiveRow[] = [];
  // Per size: per-claim p95, one article's check, ingest rate and storage per article, for the growth rows.
  const points: { n: number; p95: number; check: number; rate: number; bytes: number; finalize: number; incremental?: number }[] = [];
  const server = await startTestServer();
  const root = mkdtempSync(join(tmpdir(), 'claimlens-bench-archive-'));
  const worker = join(ROOT, 'dist', 'indexer.js');
  try {
    const url = await server.createDatabase('bench');
    let have = 0;
    for (const n of sizes) {
      // Each size adds sources to the same archive: ingest is incremental.
      const dir = join(root, `sources-${n}`);
      log(`archive: generating ${n - have} sources…\n`);
      writeCorpus(dir, n - have, 100 + n);
      const pool = openPool(url, { max: 2, statementTimeout: 600_000 });
      const t = now();
      const stats = await ingest(pool, url, [dir], { workerScript: worker, batchSize: 500 });
      const seconds = (now() - t) / 1000;
      await pool.query('VACUUM ANALYZE');
      const size = Number((await pool.query('SELECT pg_database_size(current_database()) AS b')).rows[0].b);
      await pool.end();
      have = n;
      const rate = stats.added / seconds;
      rows.push({ what: `ingest ${stats.added} generated articles (archive of ${n})`, value: rate, unit: 'articles/s', target: '≥ 300/s', met: rate >= 300 });
      rows.push({ what: `archive storage per article, ${n} articles`, value: size / n / 1024, unit: 'KB' });
      // Part of the ingest above: a new archive, or one more than doubling, is finalized by reading every source's summary.
      rows.push({ what: `archive finalize after the ingest (${stats.finalize ?? 'none'}), ${n} articles`, value: stats.finalizeMs / 1000, unit: 's' });

      const store = await ArchiveStore.open(url, { max: 2 });
      const queries = claimQueries(quick ? 60 : 200);
      // A question over the editor's statement timeout counts as failed, and the others go on.
      const timed = async (run: () => Promise<unknown>, into: number[]) => {
        const t0 = now();
        const ok = await run().then(() => true, () => false);
        if (ok) into.push(now() - t0);
        return ok;
      };
      const failedOf = (failed: number, of: number) => (failed ? ` (${failed} of ${of} timed out)` : '');
      for (const q of queries.slice(0, 10)) await oneClaim(store, q).catch(() => undefined);
      const times: number[] = [];
      let failedClaims = 0;
      const named = new Set<string>();
      for (const q of queries) if (!(await timed(() => oneClaim(store, q).then((names) => names.forEach((x) => named.add(x))), times))) failedClaims++;
      rows.push({ what: `archive questions per claim, ${n} articles, p50${failedOf(failedClaims, queries.length)}`, value: percentile(times, 50), unit: 'ms' });
      rows.push({ what: `archive questions per claim, ${n} articles, p95`, value: percentile(times, 95), unit: 'ms', target: '≤ 20 ms', met: percentile(times, 95) <= 20 && !failedClaims });

      // What the records' sources cost where they are read: an official's hover, in an editor that has not read them yet.
      const hovers: number[] = [];
      const fresh = await ArchiveStore.open(url, { max: 2 });
      for (const name of [...named].slice(0, quick ? 10 : 40)) {
        const p = (await fresh.personsInPart([name])).get(name);
        if (p) await timed(() => fresh.resolvePeople([p], QUOTES_SHOWN), hovers);
      }
      await fresh.close();
      rows.push({ what: `archive: an official's hover (the person's sources, three quotes' bodies), ${n} articles, p95`, value: percentile(hovers, 95), unit: 'ms' });

      // Whole drafts of about 600 words, checked as the editor checks them (every rule, every round trip).
      const checks: number[] = [];
      const texts = drafts(quick ? 3 : 6);
      const check = (text: string) => checkArticleIn(store, text, { format: 'plaintext', path: join(root, 'draft.txt') });
      await check(texts[0]).catch(() => undefined);
      // Each draft checked, then checked again after an edit (its people and most of its rankings kept).
      const edits: number[] = [];
      let failedChecks = 0;
      let failedEdits = 0;
      for (const text of texts) {
        if (!(await timed(() => check(text), checks))) failedChecks++;
        if (!(await timed(() => check(oneSentenceEdit(text)), edits))) failedEdits++;
      }
      await store.close();
      rows.push({ what: `archive: one 600-word article's check, ${n} articles, median${failedOf(failedChecks, texts.length)}`, value: percentile(checks, 50), unit: 'ms' });
      rows.push({ what: `archive: the same article's check after a one-sentence edit, ${n} articles, median${failedOf(failedEdits, texts.length)}`, value: percentile(edits, 50), unit: 'ms' });
      points.push({ n, p95: percentile(times, 95), check: percentile(checks, 50), rate, bytes: size / n, finalize: stats.finalizeMs / 1000 });

      // 20 editors at once, each with its own connection.
      const clients = await Promise.all(Array.from({ length: 20 }, () => ArchiveStore.open(url, { max: 1 })));
      const concurrent: number[] = [];
      const per = quick ? 5 : 15;
      let failed = 0;
      await Promise.all(
        clients.map(async (c, i) => {
          for (let k = 0; k < per; k++) if (!(await timed(() => oneClaim(c, queries[(i * per + k) % queries.length]), concurrent))) failed++;
        }),
      );
      await Promise.all(clients.map((c) => c.close()));
      rows.push({ what: `archive questions per claim, ${n} articles, 20 clients at once, p95${failedOf(failed, 20 * per)}`, value: percentile(concurrent, 95), unit: 'ms' });

      // What a desk's everyday ingest pays: a few new articles into the large archive (finalize reads only them, finalize.ts).
      const extra = join(root, `more-${n}`);
      writeCorpus(extra, 100, 200 + n);
      const morePool = openPool(url, { max: 2, statementTimeout: 600_000 });
      const more = await ingest(morePool, url, [extra], { workerScript: worker, batchSize: 500 });
      await morePool.end();
      have += more.added;
      rows.push({ what: `archive finalize after adding 100 articles to an archive of ${n} (${more.finalize ?? 'none'})`, value: more.finalizeMs / 1000, unit: 's' });
      points[points.length - 1].incremental = more.finalizeMs / 1000;
    }
    // A million articles would take the benchmark hours to generate and ingest: how it grows from the two largest sizes instead.
    if (points.length >= 2) {
      const [a, b] = points.slice(-2);
      const target = 1_000_000;
      const at = (pick: (p: (typeof points)[number]) => number) => grown([a.n, pick(a)], [b.n, pick(b)], target);
      const label = (what: string, g: { exponent: number }) => `${what}, 1,000,000 articles, extrapolated (∝ size^${g.exponent.toFixed(2)} from ${a.n} → ${b.n})`;
      const p95 = at((p) => p.p95);
      rows.push({ what: label('archive questions per claim p95', p95), value: p95.value, unit: 'ms', target: '≤ 20 ms', met: p95.value <= 20 });
      const check = at((p) => p.check);
      // Not when every check at a size timed out.
      if (Number.isFinite(check.value)) rows.push({ what: label("archive: one article's check", check), value: check.value, unit: 'ms' });
      const fin = at((p) => p.finalize);
      rows.push({ what: label('archive finalize reading the whole archive (after a removal, replacement or metadata change)', fin), value: fin.value, unit: 's' });
      const added = at((p) => p.incremental ?? NaN);
      if (Number.isFinite(added.value)) rows.push({ what: label('archive finalize after adding 100 articles', added), value: added.value, unit: 's' });
      rows.push({ what: `archive storage, 1,000,000 articles (${(b.bytes / 1024).toFixed(0)} KB each)`, value: (b.bytes * target) / 1024 ** 3, unit: 'GB' });
    }
  } finally {
    await server.stop();
    rmSync(root, { recursive: true, force: true });
  }
  return rows;
}
