// Profiling helper (not part of the benchmark table): checks one article
// against a corpus in a loop, for `node --cpu-prof`.
//   node --cpu-prof --import tsx test/bench/profile-check.ts [SOURCES]
import { mkdtempSync, readdirSync, readFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { Corpus } from '../../server/src/corpus/corpus';
import { checkArticle } from '../../server/src/engine';
import { writeCorpus } from './generate';

const ROOT = join(__dirname, '..', '..');
const n = Number(process.argv[2] ?? 0);
const corpus = new Corpus();
if (n) {
  const dir = join(mkdtempSync(join(tmpdir(), 'claimlens-prof-')), 'sources');
  writeCorpus(dir, n, 3);
  corpus.load([dir]);
} else corpus.load([join(ROOT, 'seeds')]);
const text = [...readdirSync(join(ROOT, 'seeds')).map((f) => readFileSync(join(ROOT, 'seeds', f), 'utf8'))].join('\n').slice(0, 6500);
const started = Date.now();
let runs = 0;
while (Date.now() - started < 8000) {
  checkArticle(text, { format: 'plaintext', corpus });
  runs++;
}
console.log(`${runs} checks, ${((Date.now() - started) / runs).toFixed(1)} ms each`);
