// Profiling helper (not part of the benchmark table): checks articles
// against a corpus in a loop, for `node --cpu-prof`.
//   node --cpu-prof --import tsx test/bench/profile-check.ts [SOURCES]
// KEEP=DIR reuses a generated corpus and its cache from an earlier run.
// ARTICLE=bench checks only the benchmark's 1,000-word article (the text the
// "analysis + evidence vs seeds" and LSP edit rows time).
import { existsSync, mkdtempSync, readdirSync, readFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { Corpus } from '../../server/src/corpus/corpus';
import { checkArticle } from '../../server/src/engine';
import { articleOf } from './articles';
import { article, random, sentencePool, writeCorpus } from './generate';

import { ROOT } from '../root';
const n = Number(process.argv[2] ?? 0);
(async () => {
  const corpus = new Corpus({ cacheDir: process.env.KEEP ? join(process.env.KEEP, 'cache') : undefined, workerScript: join(ROOT, 'dist', 'indexer.js'), version: 'x' });
  if (n) {
    const root = process.env.KEEP ?? mkdtempSync(join(tmpdir(), 'claimlens-prof-'));
    if (!existsSync(join(root, 'sources'))) writeCorpus(join(root, 'sources'), n, 3);
    await corpus.loadAsync([join(root, 'sources')]);
  } else corpus.load([join(ROOT, 'seeds')]);
  const pool = sentencePool();
  const rnd = random(11);
  const texts = process.env.ARTICLE === 'bench' ? [articleOf(1000)] : [[...readdirSync(join(ROOT, 'seeds')).map((f) => readFileSync(join(ROOT, 'seeds', f), 'utf8'))].join('\n').slice(0, 6500), ...Array.from({ length: 5 }, () => article(pool, rnd, 1000))];
  const started = Date.now();
  let runs = 0;
  let claims = 0;
  while (Date.now() - started < 8000) {
    claims += checkArticle(texts[runs % texts.length], { format: 'plaintext', corpus }).analysis.claims.length;
    runs++;
  }
  const ms = Date.now() - started;
  console.log(`${runs} checks, ${(ms / runs).toFixed(1)} ms each, ${(ms / claims).toFixed(2)} ms per claim`);
})();
