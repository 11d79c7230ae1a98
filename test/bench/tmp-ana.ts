import { readFileSync, readdirSync } from 'node:fs';
import { ParseEnglish } from 'parse-english';
import { analyze } from '/work/main/server/src/analysis/analyze';
const files = [...readdirSync('/work/main/seeds').map(f => '/work/main/seeds/' + f), ...readdirSync('/work/main/test/fixtures/articles').filter(f => /\.(txt|md)$/.test(f)).map(f => '/work/main/test/fixtures/articles/' + f)];
let text = files.map(f => readFileSync(f, 'utf8')).join('\n');
const words = text.split(/\s+/).length; const per = Math.ceil(1000 / words * text.length); text = (text + '\n' + text).slice(0, per);
console.log('words', text.split(/\s+/).length);
function med(fn: () => void, n = 200) { for (let i = 0; i < 30; i++) fn(); const ts: number[] = []; for (let i = 0; i < n; i++) { const t = process.hrtime.bigint(); fn(); ts.push(Number(process.hrtime.bigint() - t) / 1e6); } ts.sort((a, b) => a - b); return ts[n >> 1]; }
for (let r = 0; r < 3; r++) {
const p = med(() => new ParseEnglish().parse(text));
const a = med(() => analyze(text));
console.log('parse', p.toFixed(3), 'analyze', a.toFixed(3), 'ratio', (a / p).toFixed(2));
}
