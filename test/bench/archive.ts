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
const percentile = (xs: number[], p: number) => {
  const s = [...xs].sort((a, b) => a - b);
  return s[Math.min(s.length - 1, Math.floor((p / 100) * s.length))];
};

/** The claims of some generated articles, each as the terms its sentence retrieves by. */
function claimQueries(count: number): string[][] {
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
 * then the records of the people in them.
 */
async function oneClaim(store: ArchiveStore, terms: string[]): Promise<void> {
  const stats = await store.termStats(terms);
  const common = Math.max(50, Math.min(400, stats.documents * 0.03));
  const ranked = [...terms].sort((a, b) => stats.weight(b) - stats.weight(a));
  const rare = ranked.filter((t) => stats.count(t) <= common);
  const query = (rare.length >= 3 ? rare : ranked.slice(0, 3)).slice(0, 8);
  const [passages] = await store.retrieve([query], 40);
  const names = [...new Set(passages.flatMap((p) => p.officials.map((o) => o.name)))];
  await store.persons(names);
}

export async function archiveSection(sizes: number[], quick: boolean, log: (s: string) => void): Promise<ArchiveRow[]> {
  const rows: ArchiveRow[] = [];
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
      await pool.end();
      have = n;
      rows.push({ what: `ingest ${stats.added} generated articles (archive of ${n})`, value: stats.added / seconds, unit: 'articles/s', target: '≥ 300/s', met: stats.added / seconds >= 300 });

      const store = await ArchiveStore.open(url, { max: 2 });
      const queries = claimQueries(quick ? 60 : 200);
      for (const q of queries.slice(0, 10)) await oneClaim(store, q);
      const times: number[] = [];
      for (const q of queries) {
        const t0 = now();
        await oneClaim(store, q);
        times.push(now() - t0);
      }
      await store.close();
      rows.push({ what: `archive questions per claim, ${n} articles, p50`, value: percentile(times, 50), unit: 'ms' });
      rows.push({ what: `archive questions per claim, ${n} articles, p95`, value: percentile(times, 95), unit: 'ms', target: '≤ 20 ms', met: percentile(times, 95) <= 20 });

      // 20 editors at once, each with its own connection.
      const clients = await Promise.all(Array.from({ length: 20 }, () => ArchiveStore.open(url, { max: 1 })));
      const concurrent: number[] = [];
      const per = quick ? 5 : 15;
      let failed = 0;
      await Promise.all(
        clients.map(async (c, i) => {
          for (let k = 0; k < per; k++) {
            const t0 = now();
            // A question that times out counts as failed, and the others go on.
            if (await oneClaim(c, queries[(i * per + k) % queries.length]).then(() => true, () => false)) concurrent.push(now() - t0);
            else failed++;
          }
        }),
      );
      await Promise.all(clients.map((c) => c.close()));
      rows.push({ what: `archive questions per claim, ${n} articles, 20 clients at once, p95${failed ? ` (${failed} of ${20 * per} timed out)` : ''}`, value: percentile(concurrent, 95), unit: 'ms' });
    }
  } finally {
    await server.stop();
    rmSync(root, { recursive: true, force: true });
  }
  return rows;
}
