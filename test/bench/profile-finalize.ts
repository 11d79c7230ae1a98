// How long finalize takes after a small ingest into a larger archive: a
// throwaway PostgreSQL, N generated sources ingested, then 100 more, twice.
//
//   npx tsx test/bench/profile-finalize.ts [N]   (after node build.mjs, for dist/indexer.js)

import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { openPool } from '../../server/src/archive/db';
import { ingest } from '../../server/src/archive/ingest';
import { startTestServer } from '../archive/postgres';
import { ROOT } from '../root';
import { writeCorpus } from './generate';

async function main() {
  const n = Number(process.argv[2] ?? 10000);
  const server = await startTestServer();
  const root = mkdtempSync(join(tmpdir(), 'claimlens-profile-finalize-'));
  try {
    const url = await server.createDatabase('profile');
    const pool = openPool(url, { max: 2, statementTimeout: 600_000 });
    const folders = [join(root, 'base')];
    writeCorpus(folders[0], n, 100 + n);
    const first = await ingest(pool, url, folders, { workerScript: join(ROOT, 'dist', 'indexer.js'), batchSize: 500 });
    process.stdout.write(`${n} articles: finalize ${(first.finalizeMs / 1000).toFixed(2)} s\n`);
    for (let k = 1; k <= 2; k++) {
      folders.push(join(root, `more-${k}`));
      writeCorpus(folders[k], 100, 7000 + k);
      const more = await ingest(pool, url, folders, { workerScript: join(ROOT, 'dist', 'indexer.js'), batchSize: 500 });
      process.stdout.write(`+${more.added} articles: finalize ${(more.finalizeMs / 1000).toFixed(3)} s (${more.finalize})\n`);
    }
    await pool.end();
  } finally {
    await server.stop();
    rmSync(root, { recursive: true, force: true });
  }
}

main().catch((e) => {
  process.stderr.write(`${e instanceof Error ? e.stack : e}\n`);
  process.exit(1);
});
