// `npm run bench`: medians over repeated runs, each beside a baseline
// measured in the same run on the same text (the machines are shared and
// noisy, so the ratios are what we track). Not a test: it prints a table
// and never fails.
//
//   npm run bench              everything (about three minutes)
//   npm run bench -- --quick   smaller corpora and fewer repetitions
//   npm run bench -- --only=hostile   one section (analysis, lsp, corpus, hostile)
//   npm run bench -- --archive only the shared archive's rows (PostgreSQL;
//                              10,000 and 100,000 generated articles, or
//                              --archive=10000 for the sizes given)

import { mkdirSync, mkdtempSync, readdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { ParseEnglish } from 'parse-english';
import { analyze } from '../../server/src/analysis/analyze';
import { Corpus } from '../../server/src/corpus/corpus';
import { checkArticle } from '../../server/src/engine';
import { LspClient, uriOf } from '../protocol/lsp';
import { archiveSection } from './archive';
import { articleOf } from './articles';
import { article, random, sentencePool, writeCorpus, writeHtmlCorpus } from './generate';
import { SHAPES } from './shapes';

import { ROOT } from '../root';
const QUICK = process.argv.includes('--quick');
const ONLY = process.argv.find((a) => a.startsWith('--only='))?.slice('--only='.length);
const runs = (section: string) => !ONLY || ONLY === section;
const ARCHIVE_ARG = process.argv.find((a) => a === '--archive' || a.startsWith('--archive='));
const ARCHIVE_ONLY = ARCHIVE_ARG !== undefined;
const WORKER = join(ROOT, 'dist', 'indexer.js');

interface Row {
  section: string;
  what: string;
  median: number;
  unit: string;
  baseline?: { name: string; median: number };
  /** Median of the per-run ratios to the baseline. */
  ratio?: number;
  target?: string;
  met?: boolean;
}
const rows: Row[] = [];

const now = () => Number(process.hrtime.bigint()) / 1e6;
const median = (xs: number[]) => {
  const s = [...xs].sort((a, b) => a - b);
  return s.length % 2 ? s[s.length >> 1] : (s[s.length / 2 - 1] + s[s.length / 2]) / 2;
};

/**
 * Times `run` and `baseline` in alternating blocks, so both see the same
 * machine load. A block lasts long enough (about 60 ms, at least two timed
 * calls) for each side to reach its own steady state, and its first call is
 * not counted: alternating single calls made each side pay for the other's
 * garbage and compiled code, which swung the analysis of 10,000 words
 * between 1.1× and 3× from one call to the next.
 */
function paired(run: () => void, baseline: () => void, rounds: number): { run: number; base: number; ratio: number } {
  const once = (f: () => void) => {
    const t = now();
    f();
    return now() - t;
  };
  // Warm up until both are compiled: the analysis is a lot of code and takes
  // some hundreds of calls to reach its steady speed.
  const warm = now();
  for (let i = 0; i < 3 || now() - warm < 600; i++) once(run), once(baseline);
  const calls = Math.min(200, Math.max(2, Math.ceil(60 / Math.max(once(run), once(baseline), 0.001))));
  const block = (f: () => void) => {
    once(f);
    return Array.from({ length: calls }, () => once(f));
  };
  const r: number[] = [];
  const b: number[] = [];
  const ratios: number[] = [];
  for (let i = 0; i < rounds; i++) {
    const bs = block(baseline);
    const rs = block(run);
    b.push(...bs);
    r.push(...rs);
    ratios.push(median(rs) / median(bs));
  }
  return { run: median(r), base: median(b), ratio: median(ratios) };
}

const parse = (text: string) => () => void new ParseEnglish().parse(text);
const regexScan = (text: string) => () => {
  let n = 0;
  for (const _ of text.matchAll(/[\p{L}\p{N}]+/gu)) n++;
  return n;
};

function analysisSection(seeds: Corpus) {
  for (const words of [300, 1000, 10000, 100000]) {
    const text = articleOf(words);
    const rounds = words >= 100000 ? 3 : QUICK ? 5 : 9;
    const scan = paired(regexScan(text), parse(text), rounds);
    rows.push({ section: 'analysis', what: `regex scan, ${words} words`, median: scan.run, unit: 'ms', baseline: { name: 'parse-english', median: scan.base }, ratio: scan.ratio });
    const a = paired(() => analyze(text), parse(text), rounds);
    rows.push({ section: 'analysis', what: `analysis, ${words} words`, median: a.run, unit: 'ms', baseline: { name: 'parse-english', median: a.base }, ratio: a.ratio, target: '≤ 1.5× parse', met: a.ratio <= 1.5 });
    const e = paired(() => checkArticle(text, { format: 'plaintext', corpus: seeds }), parse(text), rounds);
    rows.push({
      section: 'analysis',
      what: `analysis + evidence vs seeds, ${words} words`,
      median: e.run,
      unit: 'ms',
      baseline: { name: 'parse-english', median: e.base },
      ratio: e.ratio,
      ...(words === 1000 ? { target: '≤ 15 ms', met: e.run <= 15 } : {}),
    });
  }
}

async function lspSection() {
  const text = articleOf(1000);
  const base = paired(parse(text), parse(text), 3).base;
  const dir = mkdtempSync(join(tmpdir(), 'claimlens-bench-lsp-'));
  const uri = uriOf(join(dir, 'article.txt'));
  const client = await LspClient.start({ root: dir });
  const reps = QUICK ? 21 : 61;
  try {
    const opens: number[] = [];
    for (let i = 0; i < Math.min(reps, 21); i++) {
      const u = uriOf(join(dir, `open-${i}.txt`));
      const t = now();
      await client.open(u, text);
      opens.push(now() - t);
      await client.close(u);
    }
    push('LSP', 'open → diagnostics, 1,000 words', median(opens), base);
    await client.open(uri, text);
    const edits: number[] = [];
    for (let i = 0; i < reps; i++) {
      // Type a character, then delete it: incremental changes as a keystroke sends them.
      const at = { line: 3, character: 10 };
      const change = i % 2 === 0 ? { range: { start: at, end: at }, text: 'x' } : { range: { start: at, end: { line: 3, character: 11 } }, text: '' };
      const t = now();
      await client.change(uri, [change]);
      edits.push(now() - t);
    }
    push('LSP', 'edit → diagnostics, 1,000 words', median(edits), base, '≤ 15 ms', 15);
    const lines = text.split('\n');
    const line = lines.findIndex((l) => /\d/.test(l));
    const character = lines[line].search(/\d/);
    push('LSP', 'hover on a figure', await timed(reps, () => client.request('textDocument/hover', { textDocument: { uri }, position: { line, character } })), base, '≤ 2 ms', 2);
    push('LSP', 'code lens', await timed(reps, () => client.request('textDocument/codeLens', { textDocument: { uri } })), base);
    // Hovers on this document while a 1 MB document is being checked in the same server: each
    // hover waits at most for one slice of the other check.
    const big = articleOf(140000);
    const bigUri = uriOf(join(dir, 'big.txt'));
    const hovers: number[] = [];
    const checked = client.open(bigUri, big);
    let done = false;
    void checked.then(() => (done = true));
    const t0 = now();
    while (!done) {
      const t = now();
      await client.request('textDocument/hover', { textDocument: { uri }, position: { line, character } });
      hovers.push(now() - t);
    }
    const checkMs = now() - t0;
    push('LSP', `hover while a ${(big.length / 1e6).toFixed(1)} MB document is checked (${hovers.length} hovers in ${(checkMs / 1000).toFixed(1)} s)`, median(hovers), base, '≤ 50 ms', 50);
    await client.close(bigUri);
  } finally {
    await client.stop();
    rmSync(dir, { recursive: true, force: true });
  }
  // Workspace symbol over a workspace of generated articles.
  const ws = mkdtempSync(join(tmpdir(), 'claimlens-bench-ws-'));
  const files = QUICK ? 300 : 1000;
  writeCorpus(ws, files, 7);
  const wsClient = await LspClient.start({ root: ws });
  try {
    await wsClient.waitForNotification('claimlens/status', (p) => (p as { articles: number; loading: boolean }).articles === files && !(p as { loading: boolean }).loading, 600000);
    push('LSP', `workspace symbol, ${files} files`, await timed(reps, () => wsClient.request('workspace/symbol', { query: 'killed 1,400' })), base);
  } finally {
    await wsClient.stop();
    rmSync(ws, { recursive: true, force: true });
  }
}

async function timed(reps: number, run: () => Promise<unknown>): Promise<number> {
  for (let i = 0; i < 3; i++) await run();
  const xs: number[] = [];
  for (let i = 0; i < reps; i++) {
    const t = now();
    await run();
    xs.push(now() - t);
  }
  return median(xs);
}

function push(section: string, what: string, ms: number, base: number, target?: string, limit?: number) {
  rows.push({ section, what, median: ms, unit: 'ms', baseline: { name: 'parse-english', median: base }, ratio: ms / base, target, met: limit === undefined ? undefined : ms <= limit });
}

async function corpusSection() {
  const pool = sentencePool();
  const checkText = articleOf(1000);
  for (const n of QUICK ? [1000] : [1000, 10000]) {
    const root = mkdtempSync(join(tmpdir(), 'claimlens-bench-corpus-'));
    const dir = join(root, 'sources');
    writeCorpus(dir, n, 3);
    // Baseline: parsing the sources' text with bare parse-english (a sample, scaled up).
    const files = readdirSync(dir);
    const sample = files.filter((_, i) => i % Math.max(1, Math.floor(n / 200)) === 0);
    let t = now();
    for (const f of sample) new ParseEnglish().parse(readFileSync(join(dir, f), 'utf8'));
    const parseAll = ((now() - t) * files.length) / sample.length;
    const cacheDir = join(root, 'cache');
    global.gc?.();
    const heapBefore = process.memoryUsage().heapUsed;
    const corpus = new Corpus({ cacheDir, workerScript: WORKER, version: 'bench' });
    t = now();
    await corpus.loadAsync([dir]);
    const cold = now() - t;
    global.gc?.();
    const heap = (process.memoryUsage().heapUsed - heapBefore) / 1e6;
    rows.push({ section: 'corpus', what: `index ${n} sources, cold (${corpus.lastLoad.prepared} analysed)`, median: cold / 1000, unit: 's', baseline: { name: 'parse-english of all sources', median: parseAll / 1000 }, ratio: cold / parseAll, ...(n === 10000 ? { target: '≤ 30 s', met: cold <= 30000 } : {}) });
    rows.push({ section: 'corpus', what: `heap for ${n} sources`, median: heap, unit: 'MB', ...(n === 10000 ? { target: '≤ 1 GB', met: heap <= 1024 } : {}) });
    // Checking one article against the corpus: per article and per claim.
    const rnd = random(11);
    const articles = Array.from({ length: QUICK ? 5 : 11 }, () => article(pool, rnd, 1000));
    const perArticle: number[] = [];
    const perClaim: number[] = [];
    for (const a of [checkText, ...articles]) {
      const t0 = now();
      const r = checkArticle(a, { format: 'plaintext', corpus });
      const ms = now() - t0;
      perArticle.push(ms);
      perClaim.push(ms / Math.max(1, r.analysis.claims.length));
    }
    const parseArticle = paired(parse(checkText), parse(checkText), 3).base;
    rows.push({ section: 'corpus', what: `check a 1,000-word article against ${n} sources`, median: median(perArticle), unit: 'ms', baseline: { name: 'parse-english', median: parseArticle }, ratio: median(perArticle) / parseArticle });
    rows.push({ section: 'corpus', what: `evidence per claim, ${n} sources`, median: median(perClaim), unit: 'ms', ...(n === 10000 ? { target: '≤ 5 ms', met: median(perClaim) <= 5 } : {}) });
    // Warm start: a new corpus over the same folder reads the cache.
    const warmCorpus = new Corpus({ cacheDir, workerScript: WORKER, version: 'bench' });
    t = now();
    await warmCorpus.loadAsync([dir]);
    const warm = now() - t;
    rows.push({ section: 'corpus', what: `index ${n} sources, warm from cache (${warmCorpus.lastLoad.cached} cached)`, median: warm / 1000, unit: 's', baseline: { name: 'cold', median: cold / 1000 }, ratio: warm / cold, ...(n === 10000 ? { target: '≤ 2 s', met: warm <= 2000 } : {}) });
    // The same kind of articles as saved web pages (Readability on linkedom first), beside the text corpus.
    const htmlDir = join(root, 'pages');
    writeHtmlCorpus(htmlDir, n, 3);
    const pages = new Corpus({ cacheDir: join(root, 'html-cache'), workerScript: WORKER, version: 'bench' });
    t = now();
    await pages.loadAsync([htmlDir]);
    const htmlCold = now() - t;
    rows.push({ section: 'corpus', what: `index ${n} HTML sources, cold (${pages.size} read)`, median: htmlCold / 1000, unit: 's', baseline: { name: 'text sources cold', median: cold / 1000 }, ratio: htmlCold / cold, ...(n === 10000 ? { target: '≤ 30 s', met: htmlCold <= 30000 } : {}) });
    rmSync(root, { recursive: true, force: true });
  }
}

/**
 * Texts crafted to be slow, each at 1×, 2× and 4× a base size: the time may
 * grow about as the text does (≤ 2.5× per doubling), and a 1 MB file of each
 * shape is checked within 5 s.
 */
function hostileSection(seeds: Corpus) {
  const base = QUICK ? 32000 : 64000;
  const check = (text: string, format: 'plaintext' | 'markdown') => () => void checkArticle(text, { format, corpus: seeds });
  // Each run after a collection, so one size does not pay for another's garbage.
  const time = (run: () => void, reps: number) => {
    run();
    const xs: number[] = [];
    for (let i = 0; i < reps; i++) {
      global.gc?.();
      const t = now();
      run();
      xs.push(now() - t);
    }
    return median(xs);
  };
  for (const shape of SHAPES) {
    const ms = [1, 2, 4].map((k) => time(check(shape.make(base * k), shape.format), QUICK ? 3 : 7));
    // Growth per doubling over the whole 1×→4× span: the middle size alone swings with the machine's load.
    const growth = Math.sqrt(ms[2] / Math.max(0.01, ms[0]));
    rows.push({
      section: 'hostile',
      what: `${shape.name}: ${ms.map((m) => m.toFixed(0)).join(' / ')} ms at ${[1, 2, 4].map((k) => (base * k) / 1000).join('/')} KB`,
      median: ms[2],
      unit: 'ms',
      baseline: { name: `${base / 1000} KB`, median: ms[0] },
      ratio: growth,
      target: '≤ 2.5× per doubling',
      met: growth <= 2.5,
    });
    const mb = time(check(shape.make(1 << 20), shape.format), 1);
    rows.push({ section: 'hostile', what: `${shape.name}: 1 MB`, median: mb / 1000, unit: 's', target: '≤ 5 s', met: mb <= 5000 });
  }
}

function print() {
  const fmt = (x: number, unit: string) => `${x < 10 ? x.toFixed(2) : x < 100 ? x.toFixed(1) : x.toFixed(0)} ${unit}`;
  const header = ['', 'median', 'baseline (median)', 'ratio', 'target'];
  const lines = rows.map((r) => [
    `${r.section.padEnd(9)} ${r.what}`,
    fmt(r.median, r.unit),
    r.baseline ? `${r.baseline.name} ${fmt(r.baseline.median, r.unit)}` : '',
    r.ratio === undefined ? '' : `${r.ratio.toFixed(2)}×`,
    r.target ? `${r.target} ${r.met ? '✓' : '✗'}` : '',
  ]);
  const widths = header.map((h, i) => Math.max(h.length, ...lines.map((l) => l[i].length)));
  const row = (cells: string[]) => cells.map((c, i) => (i === 0 ? c.padEnd(widths[i]) : c.padStart(widths[i]))).join('  ');
  console.log(row(header));
  console.log(widths.map((w) => '-'.repeat(w)).join('  '));
  for (const l of lines) console.log(row(l));
}

async function archiveRows() {
  const given = ARCHIVE_ARG?.split('=')[1]?.split(',').map(Number).filter((n) => n > 0);
  const sizes = given?.length ? given : QUICK ? [1000] : [10000, 100000];
  for (const r of await archiveSection(sizes, QUICK, (s) => process.stderr.write(s))) {
    rows.push({ section: 'archive', what: r.what, median: r.value, unit: r.unit, target: r.target, met: r.met });
  }
}

async function main() {
  if (ARCHIVE_ONLY) {
    await archiveRows();
    print();
    return;
  }
  const seeds = new Corpus();
  seeds.load([join(ROOT, 'seeds')]);
  if (runs('analysis')) {
    process.stderr.write('analysis…\n');
    analysisSection(seeds);
  }
  if (runs('lsp')) {
    process.stderr.write('LSP round trips…\n');
    await lspSection();
  }
  if (runs('hostile')) {
    process.stderr.write('hostile shapes…\n');
    hostileSection(seeds);
  }
  if (runs('corpus')) {
    process.stderr.write('corpus scale…\n');
    await corpusSection();
  }
  if (runs('archive')) {
    process.stderr.write('shared archive…\n');
    await archiveRows();
  }
  print();
  mkdirSync(join(ROOT, 'test-output'), { recursive: true });
  writeFileSync(join(ROOT, 'test-output', 'bench.json'), JSON.stringify(rows, null, 2));
}

main().then(
  () => process.exit(0),
  (e) => {
    console.error(e);
    process.exit(1);
  },
);
