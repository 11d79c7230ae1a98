// Profiling helper (not part of the benchmark table): analyses a ~1,000-word
// article (the benchmark's) in a loop, for `node --cpu-prof`.
import { readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { ParseEnglish } from 'parse-english';
import { analyze } from '../../server/src/analysis/analyze';

import { ROOT } from '../root';
const dir = (d: string) => readdirSync(join(ROOT, d)).filter((f) => /\.(txt|md)$/.test(f)).map((f) => readFileSync(join(ROOT, d, f), 'utf8'));
const text = [...dir('seeds'), ...dir('test/fixtures/articles')].join('\n').split(/(\s+)/).slice(0, 2000).join('');
const mode = process.argv[2] ?? 'analyze';
const started = Date.now();
let runs = 0;
while (Date.now() - started < 6000) {
  if (mode === 'parse') new ParseEnglish().parse(text);
  else analyze(text);
  runs++;
}
console.log(`${mode}: ${((Date.now() - started) / runs).toFixed(3)} ms per run`);
