// Profiling helper (not part of the benchmark table): analyses one of the
// benchmark's articles in a loop, for `node --cpu-prof`.
//   node out/pa.js analyze|parse [words]
import { ParseEnglish } from 'parse-english';
import { analyze } from '../../server/src/analysis/analyze';
import { articleOf } from './articles';

const mode = process.argv[2] ?? 'analyze';
const text = articleOf(Number(process.argv[3] ?? 1000));
const started = Date.now();
let runs = 0;
while (Date.now() - started < 6000) {
  if (mode === 'parse') new ParseEnglish().parse(text);
  else analyze(text);
  runs++;
}
console.log(`${mode}: ${((Date.now() - started) / runs).toFixed(3)} ms per run`);
