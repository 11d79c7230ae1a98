// Profiling helper (not part of the benchmark table): whole 600-word drafts
// checked against a PostgreSQL archive as the editor checks them
// (engine.ts checkArticleIn), each first time (nothing kept) and again after
// a one-sentence edit, with the time each named statement took.
//   npx tsx test/bench/profile-check-archive.ts SOURCES [DRAFTS]
//     starts a throwaway server, ingests SOURCES generated articles, checks
//   npx tsx test/bench/profile-check-archive.ts SOURCES --serve
//     the same server and archive, left running: prints its URL, stops on Ctrl-C
//   npx tsx test/bench/profile-check-archive.ts URL [DRAFTS]
//     checks against an archive already filled
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { openPool } from '../../server/src/archive/db';
import { ingest } from '../../server/src/archive/ingest';
import { ArchiveStore } from '../../server/src/archive/store';
import { checkArticleIn } from '../../server/src/engine';
import { startTestServer, type TestServer } from '../archive/postgres';
import { ROOT } from '../root';
import { oneSentenceEdit } from './archive';
import { article, random, sentencePool, writeCorpus } from './generate';

const now = () => Number(process.hrtime.bigint()) / 1e6;
const arg = process.argv[2] ?? '3000';
const drafts = Number(process.argv.find((a, i) => i > 2 && /^\d+$/.test(a)) ?? 4);
const serve = process.argv.includes('--serve');

/** Time per statement name, summed while `f` runs (statements overlap: the sum can exceed the wall time). */
async function timedStatements<T>(f: () => Promise<T>): Promise<{ value: T; ms: number; statements: Map<string, { n: number; ms: number }> }> {
  const proto = ArchiveStore.prototype as unknown as { query: (name: string, text: string, values: unknown[]) => Promise<unknown> };
  const original = proto.query;
  const statements = new Map<string, { n: number; ms: number }>();
  proto.query = async function (this: unknown, name: string, text: string, values: unknown[]) {
    const t = now();
    try {
      return await original.call(this, name, text, values);
    } finally {
      const s = statements.get(name) ?? { n: 0, ms: 0 };
      s.n++;
      s.ms += now() - t;
      statements.set(name, s);
    }
  };
  const t0 = now();
  try {
    const value = await f();
    return { value, ms: now() - t0, statements };
  } finally {
    proto.query = original;
  }
}

const describe = (s: Map<string, { n: number; ms: number }>) =>
  [...s]
    .sort((a, b) => b[1].ms - a[1].ms)
    .map(([name, { n, ms }]) => `${name} ${n}× ${ms.toFixed(0)} ms`)
    .join(', ');

async function profile(url: string): Promise<void> {
  // A statement timeout longer than the editor's: a slow check is timed, not cut.
  const store = await ArchiveStore.open(url, { statementTimeout: 120_000 });
  const pool = sentencePool();
  const rnd = random(31);
  const path = join(tmpdir(), 'draft.txt');
  const firsts: number[] = [];
  const agains: number[] = [];
  try {
    for (let i = 0; i < drafts; i++) {
      const text = article(pool, rnd, 600);
      const first = await timedStatements(() => checkArticleIn(store, text, { format: 'plaintext', path }));
      const again = await timedStatements(() => checkArticleIn(store, oneSentenceEdit(text), { format: 'plaintext', path }));
      firsts.push(first.ms);
      agains.push(again.ms);
      console.log(`draft ${i + 1}: ${first.value.analysis.claims.length} claims, first check ${first.ms.toFixed(0)} ms (${describe(first.statements)}); edited ${again.ms.toFixed(0)} ms (${describe(again.statements)})`);
    }
    const median = (xs: number[]) => [...xs].sort((a, b) => a - b)[xs.length >> 1];
    console.log(`median: first check ${median(firsts).toFixed(0)} ms, edited ${median(agains).toFixed(0)} ms; rankings ${JSON.stringify(store.ranking)}`);
  } finally {
    await store.close();
  }
}

(async () => {
  if (/^postgres(ql)?:/.test(arg)) return profile(arg);
  const n = Number(arg);
  const server: TestServer = await startTestServer();
  const root = mkdtempSync(join(tmpdir(), 'claimlens-prof-archive-'));
  const stop = async () => {
    await server.stop();
    rmSync(root, { recursive: true, force: true });
  };
  try {
    const url = await server.createDatabase('profile');
    writeCorpus(join(root, 'sources'), n, 100 + n);
    const p = openPool(url, { max: 2, statementTimeout: 600_000 });
    const t = now();
    await ingest(p, url, [join(root, 'sources')], { workerScript: join(ROOT, 'dist', 'indexer.js'), batchSize: 500 });
    await p.query('VACUUM ANALYZE');
    await p.end();
    console.log(`ingested ${n} articles in ${((now() - t) / 1000).toFixed(1)} s`);
    if (serve) {
      console.log(url);
      process.once('SIGINT', () => void stop().then(() => process.exit(0)));
      process.once('SIGTERM', () => void stop().then(() => process.exit(0)));
      return;
    }
    await profile(url);
  } finally {
    if (!serve) await stop();
  }
})().catch((e) => {
  console.error(e);
  process.exit(1);
});
