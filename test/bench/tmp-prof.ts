import { readFileSync, readdirSync } from 'node:fs';
import { analyze } from '../../server/src/analysis/analyze';
const files = [...readdirSync('seeds').map(f => 'seeds/' + f), ...readdirSync('test/fixtures/articles').filter(f => /\.(txt|md)$/.test(f)).map(f => 'test/fixtures/articles/' + f)];
const text = files.map(f => readFileSync(f, 'utf8')).join('\n');
const t = Date.now(); let n = 0; while (Date.now() - t < 8000) { analyze(text); n++; } console.log(n);
