// Profiling helper (not part of the benchmark table): the questions of one
// claim, as the benchmark asks them (bench/archive.ts oneClaim), against an
// archive that is already filled, with each phase timed, the ranking's
// settled/full counts, and with --compare every ranking checked against the
// exhaustive one (RETRIEVE) and timed beside it.
//   npx tsx test/bench/profile-archive.ts URL [CLAIMS] [--compare]
// Fill an archive once with  claimlens archive ingest --db URL FOLDER...
// (test/bench/generate.ts writeCorpus makes the folders).
import pg from 'pg';
import { RETRIEVE } from '../../server/src/archive/ranking';
import { ArchiveStore } from '../../server/src/archive/store';
import { SOURCES_PER_QUERY } from '../../server/src/corpus/passages';
import { claimQueries, percentile } from './archive';

const url = process.argv[2];
const count = Number(process.argv.find((a, i) => i > 2 && /^\d+$/.test(a)) ?? 200);
const compare = process.argv.includes('--compare');
const now = () => Number(process.hrtime.bigint()) / 1e6;
const p50p95 = (xs: number[]) => `p50 ${percentile(xs, 50).toFixed(1)} p95 ${percentile(xs, 95).toFixed(1)} ms`;

(async () => {
  if (!url) throw new Error('usage: profile-archive.ts URL [CLAIMS] [--compare]');
  const store = await ArchiveStore.open(url, { max: 2, lists: !process.env.NOLISTS });
  const client = new pg.Client({ connectionString: url });
  await client.connect();
  const queries = claimQueries(count);
  for (const pass of [1, 2]) {
    const phases = { total: [] as number[], terms: [] as number[], retrieve: [] as number[], persons: [] as number[], exhaustive: [] as number[] };
    let differ = 0;
    for (const terms of queries) {
      const t0 = now();
      const stats = await store.termStats(terms);
      const t1 = now();
      const common = Math.max(50, Math.min(400, stats.documents * 0.03));
      const ranked = [...terms].sort((a, b) => stats.weight(b) - stats.weight(a));
      const rare = ranked.filter((t) => stats.count(t) <= common);
      const query = (rare.length >= 3 ? rare : ranked.slice(0, 3)).slice(0, 8);
      const [passages] = await store.retrieve([query], 40);
      const t2 = now();
      await store.personsInPart([...new Set(passages.flatMap((p) => p.officials.map((o) => o.name)))]);
      const t3 = now();
      phases.total.push(t3 - t0);
      phases.terms.push(t1 - t0);
      phases.retrieve.push(t2 - t1);
      phases.persons.push(t3 - t2);
      if (compare) {
        const values = [query.map(() => 0), query.map((_, j) => j), query, '', Buffer.alloc(0), SOURCES_PER_QUERY];
        const t4 = now();
        const full = (await client.query<{ id: string }>({ name: 'exhaustive', text: RETRIEVE, values })).rows.map((r) => r.id);
        phases.exhaustive.push(now() - t4);
        const sources = new Set(passages.map((p) => p.source.path));
        const exhaustive = await client.query<{ locator: string }>('SELECT locator FROM sources WHERE id = ANY($1::bigint[])', [full]);
        if (![...sources].every((s) => exhaustive.rows.some((r) => r.locator === s))) differ++;
      }
    }
    console.log(`pass ${pass} (${pass === 1 ? 'cold caches' : 'warm'}): claim ${p50p95(phases.total)}; term counts ${p50p95(phases.terms)}; retrieval ${p50p95(phases.retrieve)}; persons ${p50p95(phases.persons)}`);
    if (compare) console.log(`  exhaustive ranking alone ${p50p95(phases.exhaustive)}; claims whose passages came from other sources: ${differ}`);
  }
  console.log(`rankings settled by the lists: ${store.ranking.listed}, by the walk: ${store.ranking.settled}, by reading every source with the terms: ${store.ranking.full}, answered from kept rankings: ${store.ranking.kept}`);
  await client.end();
  await store.close();
})().catch((e) => {
  console.error(e);
  process.exit(1);
});
