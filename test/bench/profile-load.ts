// Profiling helper (not part of the benchmark table): loads a generated
// corpus cold (on worker threads when dist/indexer.js exists) and warm.
//   node --cpu-prof --import tsx test/bench/profile-load.ts [SOURCES] [--no-workers]
import { existsSync, mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { Corpus } from '../../server/src/corpus/corpus';
import { writeCorpus } from './generate';

const n = Number(process.argv[2] ?? 1000);
const worker = join(__dirname, '..', '..', 'dist', 'indexer.js');
// KEEP=DIR reuses a corpus (and its cache) from an earlier run, to time the warm start alone.
const root = process.env.KEEP ?? mkdtempSync(join(tmpdir(), 'claimlens-load-'));
if (!existsSync(join(root, 'sources'))) writeCorpus(join(root, 'sources'), n, 3);
(async () => {
  const options = { cacheDir: join(root, 'cache'), workerScript: process.argv.includes('--no-workers') || !existsSync(worker) ? undefined : worker, version: 'x' };
  let t = Date.now();
  if (!process.env.KEEP || !existsSync(join(root, 'cache'))) {
    const cold = new Corpus(options);
    await cold.loadAsync([join(root, 'sources')]);
    console.log(`cold ${n}: ${Date.now() - t} ms (${options.workerScript ? 'workers' : 'one thread'})`);
  }
  t = Date.now();
  const warm = new Corpus(options);
  await warm.loadAsync([join(root, 'sources')]);
  console.log(`warm ${n}: ${Date.now() - t} ms (${warm.lastLoad.cached} cached)`);
})();
