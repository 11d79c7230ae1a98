// Profiling helper (not part of the benchmark table): where an archive
// ingest's time goes. Times the analysis alone (on the worker threads
// ingest uses), then a whole ingest into a throwaway PostgreSQL with the
// time of each SQL statement summed by its first words, then finalize alone.
//   npm run build && node --cpu-prof --import tsx test/bench/profile-ingest.ts [SOURCES] [--ingest-only]
import { mkdtempSync, readdirSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import pg from 'pg';
import { openPool } from '../../server/src/archive/db';
import { finalize } from '../../server/src/archive/finalize';
import { ingest } from '../../server/src/archive/ingest';
import { prepareInWorkers } from '../../server/src/corpus/workerPool';
import { startTestServer } from '../archive/postgres';
import { writeCorpus } from './generate';

const n = Number(process.argv[2] ?? 3000);
const worker = join(__dirname, '..', '..', 'dist', 'indexer.js');
const now = () => Number(process.hrtime.bigint()) / 1e6;

/**
 * CPU seconds: this process (all its threads) and the PostgreSQL server's
 * processes (the postmaster, its finished children and its live ones). On
 * a shared machine wall times swing with the load; CPU per article does not.
 */
function cpu(socketDir: string): { node: number; pg: number } {
  const tick = 100;
  const stat = (pid: string) => {
    try {
      const f = readFileSync(`/proc/${pid}/stat`, 'utf8');
      return f.slice(f.lastIndexOf(')') + 2).split(' ');
    } catch {
      return undefined;
    }
  };
  const pids = readdirSync('/proc').filter((p) => /^\d+$/.test(p));
  const master = pids.find((p) => {
    try {
      return readFileSync(`/proc/${p}/cmdline`, 'utf8').includes(socketDir);
    } catch {
      return false;
    }
  });
  let pgTicks = 0;
  for (const p of pids) {
    const f = stat(p);
    if (!f) continue;
    // Fields after the command: state ppid … utime(11) stime(12) cutime(13) cstime(14).
    if (p === master) pgTicks += Number(f[11]) + Number(f[12]) + Number(f[13]) + Number(f[14]);
    else if (f[1] === master) pgTicks += Number(f[11]) + Number(f[12]);
  }
  const u = process.cpuUsage();
  return { node: (u.user + u.system) / 1e6, pg: pgTicks / tick };
}

(async () => {
  const root = mkdtempSync(join(tmpdir(), 'claimlens-profile-ingest-'));
  const server = await startTestServer();
  try {
    const dir = join(root, 'sources');
    writeCorpus(dir, n, 7);
    const files = readdirSync(dir).map((f): [string, string] => [dir, join(dir, f)]);
    let t = now();
    let c = cpu(server.host);
    if (!process.argv.includes('--ingest-only')) {
      let ok = 0;
      await prepareInWorkers(worker, files, 1 << 20, (r) => void (r.ok && ok++));
      const analysis = now() - t;
      const c1 = cpu(server.host);
      console.log(`analysis alone: ${n} in ${(analysis / 1000).toFixed(1)} s = ${((ok / analysis) * 1000).toFixed(0)} articles/s; CPU ${(((c1.node - c.node) / n) * 1000).toFixed(2)} ms per article`);
    }

    // Every statement's time, summed by what it does.
    const spent = new Map<string, [number, number]>();
    const query = pg.Client.prototype.query as (...a: unknown[]) => unknown;
    pg.Client.prototype.query = function (this: pg.Client, ...args: unknown[]) {
      const q = args[0] as string | { text: string };
      const text = (typeof q === 'string' ? q : q.text).trim().replace(/\s+/g, ' ').slice(0, 48);
      const t0 = now();
      const r = query.apply(this, args) as Promise<unknown>;
      if (r && typeof r.then === 'function') {
        void r.then(
          () => {
            const s = spent.get(text) ?? [0, 0];
            spent.set(text, [s[0] + now() - t0, s[1] + 1]);
          },
          () => undefined,
        );
      }
      return r;
    } as typeof pg.Client.prototype.query;

    const url = await server.createDatabase('profile');
    const pool = openPool(url, { max: 2, statementTimeout: 600_000 });
    t = now();
    c = cpu(server.host);
    const stats = await ingest(pool, url, [dir], { workerScript: worker, batchSize: 500 });
    const whole = now() - t;
    const c2 = cpu(server.host);
    const per = (x: number) => ((x / stats.added) * 1000).toFixed(2);
    console.log(`ingest: ${stats.added} in ${(whole / 1000).toFixed(1)} s = ${((stats.added / whole) * 1000).toFixed(0)} articles/s; CPU per article: node ${per(c2.node - c.node)} ms, PostgreSQL ${per(c2.pg - c.pg)} ms`);
    for (const [k, [ms, count]] of [...spent].sort((a, b) => b[1][0] - a[1][0]).slice(0, 14)) console.log(`  ${(ms / 1000).toFixed(2).padStart(7)} s ${String(count).padStart(5)}×  ${k}`);
    t = now();
    c = cpu(server.host);
    await finalize(pool);
    const c3 = cpu(server.host);
    console.log(`finalize again (nothing changed): ${((now() - t) / 1000).toFixed(1)} s; CPU node ${(c3.node - c.node).toFixed(1)} s, PostgreSQL ${(c3.pg - c.pg).toFixed(1)} s`);
    await pool.end();
  } finally {
    await server.stop();
    rmSync(root, { recursive: true, force: true });
  }
})();
